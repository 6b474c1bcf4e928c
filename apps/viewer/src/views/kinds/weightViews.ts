import { eigenvalueFigure, weightMatrixFigure, weightMetricsTable, type WeightMetricsFile } from '@maxent/figures';
import type { MatrixPayload } from '../../worker/openFile.js';
import { element, messageBox } from '../../ui/dom.js';
import { tableElement } from '../../ui/table.js';
import type { KindView, ViewContext } from '../registry.js';
import { addFigure, addNote, figureGrid } from '../parts.js';

/**
 * The heatmap (ordered by community when the measures give them) and the
 * eigenvalues of a matrix prepared by the worker (model.md §11). The drawn
 * matrix may be every s-th node of a large one: the metrics' size is then the
 * original's, so the heatmap is given the labels of the drawn nodes only.
 */
export function renderMatrix(target: HTMLElement, payload: MatrixPayload, metrics: WeightMetricsFile | null): void {
  const grid = figureGrid();
  const drawn = payload.rows.length;
  const order = payload.communities === null ? 'given' : 'community';
  const labels = payload.communities === null ? undefined : ({ ...metrics, kind: 'weight-metrics', size: drawn, modularity: { q: metrics?.modularity.q ?? null, communities: payload.communities } } as WeightMetricsFile);
  addFigure(grid, 'weight matrix', () => weightMatrixFigure({ matrix: payload.rows, order, ...(labels === undefined ? {} : { metrics: labels }) }));
  if (payload.eigenvalues !== null) {
    const spectrum = payload.eigenvalues;
    addFigure(grid, 'eigenvalues', () => eigenvalueFigure({ eigenvalues: spectrum }));
  }
  target.append(grid);
}

/** `weight-metrics`: the measures; the matrix itself is not in the file, so the view asks for it. */
export const weightMetricsView: KindView = {
  label: 'weight-matrix measures (maxent metrics)',
  render(target, opened, context: ViewContext) {
    const file = opened.data as WeightMetricsFile;
    try {
      target.append(tableElement(weightMetricsTable(file)));
    } catch (error) {
      addNote(target, `The measures cannot be listed: ${(error as Error).message}`);
    }
    const figures = element('div');
    const input = element('input', { attributes: { type: 'file', accept: '.npy,.json,application/json', 'data-action': 'add-matrix' } });
    input.addEventListener('change', () => {
      const chosen = input.files?.[0];
      if (chosen === undefined) return;
      figures.replaceChildren(messageBox('note', `Reading ${chosen.name} in the worker…`));
      chosen
        .arrayBuffer()
        .then((bytes) => {
          const communities = Array.isArray(file.modularity?.communities) ? [...file.modularity.communities] : null;
          return context.client.run('files', { type: 'matrix', name: chosen.name, bytes, communities });
        })
        .then((payload) => {
          figures.replaceChildren();
          renderMatrix(figures, payload, file);
        })
        .catch((error: Error) => figures.replaceChildren(messageBox('error', error.message)));
    });
    target.append(
      element('label', { className: 'add-matrix' }, [
        document.createTextNode(`The file holds the measures of a ${file.size} x ${file.size} matrix, not the matrix: add it (the --weights file, .npy or JSON) for its heatmap by community and its eigenvalues `),
        input,
      ]),
      figures,
    );
  },
};

/** A bare weight matrix (JSON rows, `{ "matrix": ... }` or .npy): heatmap and eigenvalues. */
export const weightMatrixView: KindView = {
  label: 'weight matrix (input of maxent metrics)',
  render(target, opened) {
    renderMatrix(target, opened.data as MatrixPayload, null);
  },
};
