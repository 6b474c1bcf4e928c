import type { TableFigure } from '@maxent/figures';
import { element } from './dom.js';
import { formatNumber } from './numberFormat.js';

/** A TableFigure as a DOM table; each numeric cell keeps its exact value in `data-value`. */
export function tableElement(table: Pick<TableFigure, 'id' | 'title' | 'caption' | 'columns' | 'rows'>): HTMLElement {
  const head = element('tr', {}, table.columns.map((column) => element('th', { text: column, attributes: { scope: 'col' } })));
  const body = table.rows.map((row) =>
    element(
      'tr',
      {},
      row.map((cell) => element('td', { text: formatNumber(cell), attributes: typeof cell === 'number' ? { 'data-value': String(cell) } : {} })),
    ),
  );
  return element('figure', { className: 'table', attributes: { 'data-table': table.id } }, [
    element('figcaption', {}, [element('strong', { text: table.title }), document.createTextNode(table.caption === '' ? '' : ` ${table.caption}`)]),
    element('div', { className: 'table-scroll' }, [element('table', {}, [element('thead', {}, [head]), element('tbody', {}, body)])]),
  ]);
}
