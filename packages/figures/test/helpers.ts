// Shared by the tests of @maxent/figures: fixtures, series access, SVG text.
import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import type { Figure } from '../src/index.js';

/** A result file from test/fixtures (made by make-fixtures.sh with the maxent command). */
export function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
}

/** A deep copy to edit into an edge case (null, NaN, a wrong type), so untyped on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function copy(value: unknown): any {
  return structuredClone(value);
}

type AnySeries = { type: string; name?: string; data: unknown[]; [key: string]: unknown };

export function seriesOf(figure: Figure): AnySeries[] {
  const series = figure.option.series;
  return (Array.isArray(series) ? series : [series]) as AnySeries[];
}

export function seriesNamed(figure: Figure, name: string): AnySeries {
  const found = seriesOf(figure).find((entry) => entry.name === name);
  if (found === undefined) throw new Error(`no series named ${name}; have ${seriesOf(figure).map((entry) => entry.name).join(', ')}`);
  return found;
}

/** Data values of a series, whether items are plain values or { value, itemStyle } objects. */
export function valuesOf(series: AnySeries): unknown[] {
  return series.data.map((item) => (item !== null && typeof item === 'object' && !Array.isArray(item) && 'value' in item ? (item as { value: unknown }).value : item));
}

export function colorsOf(series: AnySeries): unknown[] {
  return series.data.map((item) => (item as { itemStyle?: { color?: unknown } }).itemStyle?.color);
}

export function axes(figure: Figure, which: 'xAxis' | 'yAxis'): { name?: string; data?: string[]; min?: number; max?: number; type?: string }[] {
  const axis = figure.option[which];
  return (Array.isArray(axis) ? axis : [axis]) as { name?: string; data?: string[] }[];
}

export function categories(figure: Figure): string[] {
  return axes(figure, 'xAxis')[0].data ?? [];
}

/** Every axis title of a figure (non-empty names). */
export function axisTitles(figure: Figure): string[] {
  return [...axes(figure, 'xAxis'), ...axes(figure, 'yAxis')].map((axis) => axis.name ?? '').filter((name) => name !== '');
}

/** Asserts the SVG is well-formed XML with an <svg> root, and returns all its text content. */
export function svgTexts(svg: string): string[] {
  const valid = XMLValidator.validate(svg);
  expect(valid, typeof valid === 'object' ? JSON.stringify(valid.err) : '').toBe(true);
  const tree = new XMLParser({ ignoreAttributes: true, preserveOrder: true, trimValues: false }).parse(svg) as unknown[];
  const texts: string[] = [];
  const walk = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes) {
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        if (key === '#text') texts.push(String(value));
        else walk(value);
      }
    }
  };
  walk(tree);
  expect(Object.keys((tree[0] ?? {}) as object)[0]).toBe('svg');
  return texts;
}
