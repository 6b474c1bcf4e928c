import { activeContextsFigure, solutionPopulationsFigure, solutionSelectivityFigure, type SolutionFile } from '@maxent/figures';
import type { KindView } from '../registry.js';
import { addFigure, addNote, addTable, figureGrid } from '../parts.js';
import { arrayTable, scalarTable } from '../scalarTable.js';

export const SUMMARY_KEYS = [
  'klFromPrior',
  'summary.specialization',
  'summary.specializationPrior',
  'summary.selectivity',
  'summary.selectivityNormalized',
  'converged',
  'iterations',
  'maxResidual',
  'logPartition',
  'message',
];

/** `maxent-solution`: populations, active contexts, selectivity (model.md §6) and the summary numbers. */
export const solutionView: KindView = {
  label: 'max-ent solution (maxent solve)',
  render(target, opened) {
    const file = opened.data as SolutionFile;
    const grid = figureGrid();
    if (Array.isArray((file as { populations?: unknown }).populations)) {
      addFigure(grid, 'populations', () => solutionPopulationsFigure(file));
      addFigure(grid, 'active contexts', () => activeContextsFigure(file));
      addFigure(grid, 'selectivity', () => solutionSelectivityFigure(file));
    } else {
      addNote(grid, 'This solution has continuous gains (model.md §7): no populations by gain pattern, so only its numbers are shown.');
    }
    target.append(grid);
    addTable(target, scalarTable('solution-summary', 'Summary', file, SUMMARY_KEYS));
    addTable(target, arrayTable('solution-populations-table', 'Populations (model.md §6)', (file as { populations?: unknown }).populations, ['pattern', 'fraction', 'energyShare', 'selectivity'], 64));
  },
};
