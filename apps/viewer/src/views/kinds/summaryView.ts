import type { KindView } from '../registry.js';
import { addNote, addTable } from '../parts.js';
import { scalarTable, topLevelScalars } from '../scalarTable.js';

/**
 * Kinds of interfaces.md whose figures are not in @maxent/figures yet (seRNN
 * training): their scalar keys as a table, until their own
 * issue registers a view with figures.
 */
export function summaryView(label: string): KindView {
  return {
    label,
    render(target, opened) {
      const file = opened.data as Record<string, unknown>;
      addNote(target, `The viewer has no figures for kind "${String(file.kind)}" yet; these are its top-level numbers and strings.`);
      addTable(target, scalarTable('summary', 'Top-level values', file, topLevelScalars(file)));
    },
  };
}
