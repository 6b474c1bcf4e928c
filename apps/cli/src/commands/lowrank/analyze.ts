import { Command } from 'commander';
import { createRng, DEFAULT_SEED, InvalidInputError } from '@maxent/core';
import { networkField, teacherConditionalMean, type LowRankNetwork } from '@maxent/constraints';
import { sampleTeacherNetwork } from '@maxent/sampler';
import { INTEGRATION_METHODS, simulateLowRank, statesInSpan } from '@maxent/trainer';
import { conditionalMeanDifference, cycleMeasures, energyDistance, latentFixedPoints, loadingPopulations, radialNullcline, ringMeasures } from '@maxent/analysis';
import type { CliIO } from '../../context.js';
import { integerFlag, numberFlag } from '../../configOptions.js';
import { envelope } from '../../envelope.js';
import { emitResult } from '../../io.js';
import { readNetworkFile, rows } from './files.js';
import { choiceSetting, lowrankSettings, textSetting } from './settings.js';

const SIMULATE_KEYS = ['network', 'alpha', 'duration', 'method', 'trials', 'radius', 'seed', 'out'] as const;
const ANALYZE_KEYS = [...SIMULATE_KEYS, 'teacher', 'maxPopulations'] as const;

function addSimulationOptions(command: Command): Command {
  return command
    .option('--config <file>', 'JSON settings (keys: the flags in camelCase); flags override')
    .requiredOption('--network <file>', 'lowrank-network file')
    .option('--alpha <a>', "dt / tau (default: the file's alpha)")
    .option('--duration <T>', 'simulated time in tau (default 20)')
    .option('--method <name>', `${INTEGRATION_METHODS.join(' | ')} (default euler)`)
    .option('--trials <K>', 'initial states, in the span on a circle (R = 2) or at +-radius (R = 1) (default 8)')
    .option('--radius <r>', 'radius of the initial latent states (default 1.5)')
    .option('--seed <S>', 'seed (populations, dissimilarity samples)')
    .option('--out <file>', 'write the lowrank-analysis file here')
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'print nothing on success (with --out)');
}

/** `maxent lowrank simulate`: trajectories of a finite network with ring and cycle measures (kind lowrank-analysis). */
export function registerSimulate(parent: Command, io: CliIO): Command {
  return addSimulationOptions(parent.command('simulate').description('Simulate a finite low-rank network from initial states in its span; latents by least squares (model.md §14)')).action(
    (flags: Record<string, unknown>) => runAnalysis(io, flags, false),
  );
}

/** `maxent lowrank analyze`: fixed points, simulations, populations and dissimilarity to a teacher (kind lowrank-analysis). */
export function registerAnalyze(parent: Command, io: CliIO): Command {
  return addSimulationOptions(parent.command('analyze').description('Fixed points, attractors, populations and dissimilarity to a teacher of a finite low-rank network (model.md §14)'))
    .option('--teacher <file>', 'lowrank-network file of a Gaussian-mixture teacher to compare with')
    .option('--max-populations <k>', 'largest number of mixture components tried (default 6)')
    .action((flags: Record<string, unknown>) => runAnalysis(io, flags, true));
}

function initialLatents(R: number, trials: number, radius: number): Float64Array {
  const kappa = new Float64Array(trials * R);
  for (let k = 0; k < trials; k++) {
    if (R === 1) kappa[k] = (k % 2 === 0 ? 1 : -1) * radius * (1 + Math.floor(k / 2) * 0.1);
    else {
      const angle = (2 * Math.PI * k) / trials;
      kappa[k * R] = radius * Math.cos(angle);
      kappa[k * R + 1] = radius * Math.sin(angle);
    }
  }
  return kappa;
}

