import type { Command } from 'commander';
import { InvalidInputError } from '@maxent/core';
import type { MaxentProblem, Network } from '@maxent/constraints';
import { DEFAULT_JOINT_MATCH, DEFAULT_POPULATION_OPTIONS, DEFAULT_WEIGHT_SCALE_SEARCH, MATCH_PARTS, type MatchPart, type NetworkPopulations } from '@maxent/analysis';
import { analyseNetwork, analysisToFile, type MatchSection, type NetworkComparison } from '@maxent/experiments';
import { solutionFromFile } from '@maxent/solver';
import type { CliIO } from '../context.js';
import type { CommandModule } from '../commandModule.js';
import { integerFlag, numberFlag } from '../configOptions.js';
import { envelope } from '../envelope.js';
import { emitResult, readResultFile } from '../io.js';
import { readNetworkInput } from '../networkInput.js';
import { tableLines } from '../table.js';

interface AnalyzeFlags {
  network: string;
  solution?: string;
  out?: string;
  seed?: string;
  kMax?: string;
  contextMean?: string;
  contextStd?: string;
  weightScaleSearch: boolean;
  match?: string;
  json?: boolean;
  quiet?: boolean;
}

/** Rows of the stdout table; the file always holds every population. */
const TABLE_ROWS = 16;

/**
 * `maxent analyze` (interfaces.md, kind `analysis`): the populations of a network
 * (model.md §10) with the §6 summary, and with `--solution` their comparison with
 * the max-ent solution, including the best-matching weight scale.
 */
export const analyzeCommand: CommandModule = {
  register(program: Command, io: CliIO): Command {
    return program
      .command('analyze')
      .description('populations, selectivity and energy shares of a network; compare with a max-ent solution (model.md §6, §10)')
      .requiredOption('--network <file>', 'network file (kind "network", from maxent sample or maxent train, or your own)')
      .option('--solution <file>', 'max-ent solution (kind "maxent-solution") to compare with; continuous gains compare clusters of gain vectors')
      .option('--out <file>', 'write the analysis result file (JSON) here')
      .option('--seed <S>', `seed of the k-means initialisation for continuous gains (integer, default ${DEFAULT_POPULATION_OPTIONS.seed})`)
      .option('--k-max <k>', `continuous gains: largest number of clusters tried (integer >= 2, default ${DEFAULT_POPULATION_OPTIONS.kMax})`)
      .option('--context-mean <mu>', 'mu_v of the context prior, for specializationPrior (default: the solution\'s or network file\'s config, else 0)')
      .option('--context-std <s>', 'sigma_v of the context prior (default: from the files\' config, else 1)')
      .option('--no-weight-scale-search', 'with --solution: skip the search for the best-matching weight scale')
      .option('--match <part>', `with --solution: which minimiser is the best match, ${MATCH_PARTS.join(' | ')} (model.md §15; default ${DEFAULT_JOINT_MATCH.by})`)
      .option('--json', 'print the analysis as JSON instead of a table')
      .option('--quiet', 'print nothing on success (with --out)')
      .action((flags: AnalyzeFlags) => runAnalyze(io, flags));
  },
};

function runAnalyze(io: CliIO, flags: AnalyzeFlags): void {
  const seed = integerFlag(flags.seed, '--seed') ?? DEFAULT_POPULATION_OPTIONS.seed;
  const match = matchFlag(flags.match);
  const kMax = integerFlag(flags.kMax, '--k-max', { min: 2 }) ?? DEFAULT_POPULATION_OPTIONS.kMax;
  const { file: networkFile, network } = readNetworkInput(io, flags.network, '--network');
  const solution =
    flags.solution === undefined ? undefined : solutionFromFile(readResultFile(io, flags.solution, '--solution', 'maxent-solution'), '--solution');
  if (solution !== undefined) checkComparable(network, solution.problem, flags.solution!);

  const filePrior = solution?.config.context ?? contextOf(networkFile.config);
  const contextMean = numberFlag(flags.contextMean, '--context-mean') ?? filePrior?.mean ?? DEFAULT_POPULATION_OPTIONS.contextMean;
  const contextStd =
    numberFlag(flags.contextStd, '--context-std', { min: 0, exclusiveMin: true }) ?? filePrior?.std ?? DEFAULT_POPULATION_OPTIONS.contextStd;

  const analysis = analyseNetwork(network, {
    contextMean,
    contextStd,
    kMax,
    seed,
    ...(solution === undefined ? {} : { solution, weightScaleSearch: flags.weightScaleSearch, match }),
  });
  const config = {
    network: flags.network,
    solution: flags.solution ?? null,
    contextMean,
    contextStd,
    kMax,
    weightScaleSearch: solution !== undefined && flags.weightScaleSearch ? { ...DEFAULT_WEIGHT_SCALE_SEARCH } : null,
    jointMatch: solution !== undefined && flags.weightScaleSearch ? { ...DEFAULT_JOINT_MATCH, by: match } : null,
  };
  const result = { ...envelope('analysis', config, seed), ...analysisToFile(network, analysis) };
  emitResult(io, flags, result, () => formatTable(flags.network, analysis.populations, analysis.comparison));
}

