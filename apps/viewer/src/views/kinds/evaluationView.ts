import { evaluationR2Figure, type EvaluationFile } from '@maxent/figures';
import type { KindView } from '../registry.js';
import { addFigure, addTable, figureGrid } from '../parts.js';
import { arrayTable, scalarTable } from '../scalarTable.js';

/** `evaluation`: R^2 per context and pooled, network and linearisation (model.md §9). */
export const evaluationView: KindView = {
  label: 'evaluation (maxent evaluate)',
  render(target, opened) {
    const file = opened.data as EvaluationFile;
    const grid = figureGrid();
    addFigure(grid, 'R²', () => evaluationR2Figure(file));
    target.append(grid);
    addTable(target, scalarTable('evaluation-summary', 'Overall (model.md §9)', file, ['neurons', 'r2', 'mse', 'linearized.r2', 'linearized.mse', 'config.stimulusStd', 'config.trials']));
    addTable(target, arrayTable('evaluation-per-context', 'Per context', file.perContext, ['context', 'r2', 'mse']));
  },
};
