import type { Command } from 'commander';
import { ProblemHasNoAnswerError } from '@maxent/core';
import { problemFromConfig } from '@maxent/constraints';
import { solve, solutionToFile, type MaxentSolution } from '@maxent/solver';
import { gainClusters, type GainClusters } from '@maxent/experiments';
import type { CliIO } from '../context.js';
import type { CommandModule } from '../commandModule.js';
import { addConfigOptions, integerFlag, resolveConfig, type ConfigFlags } from '../configOptions.js';
import { envelope } from '../envelope.js';
import { writeJsonAtomic } from '../io.js';
import { assertMemory, BYTES_PER_RESULT_NUMBER } from '../resourceBudget.js';
import { tableLines } from '../table.js';

interface SolveFlags extends ConfigFlags {
  out?: string;
  allPopulations?: boolean;
  top?: string;
  quiet?: boolean;
}

const DEFAULT_TOP = 10;

/**
 * `maxent solve` (interfaces.md): solves the maximum-entropy problem exactly
 * (model.md §4-§6), prints a summary and, with `--out`, writes the
 * `maxent-solution` file. Without `--out` nothing is written. A run that does not
 * converge is a failure (exit 3) and writes nothing.
 */
export const solveCommand: CommandModule = {
  register(program: Command, io: CliIO): Command {
    return addConfigOptions(
      program
        .command('solve')
        .description('solve the maximum-entropy connectivity problem exactly (model.md §4-§6) and summarise its populations'),
    )
      .option('--out <file>', 'write the maxent-solution result file (JSON) here; without it nothing is written')
      .option('--all-populations', 'list every population in the file (default: all up to K = 10, else the 1024 largest)')
      .option('--top <n>', `populations shown in the printed table (integer >= 1, default ${DEFAULT_TOP})`)
      .option('--quiet', 'print nothing on success')
      .action((flags: SolveFlags) => runSolve(io, flags));
  },
};

function runSolve(io: CliIO, flags: SolveFlags): void {
  const top = integerFlag(flags.top, '--top', { min: 1 }) ?? DEFAULT_TOP;
  const config = resolveConfig(io, flags);
  const problem = problemFromConfig(config);
  checkPopulationListing(problem.contexts, problem.stimuli, flags.allPopulations === true);
  const quiet = flags.quiet === true;
  // No progress bar: an exact solve takes well under a second up to K = 14 and a few seconds at K = 20.
  const solution = solve(problem);
  if (!solution.converged) {
    // Unconverged messages start with "did not converge" (newton.ts).
    throw new ProblemHasNoAnswerError(`the solver ${solution.message}`, 'not-converged');
  }
  // Continuous gains: populations are clusters of the gain vectors (model.md §7, interfaces.md).
  const clusters = solution.estimator === 'exact' ? null : gainClusters(problem, solution.lambda);
  if (flags.out !== undefined) {
    writeJsonAtomic(io, flags.out, {
      ...envelope('maxent-solution', config),
      ...solutionToFile(solution, { allPopulations: flags.allPopulations === true }),
      ...(clusters === null ? {} : clusterFields(clusters)),
    });
  }
  if (!quiet) io.stdout(formatSummary(solution, clusters, top, flags.out));
}

/**
 * The populations the file lists (2^K with --all-populations, else up to 1024
 * beyond K = 10), each with its (P+1)^2 covariance: refused up front when they
 * cannot fit in memory (K = 20 with --all-populations would need about 20 GiB).
 */
function checkPopulationListing(contexts: number, stimuli: number, all: boolean): void {
  const listed = all || contexts <= 10 ? 2 ** contexts : Math.min(2 ** contexts, 1024);
  const perPopulation = (stimuli + 1) ** 2 + stimuli + contexts + 3;
  const setting = all ? '--all-populations' : '--contexts';
  assertMemory(listed * perPopulation * BYTES_PER_RESULT_NUMBER, setting, `listing ${listed} populations of ${contexts} contexts and ${stimuli} stimuli`);
}

/** The `clusters` of a continuous solution file and how they were found. */
function clusterFields(found: GainClusters) {
  return {
    clusters: found.clusters,
    clustering: { method: found.method, sampleSize: found.sampleSize, seed: found.seed, silhouette: found.silhouette },
  };
}

function formatSummary(solution: MaxentSolution, clusters: GainClusters | null, top: number, out: string | undefined): string {
  const { problem, summary } = solution;
  const fixed = (x: number) => x.toFixed(4);
  const taskName = `${problem.contexts} contexts x ${problem.stimuli} stimuli`;
  const lines = [
    `maximum-entropy solution: ${taskName}, ${problem.nonlinearity}, weightScale ${problem.weightScale}, ${solution.estimator} estimator`,
    `  ${solution.message}`,
    `  KL from prior          ${fixed(solution.klFromPrior)} nats   (log Z ${fixed(solution.logPartition)})`,
    `  specialization         ${fixed(summary.specialization)}   (prior ${fixed(summary.specializationPrior)}): energy share of neurons active in one context`,
    `  selectivity            ${fixed(summary.selectivity)}   (normalised ${summary.selectivityNormalized === null ? 'n/a, P = 1' : fixed(summary.selectivityNormalized)}; 1/P = random, 1 = structured)`,
    `  active contexts        ${summary.activeCount.byEnergy.map((x, c) => `${c}: ${(100 * x).toFixed(1)}%`).join('  ')}   (by energy)`,
    '',
  ];
  if (solution.estimator !== 'exact') {
    // Continuous gains (model.md §7): no populations by pattern; the domain check and the estimator's own check.
    const check = solution.estimatorCheck;
    lines.push(
      `  max q at the gain-box vertices ${fixed(solution.maxQOnGainBoxVertices)} (< 1: admissible)`,
      check.kind === 'quadrature'
        ? `  change with ${check.comparedWithNodes} nodes   lambda ${check.maxLambdaChange.toExponential(2)}, moments ${check.maxMomentChange.toExponential(2)}`
        : `  Monte Carlo stderr     ${check.maxStderr.toExponential(2)} (largest over the moments, ${check.samples} draws)`,
    );
    if (clusters !== null) {
      const shown = [...clusters.clusters].sort((a, b) => b.energyShare - a.energyShare).slice(0, top);
      lines.push(
        '',
        `  clusters of gain vectors (${clusters.method}, ${clusters.clusters.length} found in ${clusters.sampleSize} neurons drawn with seed ${clusters.seed}; pattern: mean gain > 1/2):`,
        ...tableLines(
          ['pattern', 'mean gains', 'fraction', 'energy share', 'selectivity'],
          shown.map((c) => [c.pattern.join(''), c.gains.map((g) => g.toFixed(2)).join(' '), fixed(c.fraction), fixed(c.energyShare), fixed(c.selectivity)]),
          { indent: '  ' },
        ),
      );
    }
    if (out !== undefined) lines.push('', `  written to ${out}`);
    lines.push('');
    return lines.join('\n');
  }
  const shown = solution.populations.slice(0, top);
  const header = ['pattern', 'fraction', 'energy share', 'selectivity'];
  const rows = shown.map((p) => [p.pattern.join(''), fixed(p.fraction), fixed(p.energyShare), fixed(p.selectivity)]);
  lines.push(
    `  largest populations by energy share (${shown.length} of ${solution.populationsTotal}; pattern digit k = active in context k+1):`,
    ...tableLines(header, rows, { indent: '  ' }),
  );
  if (out !== undefined) lines.push('', `  written to ${out}`);
  lines.push('');
  return lines.join('\n');
}
