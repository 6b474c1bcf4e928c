// Checks of a report page against the result files it was made from, shared by
// the report and demo tests. The page is read as text: figure markers and table
// cells are found by their attributes, and each cell's value is looked up in the
// parsed file here, independently of the report code.
import { expect } from 'vitest';

export interface CheckedCell {
  readonly path: string;
  readonly value: unknown;
  readonly text: string;
}

/** The `data-figure` ids in the page, in order. */
export function figureIds(html: string): string[] {
  return [...html.matchAll(/<figure id="[^"]+" data-figure="([^"]+)">/g)].map((match) => match[1]);
}

/** The HTML of each section (`<section id="sN"...>` up to its end), by index. */
export function sectionsOf(html: string): string[] {
  return [...html.matchAll(/<section id="s\d+"[\s\S]*?<\/section>/g)].map((match) => match[0]);
}

export function cellsOf(sectionHtml: string): CheckedCell[] {
  return [...sectionHtml.matchAll(/<td data-path="([^"]+)" data-value="([^"]*)">([^<]*)<\/td>/g)].map((match) => ({
    path: unescape(match[1]),
    value: JSON.parse(unescape(match[2])),
    text: unescape(match[3]),
  }));
}

/** Every table cell of the section equals the file's value at its path, shown to 4 significant digits. */
export function expectCellsMatch(sectionHtml: string, file: unknown): number {
  const cells = cellsOf(sectionHtml);
  for (const cell of cells) {
    let node: unknown = file;
    for (const key of cell.path.split('.')) node = (node as Record<string, unknown>)[key];
    expect(cell.value, cell.path).toEqual(node ?? null);
    if (typeof node === 'number' && Number.isFinite(node)) {
      // The shown text, read back as a number, is the file's value to 4 significant digits.
      expect(Math.abs(Number(cell.text) - node), cell.path).toBeLessThanOrEqual(Math.abs(node) * 5e-4 + 1e-300);
    }
  }
  return cells.length;
}

function unescape(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
