import { Command } from 'commander';
import { createRng, decodeNpy, DEFAULT_SEED, InvalidInputError, ProblemHasNoAnswerError } from '@maxent/core';
import {
  defaultPriorPoints,
  featureMatrix,
  fieldTargets,
  findDegeneracies,
  gramMatrix,
  gramSpectrum,
  gridPoints,
  mixtureField,
  networkField,
  trajectoryTargets,
  type PointGrid,
} from '@maxent/constraints';
import type { CliIO } from '../../context.js';
import { integerFlag, numberFlag } from '../../configOptions.js';
import { envelope } from '../../envelope.js';
import { emitResult, readInputBytes } from '../../io.js';
import { readConnectorLatents } from './connector.js';
import { readNetworkFile, rows } from './files.js';
import { choiceSetting, lowrankSettings, textSetting } from './settings.js';

const KEYS = ['network', 'finite', 'trajectories', 'alpha', 'stride', 'grid', 'extent', 'count', 'radii', 'angles', 'fold', 'priorMStd', 'out'] as const;

/** `maxent lowrank constraints`: points and targets G with the Gram matrix's conditioning (kind lowrank-constraints). */
export function registerConstraints(parent: Command, io: CliIO): Command {
  return parent
    .command('constraints')
    .description('Constraint points and targets G from a network (mean-field or finite-N) on a grid, or from latent trajectories (model.md §14)')
    .option('--config <file>', 'JSON settings (keys: the flags in camelCase); flags override')
    .option('--network <file>', 'lowrank-network file (G of its teacher, or of its neurons with --finite)')
    .option('--finite', 'G of the finite network, not of its teacher')
    .option('--trajectories <file>', 'latent trajectories, trials x T x R (.npy, or the key latents of a Connector .npz)')
    .option('--alpha <a>', 'trajectories: dt / tau (G_t = (kappa_{t+1} - (1 - alpha) kappa_t) / alpha)')
    .option('--stride <k>', 'trajectories: every k-th step (default 1)')
    .option('--grid <kind>', 'square | polar (default square for R = 1, polar for R = 2)')
    .option('--extent <E>', 'grid half-width or largest radius (default 3)')
    .option('--count <C>', 'square: points per dimension (default 61 for R = 1, 11 for R = 2)')
    .option('--radii <n>', 'polar: radii (default 5)')
    .option('--angles <n>', 'polar: angles (default 16)')
    .option('--fold <yes|no>', 'keep one point of each +-kappa pair for tanh (default yes)')
    .option('--prior-m-std <s>', 'sigma_m of the prior p(m) for the Gram matrix (default 1)')
    .option('--out <file>', 'write the lowrank-constraints file here')
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'print nothing on success (with --out)')
    .action((flags: Record<string, unknown>) => runConstraints(io, flags));
}

