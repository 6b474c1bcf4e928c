// Data -> figure input for the explore view: which builders of @maxent/figures
// draw an explore result, and the summary numbers beside them. Pure, so the
// choice is unit-tested without a browser.
import {
  activeContextsFigure,
  neuronScatterFigure,
  solutionPopulationsFigure,
  solutionSelectivityFigure,
  type Figure,
  type SolutionFile,
} from '@maxent/figures';
import { withCompactLegend } from '../views/compactLegend.js';
import type { ExploreResult } from '../worker/explore.js';

/** Slots of the explore view, in page order. */
export const EXPLORE_SLOTS = ['populations', 'activeContexts', 'selectivity', 'neurons'] as const;
export type ExploreSlot = (typeof EXPLORE_SLOTS)[number];

export interface ExploreFigures {
  readonly figures: Partial<Record<ExploreSlot, Figure>>;
  /** Why a slot has no figure (continuous gains, no converged solution). */
  readonly notes: readonly string[];
}

export function exploreFigures(result: ExploreResult): ExploreFigures {
  const figures: Partial<Record<ExploreSlot, Figure>> = {};
  const notes: string[] = [];
  const { solution } = result;
  if (Array.isArray((solution as { populations?: unknown }).populations)) {
    figures.populations = solutionPopulationsFigure(solution);
    figures.activeContexts = activeContextsFigure(solution);
    figures.selectivity = solutionSelectivityFigure(solution);
  } else {
    notes.push('Continuous gains (model.md §7): the solution has no populations by gain pattern; its summary reads "active in context k" as g_k > 1/2.');
  }
  if (result.network !== null) figures.neurons = withCompactLegend(neuronScatterFigure(result.network));
  if (result.networkNote !== null) notes.push(result.networkNote);
  return { figures, notes };
}

/** One number of the summary: its label, its exact value (null when undefined) and what it means. */
export interface SummaryNumber {
  readonly key: string;
  readonly label: string;
  readonly value: number | null;
}

export function summaryNumbers(solution: SolutionFile & { klFromPrior?: number; iterations?: number; maxResidual?: number }): SummaryNumber[] {
  const { summary } = solution;
  return [
    { key: 'klFromPrior', label: 'KL from prior (nats)', value: solution.klFromPrior ?? null },
    { key: 'specialization', label: 'specialization', value: summary.specialization },
    { key: 'specializationPrior', label: 'specialization of the prior', value: summary.specializationPrior },
    { key: 'selectivity', label: 'selectivity χ', value: summary.selectivity },
    { key: 'selectivityNormalized', label: 'normalised selectivity', value: summary.selectivityNormalized },
    { key: 'iterations', label: 'Newton iterations', value: solution.iterations ?? null },
    { key: 'maxResidual', label: 'max residual |E[f] − A|', value: solution.maxResidual ?? null },
  ];
}
