import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { runMaxent, temporaryFolder } from './harness.js';
import { expectCellsMatch, figureIds, sectionsOf } from './support/reportChecks.js';

// Result files made by the maxent command (the figures package's fixtures, see its make-fixtures.sh).
const FIXTURES = join(import.meta.dirname, '../../../packages/figures/test/fixtures');
const FILES = ['solution-k3.json', 'network-mcmc-k3.json', 'analysis-k3.json', 'evaluation-k3-s0.05.json', 'evaluation-k3-s0.3.json', 'sweep-small.json'];

function folderWithFixtures(): string {
  const cwd = temporaryFolder('maxent-report-');
  mkdirSync(join(cwd, 'results'));
  for (const name of FILES) copyFileSync(join(FIXTURES, name), join(cwd, 'results', name));
  return cwd;
}

describe('maxent report', () => {
  it('draws every figure of every file of a folder, with tables equal to the files', async () => {
    const cwd = folderWithFixtures();
    const { code, stdout, stderr } = await runMaxent(['report', 'results', '--out', 'out/report.html', '--svg', 'out/svg'], cwd);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^wrote out\/report\.html and \d+ SVG files/);
    const html = readFileSync(join(cwd, 'out/report.html'), 'utf8');
    // Folder order is name order: analysis, evaluation x2, network, solution, sweep.
    const expected = [
      'analysis-population-comparison', 'analysis-selectivity-comparison', 'analysis-weight-scale-match', 'analysis-match-curve',
      'evaluation-r2', 'evaluation-r2',
      'network-neurons', 'mcmc-traces', 'mcmc-rhat', 'mcmc-ess',
      'solution-populations', 'solution-active-contexts', 'solution-selectivity',
      'sweep-specialization', 'sweep-selectivity', 'sweep-mismatch',
      'evaluation-r2-stimulus',
    ];
    expect(figureIds(html)).toEqual(expected);
    // Self-contained: no script, no external reference of any kind.
    expect(html).not.toMatch(/<script|<link|\bsrc="http|href="http|url\(http|@import/i);
    const svgFiles = readdirSync(join(cwd, 'out/svg'));
    expect(svgFiles).toHaveLength(expected.length);
    for (const name of svgFiles) expect(XMLValidator.validate(readFileSync(join(cwd, 'out/svg', name), 'utf8')), name).toBe(true);
    // Every table cell equals the file's number at its path.
    const sorted = [...FILES].sort();
    const sections = sectionsOf(html);
    expect(sections).toHaveLength(sorted.length);
    sections.forEach((section, index) => {
      const file = JSON.parse(readFileSync(join(FIXTURES, sorted[index]), 'utf8'));
      expect(section).toContain(`data-kind="${file.kind}"`);
      expect(expectCellsMatch(section, file), sorted[index]).toBeGreaterThan(3);
    });
  }, 60_000);

  it('--png rasterises every figure at twice its SVG size, with the chart drawn (not a blank image)', async () => {
    const cwd = folderWithFixtures();
    const { code, stdout, stderr } = await runMaxent(['report', 'results/solution-k3.json', '--out', 'r.html', '--svg', 'svg', '--png', 'png'], cwd);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/and 3 PNG files in png\//);
    const names = readdirSync(join(cwd, 'png')).sort();
    expect(names).toEqual(readdirSync(join(cwd, 'svg')).sort().map((name) => name.replace(/\.svg$/, '.png')));
    for (const name of names) {
      const png = decodePng(readFileSync(join(cwd, 'png', name)));
      const svg = readFileSync(join(cwd, 'svg', name.replace(/\.png$/, '.svg')), 'utf8');
      const [, width, height] = /<svg[^>]*width="(\d+)"[^>]*height="(\d+)"/.exec(svg)!;
      expect([png.width, png.height], name).toEqual([2 * Number(width), 2 * Number(height)]);
      // Bars, axes and labels: a good share of the pixels is not the white background.
      expect(png.inkFraction, name).toBeGreaterThan(0.02);
      expect(png.inkFraction, name).toBeLessThan(0.6);
    }
  }, 60_000);

  it('lists a file of unknown kind with a line, and shows file text as text, never as markup', async () => {
    const cwd = folderWithFixtures();
    writeFileSync(join(cwd, 'odd.json'), JSON.stringify({ kind: '<img src=x onerror=alert(1)>', config: { note: '</pre><script>alert(2)</script>' } }));
    const { code, stderr } = await runMaxent(['report', 'results/solution-k3.json', 'odd.json', '--out', 'report.html'], cwd);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const html = readFileSync(join(cwd, 'report.html'), 'utf8');
    expect(html).toContain('This file is of kind &quot;&lt;img src=x onerror=alert(1)&gt;&quot;, which this report does not draw');
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img/);
    expect(figureIds(html)).toEqual(['solution-populations', 'solution-active-contexts', 'solution-selectivity']);
  });

  it('stops with exit 2 naming a broken JSON file, and writes nothing', async () => {
    const cwd = folderWithFixtures();
    writeFileSync(join(cwd, 'results', 'broken.json'), '{"kind": "sweep", ');
    const { code, stderr } = await runMaxent(['report', 'results', '--out', 'report.html'], cwd);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid `INPUTS`: results\/broken\.json is not valid JSON/);
    expect(existsSync(join(cwd, 'report.html'))).toBe(false);
  });

  it('refuses a missing input and an empty folder (exit 2)', async () => {
    const cwd = temporaryFolder('maxent-report-');
    mkdirSync(join(cwd, 'empty'));
    const missing = await runMaxent(['report', 'nothing.json', '--out', 'report.html'], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nothing\.json: no such file or folder/);
    const empty = await runMaxent(['report', 'empty', '--out', 'report.html'], cwd);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/the folder empty holds no \.json file/);
  });
});

/**
 * A minimal PNG reader for 8-bit RGBA or RGB images (what resvg writes), written from
 * the PNG specification: chunks, zlib-inflated IDAT, per-row filters 0-4. Returns the
 * size and the fraction of pixels that are not near-white.
 */
function decodePng(bytes: Buffer): { width: number; height: number; inkFraction: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect(body[8]).toBe(8);
      channels = body[9] === 6 ? 4 : body[9] === 2 ? 3 : Number.NaN;
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const previous = new Uint8Array(stride);
  const row = new Uint8Array(stride);
  let ink = 0;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= channels ? row[x - channels] : 0;
      const up = previous[x];
      const upLeft = x >= channels ? previous[x - channels] : 0;
      const p = left + up - upLeft;
      const paeth = Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft) ? left : Math.abs(p - up) <= Math.abs(p - upLeft) ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter];
      row[x] = (value + predictor) & 255;
    }
    for (let x = 0; x < width; x++) if (row[x * channels] < 230 || row[x * channels + 1] < 230 || row[x * channels + 2] < 230) ink++;
    previous.set(row);
  }
  return { width, height, inkFraction: ink / (width * height) };
}