function runAnalysis(io: CliIO, flags: Record<string, unknown>, full: boolean): void {
  const settings = lowrankSettings(io, flags, full ? ANALYZE_KEYS : SIMULATE_KEYS);
  const path = String(settings.network);
  const { network, alpha: fileAlpha } = readNetworkFile(io, path, '--network');
  const alpha = numberFlag(textSetting(settings, 'alpha'), '--alpha', { min: 0, exclusiveMin: true }) ?? fileAlpha;
  const duration = numberFlag(textSetting(settings, 'duration'), '--duration', { min: 0, exclusiveMin: true }) ?? 20;
  const method = choiceSetting(settings, 'method', INTEGRATION_METHODS, 'euler');
  const trials = integerFlag(textSetting(settings, 'trials'), '--trials', { min: 1 }) ?? 8;
  const radius = numberFlag(textSetting(settings, 'radius'), '--radius', { min: 0 }) ?? 1.5;
  const seed = integerFlag(textSetting(settings, 'seed'), '--seed') ?? DEFAULT_SEED;
  const R = network.rank;
  const steps = Math.round(duration / alpha);
  const recordEvery = Math.max(1, Math.round(steps / 400));
  const simulation = simulateLowRank(network, statesInSpan(network, initialLatents(R, trials, radius)), { alpha, steps, method, recordEvery });
  const dt = recordEvery * alpha;
  const trajectories = Array.from({ length: trials }, (_, k) => rows(simulation.latents.subarray(k * simulation.records * R, (k + 1) * simulation.records * R), R));
  // The network's own flow decides whether there is a ring or a cycle (model.md §14): settled
  // trajectories alone look alike for a ring and for isolated fixed points at one radius.
  const attractor = R === 2 ? radialNullcline(networkField(network)) : null;
  const ring = attractor?.kind === 'ring' ? ringMeasures(simulation.latents, trials, simulation.records, dt) : null;
  const turning = attractor?.kind === 'cycle' ? cycleMeasures(simulation.latents.subarray(0, simulation.records * 2), simulation.records, dt) : null;
  const cycle = turning !== null && turning.period !== null ? turning : null;
  const body: Record<string, unknown> = { rank: R, simulations: { alpha, duration, method, times: Array.from(simulation.times), trajectories }, ring, cycle, attractor };
  if (full) {
    body.fixedPoints = latentFixedPoints(networkField(network));
    const maxPopulations = integerFlag(textSetting(settings, 'maxPopulations'), '--max-populations', { min: 1 }) ?? 6;
    body.populations = loadingPopulations(network.m, network.n, R, createRng(seed), maxPopulations);
    body.dissimilarity = settings.teacher === undefined ? null : dissimilarity(io, network, String(settings.teacher), seed);
  }
  const result = { ...envelope('lowrank-analysis', { ...settings, alpha, duration, method, trials, radius }, seed), ...body };
  emitResult(io, { out: textSetting(settings, 'out'), json: flags.json === true, quiet: flags.quiet === true }, result, () => {
    const lines = [`${path}: rank ${R}, ${network.neurons} neurons, ${trials} trials of ${duration} tau`];
    if (attractor !== null) lines.push(`  attractor round the origin: ${attractor.kind}${attractor.slowness === null ? '' : ` (slowness ${attractor.slowness.toExponential(2)})`}`);
    if (ring !== null) lines.push(`  ring: final radius ${ring.radius.toFixed(4)} (spread ${ring.radiusSpread.toExponential(2)}), drift ${ring.drift.toExponential(2)} rad / tau`);
    if (cycle !== null && cycle.period !== null) lines.push(`  cycle: trial 1 turns with period ${cycle.period.toFixed(4)} tau at radius ${cycle.radius.toFixed(4)}`);
    if (full) lines.push(`  ${(body.fixedPoints as unknown[]).length} fixed points, ${(body.populations as { count: number }).count} populations`);
    if (settings.out !== undefined) lines.push(`wrote ${String(settings.out)}`);
    return `${lines.join('\n')}\n`;
  });
}

/** Energy distance of p(m) and mean squared difference of E[n|m] (kernel regression on the network) under the teacher's p(m). */
function dissimilarity(io: CliIO, network: LowRankNetwork, teacherPath: string, seed: number) {
  const { teacher } = readNetworkFile(io, teacherPath, '--teacher');
  if (teacher === null) throw new InvalidInputError('--teacher', `invalid \`--teacher\`: ${teacherPath} holds no Gaussian-mixture teacher`);
  if (teacher.rank !== network.rank) throw new InvalidInputError('--teacher', `invalid \`--teacher\`: rank ${teacher.rank} does not match the network's ${network.rank}`);
  const R = network.rank;
  const samples = sampleTeacherNetwork(teacher, 1500, createRng(seed));
  const teacherMean = teacherConditionalMean(teacher);
  const estimate = kernelRegression(network);
  const evaluation = samples.m.subarray(0, 500 * R);
  return {
    energyDistance: energyDistance(samples.m, network.m, R),
    conditionalMeanMsd: conditionalMeanDifference(evaluation, R, (m) => teacherMean(m), estimate),
  };
}

/** Nadaraya-Watson estimate of E[n|m] from the network's neurons, Gaussian kernel with Scott's bandwidth. */
function kernelRegression(network: LowRankNetwork): (m: Float64Array) => Float64Array {
  const { rank: R, neurons: N } = network;
  const bandwidth = N ** (-1 / (R + 4));
  const out = new Float64Array(R);
  return (m) => {
    out.fill(0);
    let total = 0;
    for (let i = 0; i < N; i++) {
      let squared = 0;
      for (let r = 0; r < R; r++) squared += (network.m[i * R + r] - m[r]) ** 2;
      const w = Math.exp(-squared / (2 * bandwidth * bandwidth));
      total += w;
      for (let r = 0; r < R; r++) out[r] += w * network.n[i * R + r];
    }
    for (let r = 0; r < R; r++) out[r] /= total;
    return out;
  };
}
