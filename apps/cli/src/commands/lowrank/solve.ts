import { Command } from 'commander';
import { DEFAULT_SEED } from '@maxent/core';
import type { Ridge } from '@maxent/constraints';
import { conditionalMean, LOWRANK_MODES, solutionField, type LowRankSolution } from '@maxent/solver';
import type { CliIO } from '../../context.js';
import { integerFlag, numberFlag } from '../../configOptions.js';
import { envelope } from '../../envelope.js';
import { emitResult } from '../../io.js';
import { meanFieldSummary } from './meanField.js';
import { choiceSetting, lowrankSettings, textSetting } from './settings.js';
import { DEFAULT_LOADING_SAMPLES, defaultNodes, loadingPointsOf, problemOf, runSolve, type LowRankSolveConfig } from './solveProblem.js';
import { InvalidInputError } from '@maxent/core';

const KEYS = ['constraints', 'mode', 'loadings', 'priorMStd', 'priorNStd', 'ridge', 'ridgeAbsolute', 'nodes', 'samples', 'seed', 'check', 'out'] as const;

/** `maxent lowrank solve`: the conditional or joint max-ent solution (kind lowrank-solution). */
export function registerSolve(parent: Command, io: CliIO): Command {
  return parent
    .command('solve')
    .description('The max-ent loading distribution that reproduces the constraints: conditional (p(m) fixed) or joint (model.md §14)')
    .option('--config <file>', 'JSON settings (keys: the flags in camelCase); flags override')
    .requiredOption('--constraints <file>', 'lowrank-constraints file')
    .option('--mode <mode>', 'conditional | joint (default conditional)')
    .option('--loadings <file>', 'conditional: the empirical p(m) of this lowrank-network file (default: the prior)')
    .option('--prior-m-std <s>', 'sigma_m of the prior (default 1)')
    .option('--prior-n-std <s>', 's, the prior std of n (default 1)')
    .option('--ridge <r>', 'ridge eps / s^2 relative to tr(K)/T (default 1e-8)')
    .option('--ridge-absolute <r>', 'ridge eps / s^2 as an absolute number (Connector: rho N / alpha^2)')
    .option('--nodes <n>', 'trapezoid nodes per dimension, odd (default 801 for R = 1, 121 for R = 2)')
    .option('--samples <M>', `Monte Carlo draws of the prior for R >= 3 (default ${DEFAULT_LOADING_SAMPLES})`)
    .option('--seed <S>', 'seed of the Monte Carlo draws')
    .option('--check <yes|no>', 'joint, trapezoid: solve again at twice the nodes and report the change (default yes)')
    .option('--out <file>', 'write the lowrank-solution file here')
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'print nothing on success (with --out)')
    .action((flags: Record<string, unknown>) => runSolveCommand(io, flags));
}

function runSolveCommand(io: CliIO, flags: Record<string, unknown>): void {
  const settings = lowrankSettings(io, flags, KEYS);
  const mode = choiceSetting(settings, 'mode', LOWRANK_MODES, 'conditional');
  const relative = numberFlag(textSetting(settings, 'ridge'), '--ridge', { min: 0 });
  const absolute = numberFlag(textSetting(settings, 'ridgeAbsolute'), '--ridge-absolute', { min: 0 });
  if (relative !== undefined && absolute !== undefined) throw new InvalidInputError('--ridge', 'invalid `--ridge`: give --ridge or --ridge-absolute, not both');
  const ridge: Ridge = absolute !== undefined ? { absolute } : { relative: relative ?? 1e-8 };
  const partial = {
    constraints: String(settings.constraints),
    mode,
    loadings: settings.loadings === undefined ? null : String(settings.loadings),
    priorMStd: numberFlag(textSetting(settings, 'priorMStd'), '--prior-m-std', { min: 0, exclusiveMin: true }) ?? 1,
    priorNStd: numberFlag(textSetting(settings, 'priorNStd'), '--prior-n-std', { min: 0, exclusiveMin: true }) ?? 1,
    ridge,
    samples: integerFlag(textSetting(settings, 'samples'), '--samples', { min: 1 }) ?? DEFAULT_LOADING_SAMPLES,
    seed: integerFlag(textSetting(settings, 'seed'), '--seed') ?? DEFAULT_SEED,
  };
  if (mode === 'joint' && partial.loadings !== null) throw new InvalidInputError('--loadings', 'invalid `--loadings`: empirical loadings fix p(m), which is the conditional problem (--mode conditional)');
  const problem = problemOf(io, { ...partial, nodes: null, extent: 0 });
  const defaults = defaultNodes(problem.rank);
  const nodes = integerFlag(textSetting(settings, 'nodes'), '--nodes', { min: 3 }) ?? defaults.nodes;
  const config: LowRankSolveConfig = { ...partial, nodes: problem.rank <= 2 ? nodes : null, extent: defaults.extent || 8 };
  const loadings = loadingPointsOf(io, config, problem.rank);
  const solution = runSolve(problem, loadings, mode);
  const check = choiceSetting(settings, 'check', ['yes', 'no'] as const, 'yes') === 'yes';
  let estimatorCheck: Record<string, number> | null = null;
  if (mode === 'joint' && check && config.nodes !== null) {
    const doubled = 2 * config.nodes - 1;
    const finer = runSolve(problem, loadingPointsOf(io, config, problem.rank, doubled), mode);
    estimatorCheck = {
      nodes: config.nodes,
      doubledNodes: doubled,
      maxChangeConditionalMean: maxMeanChange(solution, finer),
      changeKlFromPrior: Math.abs(finer.klFromPrior - solution.klFromPrior),
    };
  }
  const result = {
    ...envelope('lowrank-solution', config, loadings.kind === 'montecarlo' ? config.seed : undefined),
    ...solutionBody(solution),
    estimatorCheck,
  };
  emitResult(io, { out: textSetting(settings, 'out'), json: flags.json === true, quiet: flags.quiet === true }, result, () =>
    `${mode} solution: ${solution.message}; max residual ${solution.maxResidual.toExponential(2)}, KL from prior ${solution.klFromPrior.toFixed(6)} nats\n${settings.out === undefined ? '' : `wrote ${String(settings.out)}\n`}`,
  );
}

