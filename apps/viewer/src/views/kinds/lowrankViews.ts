// Views of the low-rank kinds (maxent lowrank; model.md §14), as planned in lowrankPlan.ts.
import type { KindView } from '../registry.js';
import { addFigure, addNote, addTable, figureGrid } from '../parts.js';
import { LOWRANK_KINDS, lowrankFigurePlan, lowrankTables } from './lowrankPlan.js';

export { LOWRANK_KINDS };

export function lowrankView(kind: (typeof LOWRANK_KINDS)[number]): KindView {
  return {
    label: `low-rank result (maxent lowrank), kind ${kind}`,
    render(target, opened) {
      const file = opened.data as Record<string, unknown>;
      const plan = lowrankFigurePlan(file);
      const grid = figureGrid();
      for (const figure of plan.figures) addFigure(grid, figure.what, figure.build);
      target.append(grid);
      for (const note of plan.notes) addNote(target, note);
      for (const table of lowrankTables(file)) addTable(target, table);
    },
  };
}
