// What the report shows for each kind of result file (interfaces.md): the
// figures of @maxent/figures and the numbers as tables. Pure: data in, sections out.
import {
  activeContextsFigure,
  analysisMatchCurveFigure,
  bestSigmaFigure,
  matchCurveFigure,
  matchTvAgainstContextsFigure,
  evaluationR2Figure,
  lowrankConditionalMeanFigure,
  lowrankConstraintsFigure,
  lowrankDensityFigure,
  lowrankFlowFigure,
  lowrankLoadingsFigure,
  lowrankTrajectoriesFigure,
  mcmcEssFigure,
  mcmcRhatFigure,
  mcmcTraceFigure,
  neuronScatterFigure,
  populationComparisonFigure,
  populationSelectivityComparisonFigure,
  r2AgainstStimulusStdFigure,
  rnnStudyEigenvalueFigure,
  rnnStudyScatterFigure,
  rnnTrainingFigure,
  selectivityFigure,
  solutionPopulationsFigure,
  solutionSelectivityFigure,
  solutionGainsFigure,
  specializationFigure,
  sweepMismatchFigure,
  weightScaleMatchFigure,
  type EvaluationFile,
  type Figure,
  type LowRankNetworkFile,
  type LowRankSolutionFile,
  type RnnSweepFile,
} from '@maxent/figures';
import { arrayTable, scalarTable, type ReportTable } from './table.js';

export interface ResultInput {
  /** The path as the user gave it (shown in the report). */
  readonly name: string;
  readonly data: unknown;
}

export interface ReportSection {
  readonly name: string;
  /** The file's `kind`, or null when it has none. */
  readonly kind: string | null;
  readonly figures: readonly Figure[];
  readonly tables: readonly ReportTable[];
  /** Lines said about the file: an unknown kind, a figure that could not be drawn. */
  readonly notes: readonly string[];
  readonly config?: unknown;
  readonly seed?: unknown;
  readonly versions?: Readonly<Record<string, unknown>>;
}

type FigureBuilder = (file: never) => Figure;

interface KindContent {
  /** Figures the file always gets, and those that depend on what it holds. */
  readonly figures: (file: Record<string, unknown>) => readonly FigureBuilder[];
  readonly tables: (file: Record<string, unknown>) => readonly (ReportTable | null)[];
}

const POPULATION_FIELDS = ['pattern', 'fraction', 'energyShare', 'selectivity', 'count'];
const SUMMARY_KEYS = ['summary.specialization', 'summary.specializationPrior', 'summary.selectivity', 'summary.selectivityNormalized'];
const SWEEP_COLUMNS = [
  'grid', 'mode', 'contexts', 'weightScale', 'initScale', 'specialization', 'specializationPrior', 'selectivity',
  'selectivityNormalized', 'r2', 'tvDistance', 'meanAbsSelectivityDifference', 'bestWeightScale',
  'weightDecay', 'replicate', 'matchWeightScale', 'matchTvDistance', 'matchSelectivityDifference', 'matchAtRangeEnd',
];
const MATCH_COLUMNS = [
  'grid', 'contexts', 'initScale', 'weightDecay', 'replicates', 'r2', 'r2Stderr', 'matchWeightScale', 'matchWeightScaleStderr',
  'matchTvDistance', 'matchTvDistanceStderr', 'matchSelectivityDifference', 'matchSelectivityDifferenceStderr', 'matchAtRangeEnd',
  'energyMatchWeightScale', 'selectivityMatchWeightScale',
];

const FIXED_POINT_FIELDS = ['kind', 'kappa.0', 'kappa.1', 'eigenvalues.real.0', 'eigenvalues.real.1', 'residual'];
const MEAN_FIELD_KEYS = ['meanField.ringRadius', 'meanField.period', 'meanField.cycleRadius'];
// The comparisons of the seRNN papers across a study's networks (issue 14, model.md §12).
const modularityAgainstEntropyFigure = (file: RnnSweepFile) => rnnStudyScatterFigure(file, 'shannonEntropy', 'modularity');
const entropyAgainstTotalWeightFigure = (file: RnnSweepFile) => rnnStudyScatterFigure(file, 'totalWeight', 'shannonEntropy');
const leadingEigenvalueAgainstGammaFigure = (file: RnnSweepFile) => rnnStudyScatterFigure(file, 'gamma', 'leadingEigenvalue', { logX: true });
const spectralEntropyAgainstGammaFigure = (file: RnnSweepFile) => rnnStudyScatterFigure(file, 'gamma', 'spectralEntropy', { logX: true });
const RNN_MEASURES = ['totalWeight', 'shannonEntropy', 'modularity', 'leadingEigenvalue', 'spectralEntropy', 'distanceCorrelation'];

