// What the views of the low-rank kinds show (maxent lowrank; model.md §14): the
// figures of @maxent/figures for what each file holds, and its numbers as tables.
// Pure (no DOM), so it is tested without a browser; lowrankViews.ts draws it.
import {
  lowrankConditionalMeanFigure,
  lowrankConstraintsFigure,
  lowrankDensityFigure,
  lowrankFlowFigure,
  lowrankLoadingsFigure,
  lowrankTrajectoriesFigure,
  type Figure,
  type LowRankAnalysisFile,
  type LowRankConstraintsFile,
  type LowRankNetworkFile,
  type LowRankSolutionFile,
} from '@maxent/figures';
import { arrayTable, scalarTable } from '../scalarTable.js';

export interface PlannedFigure {
  readonly what: string;
  readonly build: () => Figure;
}

export const LOWRANK_KINDS = ['lowrank-network', 'lowrank-constraints', 'lowrank-solution', 'lowrank-analysis'] as const;

const FIXED_POINT_COLUMNS = ['kind', 'kappa.0', 'kappa.1', 'eigenvalues.real.0', 'eigenvalues.real.1', 'residual'];

/**
 * The figures a low-rank file gets, and why one is left out (latent-space figures
 * need rank 1 or 2; at rank 2, E[n | m] is drawn against a teacher, which a
 * single file does not hold). Pure, so it is tested without a browser.
 */
export function lowrankFigurePlan(file: Record<string, unknown>): { figures: PlannedFigure[]; notes: string[] } {
  const rank = file.rank;
  const drawable = rank === 1 || rank === 2;
  const notes = drawable ? [] : [`Figures of the latent space need rank 1 or 2; this file has rank ${String(rank)}.`];
  const figures: PlannedFigure[] = [];
  switch (file.kind) {
    case 'lowrank-network': {
      const network = file as unknown as LowRankNetworkFile;
      if (drawable) figures.push({ what: 'latent flow', build: () => lowrankFlowFigure(network) });
      figures.push({ what: 'loadings', build: () => lowrankLoadingsFigure(network) });
      break;
    }
    case 'lowrank-constraints':
      if (drawable) figures.push({ what: 'constraints', build: () => lowrankConstraintsFigure(file as unknown as LowRankConstraintsFile) });
      break;
    case 'lowrank-solution': {
      const solution = file as unknown as LowRankSolutionFile;
      if (rank === 1) figures.push({ what: 'E[n | m]', build: () => lowrankConditionalMeanFigure(solution) });
      if (rank === 2) notes.push('E[n | m] at rank 2 is drawn against its teacher: maxent report SOLUTION TEACHER draws it.');
      if (drawable && solution.pm?.grid) figures.push({ what: 'p(m)', build: () => lowrankDensityFigure(solution) });
      break;
    }
    case 'lowrank-analysis':
      if (drawable) figures.push({ what: 'trajectories', build: () => lowrankTrajectoriesFigure(file as unknown as LowRankAnalysisFile) });
      break;
    default:
      throw new Error(`not a low-rank kind: ${String(file.kind)}`);
  }
  return { figures, notes };
}

export function lowrankTables(file: Record<string, unknown>) {
  const meanField = ['meanField.ringRadius', 'meanField.period', 'meanField.cycleRadius'];
  switch (file.kind) {
    case 'lowrank-network':
      return [
        scalarTable('lowrank-network', 'Network (model.md §14)', file, ['rank', 'nonlinearity', 'neurons', 'alpha', ...meanField]),
        arrayTable('lowrank-fixed-points', 'Mean-field fixed points', (file.meanField as { fixedPoints?: unknown } | null)?.fixedPoints, FIXED_POINT_COLUMNS),
      ];
    case 'lowrank-constraints':
      return [scalarTable('lowrank-gram', 'Constraints and Gram matrix (model.md §14)', file, [
        'rank', 'nonlinearity', 'gram.condition', 'gram.nullDimensions', 'gram.largestEigenvalue', 'gram.meanDiagonal',
        'gram.consistency.consistent', 'gram.consistency.maxViolation', 'gram.consistency.dropped',
      ])];
    case 'lowrank-solution':
      return [
        scalarTable('lowrank-solution', 'Solution (model.md §14)', file, [
          'mode', 'rank', 'nonlinearity', 'converged', 'iterations', 'maxResidual', 'klFromPrior', 'ridge', 'message', ...meanField,
          'estimatorCheck.maxChangeConditionalMean', 'estimatorCheck.changeKlFromPrior',
        ]),
        arrayTable('lowrank-fixed-points', 'Mean-field fixed points of the solution', (file.meanField as { fixedPoints?: unknown } | null)?.fixedPoints, FIXED_POINT_COLUMNS),
      ];
    default:
      return [
        scalarTable('lowrank-attractors', 'Attractors and dissimilarity (model.md §14)', file, [
          'rank', 'attractor.kind', 'attractor.slowness', 'ring.radius', 'ring.radiusSpread', 'ring.drift', 'cycle.radius', 'cycle.period', 'populations.count',
          'dissimilarity.energyDistance', 'dissimilarity.conditionalMeanMsd',
        ]),
        arrayTable('lowrank-fixed-points', 'Fixed points of the finite network', file.fixedPoints, FIXED_POINT_COLUMNS),
      ];
  }
}

