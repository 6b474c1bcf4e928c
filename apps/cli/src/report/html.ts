// The report as one self-contained HTML page: inline CSS, inline SVG figures,
// no script and no external resource, so it opens from disk with no network.
// Everything read from a result file goes through escapeHtml.
import type { Figure } from '@maxent/figures';
import { escapeHtml as e } from './escape.js';
import type { ReportSection } from './sections.js';
import { formatCell, type Cell, type ReportTable } from './table.js';

export interface ReportPage {
  readonly title: string;
  /** One line under the title, e.g. the command that made the page. */
  readonly subtitle: string;
  readonly sections: readonly ReportSection[];
  /** Figures drawn from several files together (may be empty). */
  readonly acrossFiles: readonly Figure[];
  /** SVG markup of a figure (trusted: made by @maxent/figures' renderer). */
  readonly svgOf: (figure: Figure) => string;
}

/** Anchor of a figure: `<section index>-<figure id>`, unique within the page. */
export function figureAnchor(sectionIndex: number, figure: Figure): string {
  return `s${sectionIndex + 1}-${figure.id}`;
}

/** Anchor of a figure drawn from several files. */
export function acrossAnchor(index: number, figure: Figure): string {
  return `across${index + 1}-${figure.id}`;
}

export function reportHtml(page: ReportPage): string {
  const toc = page.sections.map((section, index) => `<li><a href="#s${index + 1}">${e(section.name)}</a> <span class="kind">${e(section.kind ?? 'no kind')}</span></li>`);
  if (page.acrossFiles.length > 0) toc.push('<li><a href="#across">Across files</a></li>');
  const across =
    page.acrossFiles.length === 0
      ? ''
      : `<section id="across"><h2>Across files</h2>\n${page.acrossFiles.map((figure, index) => figureHtml(acrossAnchor(index, figure), figure, page.svgOf(figure))).join('\n')}</section>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${e(page.title)}</h1><p class="subtitle">${e(page.subtitle)}</p>
<nav><ol>${toc.join('')}</ol></nav></header>
<main>
${page.sections.map((section, index) => sectionHtml(section, index, page.svgOf)).join('\n')}
${across}
</main>
</body>
</html>
`;
}

function sectionHtml(section: ReportSection, index: number, svgOf: (figure: Figure) => string): string {
  const parts = [`<section id="s${index + 1}" data-kind="${e(section.kind ?? '')}">`, `<h2>${e(section.name)} <span class="kind">${e(section.kind ?? 'no kind')}</span></h2>`];
  for (const note of section.notes) parts.push(`<p class="note">${e(note)}</p>`);
  for (const figure of section.figures) parts.push(figureHtml(figureAnchor(index, figure), figure, svgOf(figure)));
  for (const table of section.tables) parts.push(tableHtml(table));
  if (section.config !== undefined || section.versions !== undefined || section.seed !== undefined) {
    parts.push('<details class="provenance"><summary>Configuration and versions</summary>');
    if (section.seed !== undefined) parts.push(`<p>seed: <code>${e(JSON.stringify(section.seed))}</code></p>`);
    if (section.config !== undefined) parts.push(`<pre>${e(JSON.stringify(section.config, null, 2))}</pre>`);
    if (section.versions !== undefined) {
      const rows = Object.entries(section.versions).map(([name, version]) => `<tr><td>${e(name)}</td><td>${e(String(version))}</td></tr>`);
      parts.push(`<table class="versions"><thead><tr><th>package</th><th>version</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
    }
    parts.push('</details>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

function figureHtml(anchor: string, figure: Figure, svg: string): string {
  return `<figure id="${e(anchor)}" data-figure="${e(figure.id)}">
<h3>${e(figure.title)}</h3>
<div class="chart">${svg}</div>
<figcaption>${e(figure.caption)}</figcaption>
</figure>`;
}

function tableHtml(table: ReportTable): string {
  const head = table.columns.map((column) => `<th>${e(column)}</th>`).join('');
  const body = table.rows.map((row) => `<tr>${row.map(cellHtml).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table data-table="${e(table.id)}"><caption>${e(table.title)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}

/** A cell read from the file carries its path and exact value, so the rounded text can be checked. */
function cellHtml(cell: Cell): string {
  const text = e(formatCell(cell.value));
  if (cell.path === undefined) return `<td>${text}</td>`;
  return `<td data-path="${e(cell.path)}" data-value="${e(JSON.stringify(cell.value))}">${text}</td>`;
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:0;background:#fafafa}
header,main{max-width:980px;margin:0 auto;padding:0 16px}
h1{margin:24px 0 4px}h2{border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:40px;word-break:break-all}
.subtitle{color:#555;margin:0 0 8px;font-family:ui-monospace,monospace;font-size:13px}
.kind{font-size:13px;font-weight:normal;color:#fff;background:#56b;border-radius:4px;padding:1px 6px;vertical-align:middle}
nav ol{padding-left:20px;margin:8px 0}
figure{margin:24px 0;background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px}
figure h3{margin:0 0 8px;font-size:16px}
.chart svg{display:block;max-width:100%;height:auto}
figcaption{color:#444;font-size:14px;margin-top:8px}
.table-wrap{overflow-x:auto;margin:16px 0}
table{border-collapse:collapse;font-size:13px;background:#fff}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border:1px solid #ddd;padding:2px 8px;text-align:right;font-variant-numeric:tabular-nums}
th{background:#f0f0f0}td:first-child{text-align:left}
.note{background:#fff4e0;border-left:4px solid #e69f00;padding:6px 10px}
pre{background:#fff;border:1px solid #ddd;padding:8px;overflow-x:auto;font-size:12px}
details{margin:16px 0}summary{cursor:pointer;font-weight:600}
`;