/** Latent-space figures exist for rank 1 and 2 (a line or a plane). */
const drawableRank = (file: Record<string, unknown>) => file.rank === 1 || file.rank === 2;

const CONTENT: Readonly<Record<string, KindContent>> = {
  'maxent-solution': {
    figures: (file) => [
      solutionPopulationsFigure,
      activeContextsFigure,
      solutionSelectivityFigure,
      // Continuous gains (model.md §7): the law of the gains as well.
      ...(file.gains === undefined ? [] : [solutionGainsFigure]),
    ],
    tables: (file) => [
      arrayTable('populations', 'Populations (model.md §6)', file, 'populations', POPULATION_FIELDS),
      arrayTable('clusters', 'Clusters of gain vectors (model.md §7)', file, 'clusters', ['pattern', 'gains', 'fraction', 'energyShare', 'selectivity']),
      scalarTable('summary', 'Summary', file, SUMMARY_KEYS),
      scalarTable('solver', 'Solver', file, ['converged', 'iterations', 'maxResidual', 'logPartition', 'klFromPrior', 'message']),
    ],
  },
  network: {
    figures: (file) => [neuronScatterFigure, ...(file.diagnostics === undefined ? [] : [mcmcTraceFigure, mcmcRhatFigure, mcmcEssFigure])],
    tables: (file) => [
      scalarTable('network', 'Network', file, ['nonlinearity', 'neurons']),
      scalarTable('training', 'Training', file, ['training.optimizer', 'training.learningRate', 'training.initScale', 'training.steps', 'training.stoppedBy', 'training.finalLoss', 'training.relativeChange']),
      scalarTable('diagnostics', 'MCMC diagnostics (model.md §8)', file, ['diagnostics.variant', 'diagnostics.chains', 'diagnostics.drawsPerChain', 'diagnostics.acceptanceRate', 'diagnostics.rhat', 'diagnostics.ess']),
    ],
  },
  analysis: {
    figures: (file) => {
      const comparison = file.comparison as { bestWeightScale?: unknown } | undefined;
      if (comparison === undefined) return [];
      const comparisonWithMatch = comparison as { bestWeightScale?: unknown; curve?: unknown };
      return [
        populationComparisonFigure,
        populationSelectivityComparisonFigure,
        ...(comparison.bestWeightScale === undefined || comparison.bestWeightScale === null ? [] : [weightScaleMatchFigure]),
        ...(Array.isArray(comparisonWithMatch.curve) ? [analysisMatchCurveFigure] : []),
      ];
    },
    tables: (file) => [
      arrayTable('populations', 'Populations found in the network (model.md §10)', file, 'populations', POPULATION_FIELDS),
      scalarTable('summary', 'Summary', file, ['neurons', 'stimuli', ...SUMMARY_KEYS]),
      scalarTable('comparison', 'Comparison with the solution (model.md §15)', file, [
        'comparison.weightScale', 'comparison.tvDistance', 'comparison.meanAbsSelectivityDifference',
        'comparison.bestWeightScale.weightScale', 'comparison.bestWeightScale.tvDistance', 'comparison.bestWeightScale.atBoundary',
        'comparison.match.by', 'comparison.match.weightScale', 'comparison.match.mismatch', 'comparison.match.tvDistance',
        'comparison.match.selectivityDifference', 'comparison.match.atRangeEnd', 'comparison.match.rangeEnd',
        'comparison.matchEnergy.weightScale', 'comparison.matchSelectivity.weightScale',
      ]),
    ],
  },
  evaluation: {
    figures: () => [evaluationR2Figure],
    tables: (file) => [
      scalarTable('overall', 'Overall (model.md §9)', file, ['r2', 'mse', 'linearized.r2', 'linearized.mse']),
      arrayTable('per-context', 'Per context: network', file, 'perContext', ['context', 'r2', 'mse']),
      arrayTable('per-context-linearized', 'Per context: linearisation', file, 'linearized.perContext', ['context', 'r2', 'mse']),
    ],
  },
  sweep: {
    figures: (file) => {
      const rows = Array.isArray(file.rows) ? (file.rows as { mode?: unknown; weightScale?: unknown; matchWeightScale?: unknown }[]) : [];
      const trained = rows.filter((row) => row.mode === 'trained');
      // The sigma-grid mismatch figure needs trained networks at two or more sigma; the
      // gd-match figures (model.md §15) need the joint match.
      const alongSigma = new Set(trained.map((row) => row.weightScale)).size >= 2;
      const matched = trained.some((row) => 'matchWeightScale' in row);
      // Best sigma against a training setting only where some grid varies it.
      const varies = (setting: 'weightDecay' | 'initScale') => {
        const values = new Map<unknown, Set<unknown>>();
        for (const row of trained as Record<string, unknown>[]) values.set(row.grid, (values.get(row.grid) ?? new Set()).add(row[setting] ?? 0));
        return [...values.values()].some((set) => set.size >= 2);
      };
      return [
        specializationFigure,
        selectivityFigure,
        ...(alongSigma ? [sweepMismatchFigure] : []),
        ...(matched
          ? [
              matchCurveFigure,
              matchTvAgainstContextsFigure,
              ...(varies('weightDecay') ? [(sweep: never) => bestSigmaFigure(sweep, 'weightDecay')] : []),
              ...(varies('initScale') ? [(sweep: never) => bestSigmaFigure(sweep, 'initScale')] : []),
            ]
          : []),
      ];
    },
    tables: (file) => {
      const isMean = (row: unknown) => (row as { mode?: unknown }).mode === 'mean';
      return [
        arrayTable('match', 'Joint match per setting: means and standard errors over the seeds (model.md §15)', file, 'rows', MATCH_COLUMNS, isMean),
        arrayTable('rows', 'Rows', file, 'rows', ['index', ...SWEEP_COLUMNS]),
        scalarTable('timing', 'Timing (s)', file, ['timing']),
      ];
    },
  },
  'lowrank-network': {
    figures: (file) => [...(drawableRank(file) ? [lowrankFlowFigure] : []), lowrankLoadingsFigure],
    tables: (file) => [
      scalarTable('network', 'Network (model.md §14)', file, ['rank', 'nonlinearity', 'neurons', 'alpha', ...MEAN_FIELD_KEYS]),
      arrayTable('fixed-points', 'Mean-field fixed points', file, 'meanField.fixedPoints', FIXED_POINT_FIELDS),
    ],
  },
  'lowrank-constraints': {
    figures: (file) => (drawableRank(file) ? [lowrankConstraintsFigure] : []),
    tables: (file) => [
      scalarTable('constraints', 'Constraints (model.md §14)', file, ['rank', 'nonlinearity']),
      scalarTable('gram', 'Gram matrix and consistency', file, ['gram']),
    ],
  },
  'lowrank-solution': {
    figures: (file) => {
      if (!drawableRank(file)) return [];
      const pm = file.pm as { grid?: unknown } | null | undefined;
      // E[n|m] alone reads as a curve at rank 1; at rank 2 it is drawn against a teacher (acrossFilesFigures).
      return [...(file.rank === 1 ? [lowrankConditionalMeanFigure] : []), ...(pm?.grid ? [lowrankDensityFigure] : [])];
    },
    tables: (file) => [
      scalarTable('solution', 'Solution (model.md §14)', file, ['mode', 'rank', 'nonlinearity', 'converged', 'iterations', 'maxResidual', 'klFromPrior', 'ridge', 'message', ...MEAN_FIELD_KEYS]),
      arrayTable('fixed-points', 'Mean-field fixed points of the solution', file, 'meanField.fixedPoints', FIXED_POINT_FIELDS),
      scalarTable('estimator-check', 'Estimator check (twice the nodes)', file, ['estimatorCheck']),
    ],
  },
  'lowrank-analysis': {
    figures: (file) => (drawableRank(file) ? [lowrankTrajectoriesFigure] : []),
    tables: (file) => [
      scalarTable('attractors', 'Attractors of the finite network (model.md §14)', file, ['rank', 'attractor.kind', 'attractor.slowness', 'ring', 'cycle']),
      arrayTable('fixed-points', 'Fixed points', file, 'fixedPoints', FIXED_POINT_FIELDS),
      scalarTable('populations', 'Populations of the loadings', file, ['populations.count']),
      scalarTable('dissimilarity', 'Dissimilarity to the teacher', file, ['dissimilarity']),
    ],
  },
  'rnn-training': {
    figures: () => [rnnTrainingFigure],
    tables: (file) => [
      scalarTable('training', 'Training (model.md §12)', file, ['config.regularizer', 'config.gamma', 'seed', 'units', 'stoppedBy', 'learnt']),
      arrayTable('epochs', 'Per epoch (epoch 0 = initialisation; measures of model.md §11)', file, 'epochs', [
        'epoch', 'loss', 'testAccuracy', 'problemAccuracy', ...RNN_MEASURES.map((name) => `measures.${name}`.replace('measures.modularity', 'measures.modularity.q')),
      ]),
    ],
  },
  'rnn-sweep': {
    figures: () => [modularityAgainstEntropyFigure, entropyAgainstTotalWeightFigure, leadingEigenvalueAgainstGammaFigure, spectralEntropyAgainstGammaFigure, rnnStudyEigenvalueFigure],
    tables: (file) => [
      arrayTable('cells', 'Each regulariser and gamma: means over the learnt runs', file, 'summary.cells', ['regularizer', 'gamma', 'runs', 'learnt', ...RNN_MEASURES.map((name) => `mean.${name}`)]),
      scalarTable('matched', 'At matched total weight (fraction of pairs where seRNN is ...)', file, [
        'summary.matched.pairs', 'summary.matched.seRnnHigherModularity', 'summary.matched.seRnnLowerEntropy',
        'summary.matched.seRnnSmallerLeadingEigenvalue', 'summary.matched.seRnnHigherSpectralEntropy',
      ]),
      arrayTable('runs', 'Every run (none left out)', file, 'rows', ['index', 'regularizer', 'gamma', 'seed', 'learnt', 'final.testAccuracy', ...RNN_MEASURES.map((name) => `final.${name}`)]),
    ],
  },
  'weight-metrics': {
    figures: () => [],
    tables: (file) => [
      scalarTable('measures', 'Measures of the weight matrix (model.md §11)', file, [
        'size', 'shannonEntropy', 'communicabilityEntropy', 'modularity.q', 'leadingEigenvalue',
        'logLeadingEigenvalue', 'spectralRadius', 'spectralEntropy', 'totalWeight',
      ]),
    ],
  },
};