function matchFlag(text: string | undefined): MatchPart {
  if (text === undefined) return DEFAULT_JOINT_MATCH.by;
  if ((MATCH_PARTS as readonly string[]).includes(text)) return text as MatchPart;
  throw new InvalidInputError('--match', `invalid \`--match\`: must be one of ${MATCH_PARTS.join(', ')}, got ${JSON.stringify(text)}`);
}

/** The network must be the solution's kind: same K, P and nonlinearity (model.md §6, §7). */
function checkComparable(network: Network, problem: MaxentProblem, path: string): void {
  if (network.nonlinearity !== problem.nonlinearity) {
    throw new InvalidInputError('--solution', `invalid \`--solution\`: ${path} is for ${problem.nonlinearity} networks, the network is ${network.nonlinearity}`);
  }
  const { rows: K, cols: P } = network.task;
  if (problem.contexts !== K || problem.stimuli !== P) {
    throw new InvalidInputError(
      '--solution',
      `invalid \`--solution\`: ${path} solves a task with ${problem.contexts} contexts and ${problem.stimuli} stimuli, the network has ${K} and ${P}`,
    );
  }
}

/** The context prior a network file records in its config, if any (sample and train write it). */
function contextOf(config: unknown): { mean: number; std: number } | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  const context = (config as Record<string, unknown>).context;
  if (typeof context !== 'object' || context === null) return undefined;
  const { mean, std } = context as Record<string, unknown>;
  return typeof mean === 'number' && Number.isFinite(mean) && typeof std === 'number' && std > 0 && Number.isFinite(std)
    ? { mean, std }
    : undefined;
}

function formatTable(
  path: string,
  analysis: NetworkPopulations,
  comparison: NetworkComparison | null,
): string {
  const number = (x: number | null) => (x === null || Number.isNaN(x) ? 'n/a' : x.toFixed(4));
  const neurons = analysis.assignment.length;
  const lines = [`${path}: N = ${neurons}, ${analysis.populations.length} populations (${analysis.method})`];
  const header = ['pattern', 'count', 'fraction', 'energy share', 'selectivity'];
  if (comparison !== null) header.push('solution energy', 'solution chi');
  const solutionOf = new Map(comparison?.populations.map((p) => [p.pattern.join(''), p]) ?? []);
  const listed = [...analysis.populations].sort((a, b) => b.energyShare - a.energyShare).slice(0, TABLE_ROWS);
  const rows = listed.map((population) => {
    const row = [population.pattern.join(''), String(population.count), number(population.fraction), number(population.energyShare), number(population.selectivity)];
    if (comparison !== null) {
      const match = solutionOf.get(population.pattern.join(''));
      row.push(number(match?.energyShare.solution ?? null), number(match?.selectivity.solution ?? null));
    }
    return row;
  });
  lines.push(...tableLines(header, rows));
  if (analysis.populations.length > TABLE_ROWS) lines.push(`(${analysis.populations.length - TABLE_ROWS} more populations with smaller energy shares in the result file)`);
  const { summary } = analysis;
  lines.push(
    `specialization ${number(summary.specialization)} (prior ${number(summary.specializationPrior)}), selectivity ${number(summary.selectivity)} (normalised ${number(summary.selectivityNormalized)})`,
  );
  if (comparison !== null) {
    lines.push(`against the solution at weight scale ${comparison.weightScale}: TV distance of energy shares ${number(comparison.tvDistance)}, mean |selectivity difference| ${number(comparison.meanAbsSelectivityDifference)}`);
    const best = comparison.bestWeightScale;
    if (best !== null) {
      lines.push(
        `best-matching weight scale on energy shares alone, 1/16..16 (model.md §10): ${best.weightScale.toPrecision(4)} (TV distance ${number(best.tvDistance)})${best.atBoundary ? ' at the end of the searched range' : ''}`,
      );
    }
    const joint = comparison.jointMatch;
    if (joint !== null) {
      const line = (label: string, part: MatchSection) =>
        `  ${label}: sigma ${part.weightScale.toPrecision(4)}, mismatch ${number(part.mismatch)} = TV ${number(part.tvDistance)} + selectivity difference ${number(part.selectivityDifference)}` +
        (part.rangeEnd === null ? '' : ` (at the ${part.rangeEnd} end of 1/64..64: ${part.rangeEnd === 'lower' ? 'the sigma -> 0 limit, fully structured' : 'the random limit'}, not a match at that sigma)`);
      lines.push(`match over sigma (model.md §15), best by ${joint.match.by}:`, line('best', joint.match), line('joint', joint.matchJoint), line('energy shares alone', joint.matchEnergy), line('selectivities alone', joint.matchSelectivity));
    }
  }
  return `${lines.join('\n')}\n`;
}
