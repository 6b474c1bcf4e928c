import { populationComparisonFigure, populationSelectivityComparisonFigure, weightScaleMatchFigure, type AnalysisFile } from '@maxent/figures';
import type { KindView } from '../registry.js';
import { addFigure, addNote, addTable, figureGrid } from '../parts.js';
import { arrayTable, scalarTable } from '../scalarTable.js';

/** `analysis`: populations of a network and, with `--solution`, their comparison with the solution (model.md §10, §15). */
export const analysisView: KindView = {
  label: 'analysis (maxent analyze)',
  render(target, opened) {
    const file = opened.data as AnalysisFile;
    const grid = figureGrid();
    if (file.comparison !== undefined) {
      addFigure(grid, 'population comparison', () => populationComparisonFigure(file));
      addFigure(grid, 'selectivity comparison', () => populationSelectivityComparisonFigure(file));
      if (file.comparison.bestWeightScale !== undefined) addFigure(grid, 'weight-scale match', () => weightScaleMatchFigure(file));
    } else {
      addNote(grid, 'This analysis has no comparison (run maxent analyze with --solution for one), so its populations are shown as a table.');
    }
    target.append(grid);
    addTable(target, scalarTable('analysis-summary', 'Summary', file, [
      'neurons', 'stimuli', 'summary.specialization', 'summary.specializationPrior', 'summary.selectivity', 'summary.selectivityNormalized',
      'comparison.weightScale', 'comparison.tvDistance', 'comparison.meanAbsSelectivityDifference', 'comparison.bestWeightScale.weightScale',
    ]));
    addTable(target, arrayTable('analysis-populations', 'Populations found in the network (model.md §10)', file.populations, ['pattern', 'count', 'fraction', 'energyShare', 'selectivity'], 64));
  },
};
