// The explore view's computation (runs in the Web Worker): the max-ent solution
// of the settings (model.md §4-§7) and N neurons drawn from it (§8), as the same
// result-file objects `maxent solve` and `maxent sample` write, so the page's
// figures come from the same builders as the report's.
import { resultEnvelope, type Progress } from '@maxent/core';
import { networkToFields, nonlinearity, problemFromConfig } from '@maxent/constraints';
import { solve, solutionToFile } from '@maxent/solver';
import { sampleNetwork } from '@maxent/sampler';
import type { NetworkFile, SolutionFile } from '@maxent/figures';
import { stateToConfig } from '../state/configFile.js';
import type { ViewerState } from '../state/viewerState.js';
import { VIEWER_VERSIONS } from './versions.js';

export interface ExploreResult {
  /** The `maxent-solution` file of the settings, populations without their covariance (the page draws no more). */
  readonly solution: SolutionFile;
  /** N neurons drawn from it, or null when the gains are continuous (see `networkNote`). */
  readonly network: NetworkFile | null;
  readonly networkNote: string | null;
  /** Milliseconds spent solving and sampling (the page shows them). */
  readonly timing: { readonly solve: number; readonly sample: number };
}

export interface ExploreProgress extends Progress {
  readonly stage: 'solve' | 'sample';
}

export interface ExploreOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ExploreProgress) => void;
}

/** Solves and samples; throws InvalidInputError (bad settings) or ProblemHasNoAnswerError (infeasible, unattainable). */
export function exploreSettings(state: ViewerState, options: ExploreOptions = {}): ExploreResult {
  const config = stateToConfig(state);
  const problem = problemFromConfig(config);
  const started = performance.now();
  const solution = solve(problem, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onProgress: (step) => options.onProgress?.({ stage: 'solve', done: step.iteration, total: 0 }),
  });
  const solved = performance.now();
  const body = solutionToFile(solution);
  const file = { ...resultEnvelope('maxent-solution', config, undefined, VIEWER_VERSIONS), ...slim(body) } as unknown as SolutionFile;
  if (!solution.converged) {
    return { solution: file, network: null, networkNote: `no neurons drawn: the solver ${solution.message}`, timing: { solve: solved - started, sample: 0 } };
  }
  let network: NetworkFile | null = null;
  let networkNote: string | null = null;
  if (nonlinearity(problem.nonlinearity).binaryGains) {
    const sample = sampleNetwork(solution, {
      neurons: state.neurons,
      method: 'exact',
      seed: state.seed,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onProgress: (progress) => options.onProgress?.({ stage: 'sample', ...progress }),
    });
    network = {
      ...resultEnvelope('network', { ...config, solution: 'viewer', method: 'exact', neurons: state.neurons }, state.seed, VIEWER_VERSIONS),
      ...networkToFields(sample.network),
    } as unknown as NetworkFile;
  } else {
    networkNote =
      `No neuron scatter for ${problem.nonlinearity}: its gains are continuous, so neurons are drawn by MCMC ` +
      `(maxent sample --method mcmc), which takes too long to redraw on every change.`;
  }
  return { solution: file, network, networkNote, timing: { solve: solved - started, sample: performance.now() - solved } };
}

/** The solution file without each population's covariance and direction, which no figure of the page reads. */
function slim(body: ReturnType<typeof solutionToFile>): Record<string, unknown> {
  if (!('populations' in body)) return { ...body };
  return {
    ...body,
    populations: body.populations.map((population) => ({
      pattern: population.pattern,
      fraction: population.fraction,
      energyShare: population.energyShare,
      selectivity: population.selectivity,
    })),
  };
}
