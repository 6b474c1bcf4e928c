import { selectivityFigure, specializationFigure, sweepMismatchFigure, type SweepFile } from '@maxent/figures';
import type { KindView } from '../registry.js';
import { addFigure, addNote, addTable, figureGrid } from '../parts.js';
import { arrayTable } from '../scalarTable.js';

const COLUMNS = ['grid', 'mode', 'contexts', 'weightScale', 'initScale', 'specialization', 'specializationPrior', 'selectivity', 'selectivityNormalized', 'r2', 'tvDistance', 'error'];

/** `sweep`: the two transitions (model.md §6), the trained networks' mismatch; its points also go on the transitions panel. */
export const sweepView: KindView = {
  label: 'sweep (maxent sweep)',
  render(target, opened, context) {
    const file = opened.data as SweepFile;
    const grid = figureGrid();
    addFigure(grid, 'specialization', () => specializationFigure(file));
    addFigure(grid, 'selectivity', () => selectivityFigure(file));
    if (Array.isArray(file.rows) && file.rows.some((row) => row.mode === 'trained')) addFigure(grid, 'mismatch', () => sweepMismatchFigure(file));
    target.append(grid);
    if (Array.isArray(file.rows)) {
      context.overlaySweep(file);
      addNote(target, `Its ${file.rows.length} points are also drawn on the transitions panel, over the curves of the current setting.`);
    }
    addTable(target, arrayTable('sweep-rows', 'Rows', file.rows, COLUMNS));
  },
};