export const KNOWN_KINDS = Object.keys(CONTENT);

/** The section of one result file. Never throws: what cannot be shown becomes a note. */
export function sectionOf(input: ResultInput): ReportSection {
  const { name, data } = input;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { name, kind: null, figures: [], tables: [], notes: [`not a result file: it holds a JSON ${Array.isArray(data) ? 'array' : data === null ? 'null' : typeof data}, not an object with a "kind"`] };
  }
  const file = data as Record<string, unknown>;
  const kind = typeof file.kind === 'string' ? file.kind : null;
  const head = { name, kind, config: file.config, seed: file.seed, versions: isRecord(file.versions) ? file.versions : undefined };
  const content = kind === null ? undefined : CONTENT[kind];
  if (content === undefined) {
    const what = kind === null ? 'has no "kind"' : `is of kind ${JSON.stringify(kind)}, which this report does not draw`;
    return { ...head, figures: [], tables: [], notes: [`This file ${what} (known kinds: ${KNOWN_KINDS.join(', ')}); it is listed but not shown.`] };
  }
  const figures: Figure[] = [];
  const notes: string[] = [];
  for (const build of content.figures(file)) {
    try {
      figures.push(build(file as never));
    } catch (error) {
      notes.push(`A figure (${build.name}) could not be drawn from this file: ${(error as Error).message}`);
    }
  }
  const tables = content.tables(file).filter((table): table is ReportTable => table !== null);
  return { ...head, figures, tables, notes };
}