function runConstraints(io: CliIO, flags: Record<string, unknown>): void {
  const settings = lowrankSettings(io, flags, KEYS);
  let rank: number;
  let nonlinearity: 'tanh' | 'relu';
  let points: Float64Array;
  let targets: Float64Array;
  let source: string;
  let biased = false;
  if (settings.trajectories !== undefined) {
    const path = String(settings.trajectories);
    const array = path.endsWith('.npz') ? readConnectorLatents(io, path) : decodeNpy(readInputBytes(io, path, '--trajectories'), '--trajectories');
    const alpha = numberFlag(textSetting(settings, 'alpha'), '--alpha', { min: 0, exclusiveMin: true }) ?? 0.05;
    const stride = integerFlag(textSetting(settings, 'stride'), '--stride', { min: 1 }) ?? 1;
    ({ points, targets } = trajectoryTargets(array.data, array.shape, alpha, stride));
    rank = array.shape[2];
    nonlinearity = 'tanh';
    source = `trajectories ${path}`;
  } else {
    const path = textSetting(settings, 'network');
    if (path === undefined) throw new InvalidInputError('--network', 'invalid `--network`: give --network FILE or --trajectories FILE');
    const { network, teacher } = readNetworkFile(io, path, '--network');
    rank = network.rank;
    nonlinearity = network.nonlinearity;
    const finite = settings.finite === true || settings.finite === 'true' || teacher === null;
    const field = finite ? networkField(network) : mixtureField(teacher);
    const kind = choiceSetting(settings, 'grid', ['square', 'polar'] as const, rank === 1 ? 'square' : 'polar');
    const extent = numberFlag(textSetting(settings, 'extent'), '--extent', { min: 0, exclusiveMin: true }) ?? 3;
    const grid: PointGrid =
      kind === 'square'
        ? { kind, extent, count: integerFlag(textSetting(settings, 'count'), '--count', { min: 2 }) ?? (rank === 1 ? 61 : 11) }
        : { kind, extent, radii: integerFlag(textSetting(settings, 'radii'), '--radii', { min: 1 }) ?? 5, angles: integerFlag(textSetting(settings, 'angles'), '--angles', { min: 1 }) ?? 16 };
    // Folding keeps one point of each +-kappa pair because G(-kappa) = -G(kappa) for odd phi;
    // with biases that relation fails, so every pair is kept and the check below says so.
    biased = network.bias !== null && network.bias.some((d) => d !== 0);
    const foldSetting = choiceSetting(settings, 'fold', ['yes', 'no'] as const, biased ? 'no' : 'yes');
    if (biased && foldSetting === 'yes' && settings.fold !== undefined) {
      throw new InvalidInputError('--fold', 'invalid `--fold`: the network has biases, so G(-kappa) = -G(kappa) does not hold and the grid cannot be folded; allowed: no');
    }
    const fold = foldSetting === 'yes' && nonlinearity === 'tanh';
    points = gridPoints(rank, grid, fold);
    targets = fieldTargets(field, points);
    source = `${finite ? 'finite network' : 'mean field of the teacher'} of ${path}`;
  }
  const degeneracies = findDegeneracies(rank, nonlinearity, points, targets);
  if (!degeneracies.consistent) {
    const why = biased ? ' (the network has biases d_i; the low-rank max-ent model n phi(m . kappa) of model.md §14 has none, so it cannot reproduce them)' : '';
    throw new ProblemHasNoAnswerError(`the targets are inconsistent, no distribution has these moments: ${degeneracies.reason}${why}`, 'infeasible');
  }
  // Keep one constraint per relation group: the dropped ones repeat it (model.md §14 "Degeneracy").
  const R = rank;
  const kept = degeneracies.kept;
  const keptPoints = Float64Array.from(kept.flatMap((t) => Array.from(points.subarray(t * R, (t + 1) * R))));
  const keptTargets = Float64Array.from(kept.flatMap((t) => Array.from(targets.subarray(t * R, (t + 1) * R))));
  const priorMStd = numberFlag(textSetting(settings, 'priorMStd'), '--prior-m-std', { min: 0, exclusiveMin: true }) ?? 1;
  const prior = defaultPriorPoints(R, priorMStd, createRng(DEFAULT_SEED));
  const T = kept.length;
  const spectrum = gramSpectrum(gramMatrix(featureMatrix(nonlinearity, prior, keptPoints), prior.weights, T), T);
  const config = { ...settings, source };
  const result = {
    ...envelope('lowrank-constraints', config),
    rank,
    nonlinearity,
    points: rows(keptPoints, R),
    G: rows(keptTargets, R),
    Gstderr: null,
    gram: {
      condition: Number.isFinite(spectrum.condition) ? spectrum.condition : null,
      nullDimensions: spectrum.nullDimensions,
      largestEigenvalue: spectrum.largest,
      meanDiagonal: spectrum.meanDiagonal,
      consistency: {
        consistent: true,
        maxViolation: degeneracies.maxViolation,
        allowedViolation: degeneracies.allowedViolation,
        zeroPoints: degeneracies.zeroPoints.length,
        relations: degeneracies.relations.length,
        dropped: points.length / R - T,
      },
    },
  };
  emitResult(io, { out: textSetting(settings, 'out'), json: flags.json === true, quiet: flags.quiet === true }, result, () =>
    `${T} constraint points (rank ${R}, ${source}); Gram condition ${spectrum.condition.toExponential(3)}, ${spectrum.nullDimensions} null dimensions; targets consistent (max violation ${degeneracies.maxViolation.toExponential(2)})\n${settings.out === undefined ? '' : `wrote ${String(settings.out)}\n`}`,
  );
}
