// Pieces every kind view uses: a figure (or a note saying why it could not be
// drawn), a table, a note.
import type { Figure, TableFigure } from '@maxent/figures';
import { chartPanel } from '../ui/chartPanel.js';
import { element, messageBox } from '../ui/dom.js';
import { tableElement } from '../ui/table.js';

/** Appends the figure `build` makes, or a note with the builder's reason. */
export function addFigure(target: HTMLElement, what: string, build: () => Figure): void {
  try {
    target.append(chartPanel(build()).root);
  } catch (error) {
    target.append(messageBox('note', `The ${what} figure cannot be drawn from this file: ${(error as Error).message}`));
  }
}

export function addTable(target: HTMLElement, table: TableFigure | null): void {
  if (table !== null) target.append(tableElement(table));
}

export function addNote(target: HTMLElement, text: string): void {
  target.append(messageBox('note', text));
}

/** A grid of figures side by side on wide screens. */
export function figureGrid(): HTMLElement {
  return element('div', { className: 'figure-grid' });
}