/**
 * Figures drawn from several files together: R^2 against the stimulus size, for
 * each network evaluated at two or more stimulus sizes; E[n|m] of each low-rank
 * solution against the teacher given beside it (the one Gaussian-mixture teacher
 * of its rank among the files).
 */
export function acrossFilesFigures(inputs: readonly ResultInput[]): Figure[] {
  const byNetwork = new Map<unknown, EvaluationFile[]>();
  for (const { data } of inputs) {
    if (!isRecord(data) || data.kind !== 'evaluation' || !isRecord(data.config)) continue;
    const network = data.config.network;
    byNetwork.set(network, [...(byNetwork.get(network) ?? []), data as unknown as EvaluationFile]);
  }
  const figures: Figure[] = [];
  for (const evaluations of byNetwork.values()) {
    if (new Set(evaluations.map((evaluation) => evaluation.config.stimulusStd)).size < 2) continue;
    try {
      figures.push(r2AgainstStimulusStdFigure(evaluations));
    } catch {
      // A malformed evaluation already gets its note in its own section.
    }
  }
  figures.push(...lowrankTeacherFigures(inputs));
  return figures;
}

function lowrankTeacherFigures(inputs: readonly ResultInput[]): Figure[] {
  const files = inputs.map(({ data }) => data).filter(isRecord);
  const figures: Figure[] = [];
  for (const solution of files.filter((file) => file.kind === 'lowrank-solution' && drawableRank(file))) {
    const teachers = files.filter((file) => file.kind === 'lowrank-network' && isRecord(file.teacher) && file.rank === solution.rank);
    // Two teachers of the same rank: which one the solution was made from is not in the file, so none is guessed.
    if (teachers.length !== 1) continue;
    try {
      figures.push(lowrankConditionalMeanFigure(solution as unknown as LowRankSolutionFile, teachers[0] as unknown as LowRankNetworkFile));
    } catch {
      // A malformed file already gets its note in its own section.
    }
  }
  return figures;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
