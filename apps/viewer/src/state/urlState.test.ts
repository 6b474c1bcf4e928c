import { describe, expect, it } from 'vitest';
import { searchToState, stateToSearch } from './urlState.js';
import { DEFAULT_STATE, type ViewerState } from './viewerState.js';

const states: [string, ViewerState][] = [
  ['the default', DEFAULT_STATE],
  ['select-of with a small sigma', { ...DEFAULT_STATE, task: 'select-of', contexts: 6, stimuli: 2, weightScale: 0.0316, seed: 42 }],
  ['a typed matrix', { ...DEFAULT_STATE, task: 'matrix', matrix: [[1, 0.5, -2], [0, 1e-3, 3]], nonlinearity: 'tanh', contextMean: -0.5, contextStd: 2.5 }],
  ['the largest K and N', { ...DEFAULT_STATE, contexts: 14, neurons: 20000, weightScale: 100 }],
];

describe('state <-> URL', () => {
  it.each(states)('round-trips %s', (_, state) => {
    const { state: back, problems } = searchToState(stateToSearch(state));
    expect(problems).toEqual([]);
    // Keys that the URL leaves out for this task (P off select-of, A off matrix) come back as defaults.
    const expected = {
      ...state,
      stimuli: state.task === 'select-of' ? state.stimuli : Math.min(DEFAULT_STATE.stimuli, state.contexts),
      matrix: state.task === 'matrix' ? state.matrix : DEFAULT_STATE.matrix,
      contexts: state.task === 'matrix' ? DEFAULT_STATE.contexts : state.contexts,
    };
    expect(back).toEqual(expected);
  });

  it('writes the settings a reader expects, in a fixed order', () => {
    expect(stateToSearch({ ...DEFAULT_STATE, contexts: 4, weightScale: 0.5 })).toBe('?task=select&K=4&phi=relu&sigma=0.5&mu=0&sv=1&N=2000&seed=1');
    expect(stateToSearch({ ...DEFAULT_STATE, task: 'matrix', matrix: [[1, 0], [0, 1]] })).toBe('?task=matrix&A=1%2C0%3B0%2C1&phi=relu&sigma=1&mu=0&sv=1&N=2000&seed=1');
  });

  it('an empty search is the default state', () => {
    expect(searchToState('')).toEqual({ state: DEFAULT_STATE, problems: [] });
  });

  it.each([
    ['K=0', 'K="0" ignored: must be an integer from 1 to 14'],
    ['K=2.5', 'K="2.5" ignored: must be an integer from 1 to 14'],
    ['sigma=-1', 'sigma="-1" ignored: must be a number from 0.01 to 100'],
    ['sigma=abc', 'sigma="abc" ignored'],
    ['phi=sigmoid', 'phi="sigmoid" ignored: must be relu, tanh, softplus or linear'],
    ['task=xor', 'task="xor" ignored: must be select, select-of or matrix'],
    ['A=1,0;0', 'A="1,0;0" ignored: must be a matrix'],
    ['sv=0', 'sv="0" ignored: must be a number from 0.05 to 10'],
    ['seed=-3', 'seed="-3" ignored'],
  ])('a broken parameter %s falls back to its default and says so', (search, message) => {
    const { state, problems } = searchToState(`?${search}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message.replace(/^(\w+)=/, 'URL parameter $1='));
    expect(state).toEqual(DEFAULT_STATE);
  });

  it('lowers P to K for select-of', () => {
    const { state, problems } = searchToState('?task=select-of&K=3&P=5');
    expect(state.stimuli).toBe(3);
    expect(problems).toEqual(['URL parameter P=5 lowered to 3: select-of needs P <= K']);
  });
});
