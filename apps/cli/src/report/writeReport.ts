import { basename, join } from 'node:path';
import { renderSvg, type Figure } from '@maxent/figures';
import type { CliIO } from '../context.js';
import { writeFileAtomic } from '../io.js';
import { VERSION } from '../version.js';
import { rasteriseSvg } from './rasterise.js';
import { acrossAnchor, figureAnchor, reportHtml } from './html.js';
import { acrossFilesFigures, sectionOf, type ResultInput } from './sections.js';

export interface ReportOptions {
  /** The HTML file to write. */
  readonly out: string;
  /** Also write every figure as `<file>-<figure id>.svg` into this folder. */
  readonly svgFolder?: string;
  /** Also write every figure as `<file>-<figure id>.png` (twice the SVG's size) into this folder. */
  readonly pngFolder?: string;
  readonly title?: string;
  /** The line under the title (default: the files it reads). */
  readonly subtitle?: string;
}

export interface WrittenReport {
  /** Every figure in the page: its anchor in the HTML, its id, and the SVG file if written. */
  readonly figures: readonly { readonly anchor: string; readonly id: string; readonly svgFile: string | null; readonly pngFile: string | null }[];
  readonly notes: number;
}

/** Builds the sections, draws each figure once as SVG, writes the page (and the SVG files) atomically. */
export function writeReport(io: CliIO, inputs: readonly ResultInput[], options: ReportOptions): WrittenReport {
  const sections = inputs.map(sectionOf);
  const acrossFiles = acrossFilesFigures(inputs);
  const svgs = new Map<Figure, string>();
  const svgOf = (figure: Figure) => {
    let svg = svgs.get(figure);
    if (svg === undefined) svgs.set(figure, (svg = renderSvg(figure)));
    return svg;
  };
  const html = reportHtml({
    title: options.title ?? 'maxent report',
    subtitle: options.subtitle ?? `maxent report ${VERSION}: ${inputs.map((input) => input.name).join(' ')}`,
    sections,
    acrossFiles,
    svgOf,
  });
  const placed = [
    ...sections.flatMap((section, index) => section.figures.map((figure) => ({ anchor: figureAnchor(index, figure), figure, stem: stemOf(section.name) }))),
    ...acrossFiles.map((figure, index) => ({ anchor: acrossAnchor(index, figure), figure, stem: 'across' })),
  ];
  const used = new Set<string>();
  const figures = placed.map(({ anchor, figure, stem }) => {
    let name = `${stem}-${figure.id}`;
    for (let n = 2; used.has(name); n++) name = `${stem}-${n}-${figure.id}`;
    used.add(name);
    let svgFile: string | null = null;
    let pngFile: string | null = null;
    if (options.svgFolder !== undefined) writeFileAtomic(io, (svgFile = join(options.svgFolder, `${name}.svg`)), svgOf(figure));
    if (options.pngFolder !== undefined) writeFileAtomic(io, (pngFile = join(options.pngFolder, `${name}.png`)), rasteriseSvg(svgOf(figure)));
    return { anchor, id: figure.id, svgFile, pngFile };
  });
  writeFileAtomic(io, options.out, html);
  return { figures, notes: sections.reduce((count, section) => count + section.notes.length, 0) };
}

function stemOf(path: string): string {
  return basename(path).replace(/\.json$/, '');
}
