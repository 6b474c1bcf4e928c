// The state in the URL, as tensorflow/playground keeps its own: every control
// and the seed, so a link reproduces the view. Unknown or broken values fall
// back to the default and are reported, never thrown: a link is user input.
import { formatMatrixText, parseMatrixText } from './matrixText.js';
import { DEFAULT_STATE, isNonlinearity, isTaskKind, LIMITS, type ViewerState } from './viewerState.js';

/** Parameter names in the URL, in the order they are written. */
export const URL_KEYS = Object.freeze({
  task: 'task',
  contexts: 'K',
  stimuli: 'P',
  matrix: 'A',
  nonlinearity: 'phi',
  weightScale: 'sigma',
  contextMean: 'mu',
  contextStd: 'sv',
  neurons: 'N',
  seed: 'seed',
} as const satisfies Record<keyof ViewerState, string>);

/** The state as URL search parameters; the matrix only when the task is a matrix, P only for select-of. */
export function stateToSearch(state: ViewerState): string {
  const params = new URLSearchParams();
  params.set(URL_KEYS.task, state.task);
  if (state.task === 'matrix') params.set(URL_KEYS.matrix, formatMatrixText(state.matrix));
  else params.set(URL_KEYS.contexts, String(state.contexts));
  if (state.task === 'select-of') params.set(URL_KEYS.stimuli, String(state.stimuli));
  params.set(URL_KEYS.nonlinearity, state.nonlinearity);
  params.set(URL_KEYS.weightScale, String(state.weightScale));
  params.set(URL_KEYS.contextMean, String(state.contextMean));
  params.set(URL_KEYS.contextStd, String(state.contextStd));
  params.set(URL_KEYS.neurons, String(state.neurons));
  params.set(URL_KEYS.seed, String(state.seed));
  return `?${params.toString()}`;
}

export interface ParsedSearch {
  readonly state: ViewerState;
  /** One line per parameter that was ignored, naming it and what it must be. */
  readonly problems: readonly string[];
}

/** The state a URL's search part describes; missing parameters take their defaults. */
export function searchToState(search: string): ParsedSearch {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const read = <T>(key: string, fallback: T, parse: (text: string) => T | undefined, rule: string): T => {
    const text = params.get(key);
    if (text === null) return fallback;
    const value = parse(text);
    if (value === undefined) {
      problems.push(`URL parameter ${key}=${JSON.stringify(text)} ignored: must be ${rule}`);
      return fallback;
    }
    return value;
  };
  const integer = (min: number, max: number) => (text: string) => {
    const value = Number(text);
    return text.trim() !== '' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
  };
  const number = (accept: (value: number) => boolean) => (text: string) => {
    const value = Number(text);
    return text.trim() !== '' && Number.isFinite(value) && accept(value) ? value : undefined;
  };
  const { contexts, stimuli, contextStd, contextMean, neurons, logWeightScale } = LIMITS;
  const task = read(URL_KEYS.task, DEFAULT_STATE.task, (text) => (isTaskKind(text) ? text : undefined), 'select, select-of or matrix');
  const K = read(URL_KEYS.contexts, DEFAULT_STATE.contexts, integer(contexts.min, contexts.max), `an integer from ${contexts.min} to ${contexts.max}`);
  let P = read(URL_KEYS.stimuli, Math.min(DEFAULT_STATE.stimuli, K), integer(stimuli.min, stimuli.max), `an integer from ${stimuli.min} to ${stimuli.max}`);
  if (P > K) {
    problems.push(`URL parameter ${URL_KEYS.stimuli}=${P} lowered to ${K}: select-of needs P <= K`);
    P = K;
  }
  const matrix = read(
    URL_KEYS.matrix,
    DEFAULT_STATE.matrix,
    (text) => {
      try {
        return parseMatrixText(text);
      } catch {
        return undefined;
      }
    },
    `a matrix with rows separated by ";" and entries by "," (at most ${LIMITS.matrixEntries} entries)`,
  );
  const state: ViewerState = {
    task,
    contexts: K,
    stimuli: P,
    matrix,
    nonlinearity: read(URL_KEYS.nonlinearity, DEFAULT_STATE.nonlinearity, (text) => (isNonlinearity(text) ? text : undefined), 'relu, tanh, softplus or linear'),
    weightScale: read(
      URL_KEYS.weightScale,
      DEFAULT_STATE.weightScale,
      number((value) => value >= 10 ** logWeightScale.min && value <= 10 ** logWeightScale.max),
      `a number from ${10 ** logWeightScale.min} to ${10 ** logWeightScale.max}`,
    ),
    contextMean: read(URL_KEYS.contextMean, DEFAULT_STATE.contextMean, number((value) => value >= contextMean.min && value <= contextMean.max), `a number from ${contextMean.min} to ${contextMean.max}`),
    contextStd: read(URL_KEYS.contextStd, DEFAULT_STATE.contextStd, number((value) => value >= contextStd.min && value <= contextStd.max), `a number from ${contextStd.min} to ${contextStd.max}`),
    neurons: read(URL_KEYS.neurons, DEFAULT_STATE.neurons, integer(neurons.min, neurons.max), `an integer from ${neurons.min} to ${neurons.max}`),
    seed: read(URL_KEYS.seed, DEFAULT_STATE.seed, integer(0, 2 ** 31 - 1), 'an integer from 0 to 2147483647'),
  };
  return { state, problems };
}
