// The settings as a config file that `maxent solve --config` accepts
// (interfaces.md "Config file"), with every default filled in, so the command
// reproduces the view exactly.
import { parseConfig, type MaxentConfig } from '@maxent/constraints';
import type { ViewerState } from './viewerState.js';

/** The raw config object of a state, as a user would write it. Validation is `parseConfig`'s. */
export function stateToRawConfig(state: ViewerState): Record<string, unknown> {
  const task =
    state.task === 'matrix'
      ? { matrix: state.matrix.map((row) => [...row]) }
      : state.task === 'select'
        ? { name: 'select', contexts: state.contexts }
        : { name: 'select-of', contexts: state.contexts, stimuli: state.stimuli };
  return {
    task,
    nonlinearity: state.nonlinearity,
    weightScale: state.weightScale,
    context: { mean: state.contextMean, std: state.contextStd },
  };
}

/**
 * The validated config of a state (throws InvalidInputError naming the field).
 * A Monte Carlo estimator (the default for tanh and softplus above K = 3) draws
 * with the state's seed, so the link and the file fix the same numbers.
 */
export function stateToConfig(state: ViewerState): MaxentConfig {
  const config = parseConfig(stateToRawConfig(state));
  if (config.estimator.kind !== 'montecarlo') return config;
  return { ...config, estimator: { ...config.estimator, seed: state.seed } };
}

/** The config file's text (what "download config" saves). */
export function configFileText(state: ViewerState): string {
  return `${JSON.stringify(stateToConfig(state), null, 2)}\n`;
}
