import { parseConfig } from '@maxent/constraints';
import { describe, expect, it } from 'vitest';
import { configFileText, stateToConfig } from './configFile.js';
import { parseMatrixText } from './matrixText.js';
import { DEFAULT_STATE } from './viewerState.js';

describe('the config file of a state', () => {
  it('is a complete config that parses back to itself (what maxent solve --config reads)', () => {
    const state = { ...DEFAULT_STATE, task: 'select-of' as const, contexts: 5, stimuli: 2, weightScale: 0.25, contextMean: 0.3, contextStd: 1.5 };
    const text = configFileText(state);
    const config = JSON.parse(text);
    expect(config).toEqual({
      task: { name: 'select-of', contexts: 5, stimuli: 2 },
      nonlinearity: 'relu',
      weightScale: 0.25,
      context: { mean: 0.3, std: 1.5 },
      stimulusStd: 0.1,
      estimator: { kind: 'exact' },
    });
    expect(parseConfig(config)).toEqual(config);
  });

  it('gives a Monte Carlo estimator the state seed (tanh above K = 3), so the link and the file fix the same draws', () => {
    const config = stateToConfig({ ...DEFAULT_STATE, nonlinearity: 'tanh', contexts: 4, seed: 7 });
    expect(config.estimator).toEqual({ kind: 'montecarlo', samples: 200000, seed: 7 });
    expect(stateToConfig({ ...DEFAULT_STATE, nonlinearity: 'tanh', contexts: 3 }).estimator).toEqual({ kind: 'quadrature', nodes: 24 });
  });

  it('writes a typed matrix as task.matrix', () => {
    expect(stateToConfig({ ...DEFAULT_STATE, task: 'matrix', matrix: [[1, 0], [0.5, 1]] }).task).toEqual({ matrix: [[1, 0], [0.5, 1]] });
  });

  it('names the field of a setting the solver refuses', () => {
    expect(() => stateToConfig({ ...DEFAULT_STATE, contextStd: -1 })).toThrow(/context\.std/);
  });
});

describe('a typed matrix', () => {
  it.each([
    ['1 0; 0 1', [[1, 0], [0, 1]]],
    ['1,0\n0,1', [[1, 0], [0, 1]]],
    ['  2.5  -1e-2 ', [[2.5, -0.01]]],
  ])('reads %j', (text, matrix) => expect(parseMatrixText(text)).toEqual(matrix));

  it.each([
    ['', /at least one row/],
    ['1 0; 1', /rectangular: row 1 has 2 entries but row 2 has 1/],
    ['1 x', /finite numbers, got "x" in row 1/],
    [Array.from({ length: 21 }, () => Array(20).fill(1).join(' ')).join(';'), /at most 400 entries/],
  ])('refuses %j naming task.matrix', (text, message) => {
    expect(() => parseMatrixText(text)).toThrow(message);
    expect(() => parseMatrixText(text)).toThrow(/task\.matrix/);
  });
});