/** The grid on which E[n|m] and p(m) are reported: 41 points per dimension on [-4 sigma_m, 4 sigma_m] (R <= 2). */
function reportGrid(solution: LowRankSolution): number[][] {
  const R = solution.problem.rank;
  const s = solution.problem.priorMStd;
  const axis = Array.from({ length: 41 }, (_, k) => s * (-4 + (8 * k) / 40));
  if (R === 1) return axis.map((x) => [x]);
  if (R === 2) return axis.flatMap((x) => axis.map((y) => [x, y]));
  return [];
}

function maxMeanChange(a: LowRankSolution, b: LowRankSolution): number {
  let largest = 0;
  for (const m of reportGrid(a)) {
    const x = conditionalMean(a, m);
    const y = conditionalMean(b, m);
    for (let r = 0; r < x.length; r++) largest = Math.max(largest, Math.abs(x[r] - y[r]));
  }
  return largest;
}

/** The result keys of a solution (interfaces.md lowrank-solution); never Lambda (§14). */
export function solutionBody(solution: LowRankSolution) {
  const { problem } = solution;
  const R = problem.rank;
  const grid = reportGrid(solution);
  return {
    mode: solution.mode,
    rank: R,
    nonlinearity: problem.nonlinearity,
    converged: solution.converged,
    iterations: solution.iterations,
    message: solution.message,
    maxResidual: solution.maxResidual,
    klFromPrior: solution.klFromPrior,
    ridge: solution.ridge,
    conditionalMean: { m: grid, values: grid.map((m) => Array.from(conditionalMean(solution, m))) },
    pm: solution.mode === 'joint' ? pmSummary(solution) : null,
    meanField: meanFieldSummary(solutionField(solution)),
  };
}

/** Moments and the density of the joint p(m) on the trapezoid grid (every few nodes), with its modes. */
function pmSummary(solution: LowRankSolution) {
  const { loadings, pm } = solution;
  const R = loadings.rank;
  const mean = new Array<number>(R).fill(0);
  for (let j = 0; j < loadings.count; j++) for (let r = 0; r < R; r++) mean[r] += pm[j] * loadings.m[j * R + r];
  const covariance = Array.from({ length: R }, () => new Array<number>(R).fill(0));
  for (let j = 0; j < loadings.count; j++) {
    for (let r = 0; r < R; r++) for (let s = 0; s < R; s++) covariance[r][s] += pm[j] * (loadings.m[j * R + r] - mean[r]) * (loadings.m[j * R + s] - mean[s]);
  }
  if (loadings.kind !== 'trapezoid') return { mean, covariance, grid: null, modes: [] };
  const n = loadings.nodesPerDimension;
  const cell = loadings.spacing ** R;
  const stride = Math.max(1, Math.floor((n - 1) / 60));
  const kept: number[] = [];
  for (let k = 0; k < n; k += stride) kept.push(k);
  const index = (coordinates: number[]) => coordinates.reduce((acc, k) => acc * n + k, 0);
  const density = R === 1 ? kept.map((k) => pm[k] / cell) : kept.map((a) => kept.map((b) => pm[index([a, b])] / cell));
  const axis = kept.map((k) => loadings.m[(R === 1 ? k : k * n) * R]);
  const modes: number[][] = [];
  if (R <= 2) {
    for (let j = 0; j < loadings.count; j++) {
      const coordinates = R === 1 ? [j] : [Math.floor(j / n), j % n];
      if (coordinates.some((k) => k === 0 || k === n - 1)) continue;
      let isMode = true;
      for (let d = 0; d < R && isMode; d++) {
        for (const step of [-1, 1]) {
          const neighbour = [...coordinates];
          neighbour[d] += step;
          if (pm[index(neighbour)] >= pm[j]) isMode = false;
        }
      }
      if (isMode) modes.push(Array.from(loadings.m.subarray(j * R, (j + 1) * R)));
    }
  }
  return { mean, covariance, grid: { axis, density }, modes };
}
