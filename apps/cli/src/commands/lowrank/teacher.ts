import { Command } from 'commander';
import { createRng, DEFAULT_SEED, InvalidInputError } from '@maxent/core';
import { mixtureField, networkField, TEACHER_PRESETS, teacherFromSpec, teacherPreset, teacherToSpec, type MixtureTeacher, type LowRankNetwork } from '@maxent/constraints';
import { sampleTeacherNetwork } from '@maxent/sampler';
import type { CliIO } from '../../context.js';
import { integerFlag, numberFlag } from '../../configOptions.js';
import { envelope } from '../../envelope.js';
import { emitResult, readJsonFile } from '../../io.js';
import { readConnectorNpz, type ConnectorColumns } from './connector.js';
import { readLoadingsNpy, rows, writeLoadingsNpy } from './files.js';
import { meanFieldSummary } from './meanField.js';
import { choiceSetting, lowrankSettings, textSetting } from './settings.js';

const KEYS = ['preset', 'spec', 'loadings', 'loadingsN', 'npz', 'neurons', 'alpha', 'seed', 'out', 'npy'] as const;

/** `maxent lowrank teacher`: a teacher network with its mean-field fixed points (kind lowrank-network). */
export function registerTeacher(parent: Command, io: CliIO): Command {
  return parent
    .command('teacher')
    .description('A teacher: a preset, a Gaussian(-mixture) spec, or loadings from .npy; with its mean-field fixed points (model.md §14)')
    .option('--config <file>', 'JSON settings (keys: the flags in camelCase); flags override')
    .option('--preset <name>', `one of ${TEACHER_PRESETS.join(', ')}`)
    .option('--spec <file>', 'Gaussian-mixture teacher: {"rank", "components": [{"weight", "mean": [m, n], "covariance": 2R x 2R}]}')
    .option('--loadings <m.npy>', 'loadings M (N x R, .npy); with --loadings-n')
    .option('--loadings-n <n.npy>', 'loadings N (N x R, .npy)')
    .option('--npz <file.npz>', 'loadings from a Connector .npz (keys MBD: M, input loadings, bias; N)')
    .option('--neurons <N>', 'neurons drawn from a preset or spec teacher (default 20000)')
    .option('--alpha <a>', 'dt / tau recorded in the file for simulation (default 0.05)')
    .option('--seed <S>', 'seed of the draw of the neurons')
    .option('--out <file>', 'write the lowrank-network file here')
    .option('--npy <dir>', 'also write m.npy and n.npy')
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'print nothing on success (with --out)')
    .action((flags: Record<string, unknown>) => runTeacher(io, flags));
}

function runTeacher(io: CliIO, flags: Record<string, unknown>): void {
  const settings = lowrankSettings(io, flags, KEYS);
  const sources = ['preset', 'spec', 'loadings', 'npz'].filter((key) => settings[key] !== undefined);
  if (sources.length !== 1) throw new InvalidInputError('--preset', 'invalid `--preset`: give exactly one of --preset, --spec, --loadings, --npz');
  const seed = integerFlag(textSetting(settings, 'seed'), '--seed') ?? DEFAULT_SEED;
  const neurons = integerFlag(textSetting(settings, 'neurons'), '--neurons', { min: 1 }) ?? 20_000;
  const alpha = numberFlag(textSetting(settings, 'alpha'), '--alpha', { min: 0, exclusiveMin: true }) ?? 0.05;
  let teacher: MixtureTeacher | null = null;
  let network: LowRankNetwork;
  let connector: ConnectorColumns | null = null;
  if (settings.npz !== undefined) {
    ({ network, columns: connector } = readConnectorNpz(io, String(settings.npz)));
  } else if (settings.loadings !== undefined) {
    const nPath = textSetting(settings, 'loadingsN');
    if (nPath === undefined) throw new InvalidInputError('--loadings-n', 'invalid `--loadings-n`: --loadings needs the N matrix too');
    network = readLoadingsNpy(io, String(settings.loadings), nPath);
  } else {
    teacher = settings.preset !== undefined ? teacherPreset(choiceSetting(settings, 'preset', TEACHER_PRESETS, 'bistable')) : teacherFromSpec(readJsonFile(io, String(settings.spec), '--spec'));
    network = sampleTeacherNetwork(teacher, neurons, createRng(seed));
  }
  const meanField = meanFieldSummary(teacher === null ? networkField(network) : mixtureField(teacher));
  const config = {
    preset: settings.preset ?? null,
    spec: settings.spec ?? null,
    loadings: settings.loadings ?? null,
    ...(connector === null ? {} : { npz: connector.file }),
    neurons: network.neurons,
    alpha,
  };
  const result = {
    ...envelope('lowrank-network', config, teacher === null ? undefined : seed),
    rank: network.rank,
    nonlinearity: network.nonlinearity,
    alpha,
    neurons: network.neurons,
    teacher: teacher === null ? null : teacherToSpec(teacher),
    meanField,
    m: rows(network.m, network.rank),
    n: rows(network.n, network.rank),
    // Additive keys, only for Connector input: the bias column and what each column was read as.
    ...(network.bias === null ? {} : { bias: Array.from(network.bias) }),
    ...(connector === null ? {} : { connector }),
  };
  if (settings.npy !== undefined) writeLoadingsNpy(io, String(settings.npy), network);
  emitResult(io, { out: textSetting(settings, 'out'), json: flags.json === true, quiet: flags.quiet === true }, result, () => formatConnector(connector) + formatMeanField(network.rank, meanField, textSetting(settings, 'out')));
}

function formatConnector(connector: ConnectorColumns | null): string {
  if (connector === null) return '';
  const { m, inputs, bias } = connector.columns;
  const lines = [`${connector.file}: R = ${connector.rank} (from ${connector.rankFrom}); MBD columns ${m[0]}..${m[1] - 1} as M`];
  if (inputs !== null) lines.push(`  columns ${inputs[0]}..${inputs[1] - 1} as input loadings (unused)`);
  if (bias !== null) lines.push(`  column ${bias} as bias d`);
  for (const note of connector.ignored) lines.push(`  ignored: ${note}`);
  return `${lines.join('\n')}\n`;
}

export function formatMeanField(rank: number, meanField: ReturnType<typeof meanFieldSummary>, out: string | undefined): string {
  const lines = [`rank ${rank}: ${meanField.fixedPoints.length} mean-field fixed points`];
  for (const p of meanField.fixedPoints.slice(0, 12)) lines.push(`  ${p.kind.padEnd(8)} (${p.kappa.map((x) => x.toFixed(4)).join(', ')})`);
  if (meanField.ringRadius !== null) lines.push(`  ring radius ${meanField.ringRadius.toFixed(4)}`);
  if (meanField.period !== null) lines.push(`  limit cycle period ${meanField.period.toFixed(4)} tau`);
  if (out !== undefined) lines.push(`wrote ${out}`);
  return `${lines.join('\n')}\n`;
}
