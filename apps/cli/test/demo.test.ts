import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { demoFolder } from '../src/demo/outputFolder.js';
import { captureIO, runMaxent, temporaryFolder } from './harness.js';
import { expectCellsMatch, figureIds, sectionsOf } from './support/reportChecks.js';

const RESULT_FILES: Record<string, string> = {
  'solution.json': 'maxent-solution',
  'sampled-network.json': 'network',
  'sampled-evaluation.json': 'evaluation',
  'sampled-analysis.json': 'analysis',
  'rich-network.json': 'network',
  'rich-evaluation.json': 'evaluation',
  'rich-analysis.json': 'analysis',
  'lazy-network.json': 'network',
  'lazy-evaluation.json': 'evaluation',
  'lazy-analysis.json': 'analysis',
  'sweep.json': 'sweep',
};

/** The figures of each kind in the demo's report (the sweep trained, the analyses compared with the solution). */
const FIGURES_OF: Record<string, string[]> = {
  'maxent-solution': ['solution-populations', 'solution-active-contexts', 'solution-selectivity'],
  network: ['network-neurons'],
  evaluation: ['evaluation-r2'],
  analysis: ['analysis-population-comparison', 'analysis-selectivity-comparison', 'analysis-weight-scale-match', 'analysis-match-curve'],
  sweep: ['sweep-specialization', 'sweep-selectivity', 'sweep-mismatch', 'sweep-match-curve', 'sweep-match-tv', 'sweep-best-sigma-init-scale'],
};

function parseCsv(text: string): string[][] {
  return text.trimEnd().split('\n').map((line) => line.split(','));
}

describe('maxent demo --quick', () => {
  it('writes every result file, the CSV tables, the SVG figures and a report whose tables equal the files', async () => {
    const cwd = temporaryFolder('maxent-demo-');
    const { code, stdout, stderr } = await runMaxent(['demo', '--quick', '--seed', '7'], cwd);
    // Nothing but the plain progress lines a step longer than 10 s prints when stderr is not a terminal.
    expect(stderr.split('\n').filter((line) => line !== '' && !/^maxent: [a-z ]+ \d+% \(\d+\/\d+\), /.test(line))).toEqual([]);
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('Open the report: maxent-demo/report.html');
    const folder = join(cwd, 'maxent-demo');
    const read = (name: string) => JSON.parse(readFileSync(join(folder, name), 'utf8'));

    // Every result file is written, parses, and has its kind.
    for (const [name, kind] of Object.entries(RESULT_FILES)) expect(read(name).kind, name).toBe(kind);
    const jsonFiles = readdirSync(folder).filter((name) => name.endsWith('.json')).sort();
    expect(jsonFiles).toEqual(Object.keys(RESULT_FILES).sort());

    // The CSV tables: the sweep's rows, and the summary, equal the result files.
    const sweep = read('sweep.json');
    const sweepCsv = parseCsv(readFileSync(join(folder, 'sweep.csv'), 'utf8'));
    expect(sweepCsv).toHaveLength(sweep.rows.length + 1);
    const specializationColumn = sweepCsv[0].indexOf('specialization');
    sweep.rows.forEach((row: { specialization: number | null }, index: number) => {
      const cell = sweepCsv[index + 1][specializationColumn];
      if (row.specialization === null) expect(cell).toBe('');
      else expect(Number(cell)).toBe(row.specialization);
    });
    expect(sweep.rows.some((row: { mode: string }) => row.mode === 'trained')).toBe(true);
    const summary = parseCsv(readFileSync(join(folder, 'summary.csv'), 'utf8'));
    expect(summary.map((row) => row[0])).toEqual(['result', 'solution', 'sampled network', 'rich network', 'lazy network']);
    expect(Number(summary[3][summary[0].indexOf('TV to solution')])).toBe(read('rich-analysis.json').comparison.tvDistance);
    // The matched comparison of model.md §15.
    expect(Number(summary[3][summary[0].indexOf('best sigma (joint)')])).toBe(read('rich-analysis.json').comparison.match.weightScale);
    expect(Number(summary[4][summary[0].indexOf('TV at best')])).toBe(read('lazy-analysis.json').comparison.match.tvDistance);
    expect(summary[3][summary[0].indexOf('at range end')]).toBe(read('rich-analysis.json').comparison.match.rangeEnd ?? 'no');
    expect(Number(summary[2][summary[0].indexOf('R2')])).toBe(read('sampled-evaluation.json').r2);

    // The report holds every figure, in file order, and each is also an SVG file (well-formed XML).
    const html = readFileSync(join(folder, 'report.html'), 'utf8');
    const order = ['solution', 'sampled-network', 'sampled-evaluation', 'sampled-analysis', 'rich-network', 'rich-evaluation', 'rich-analysis', 'lazy-network', 'lazy-evaluation', 'lazy-analysis', 'sweep'];
    const expectedFigures = order.flatMap((name) => FIGURES_OF[RESULT_FILES[`${name}.json`]]);
    expect(figureIds(html)).toEqual(expectedFigures);
    const svgs = readdirSync(join(folder, 'figures'));
    expect(svgs).toHaveLength(expectedFigures.length);
    for (const name of svgs) expect(XMLValidator.validate(readFileSync(join(folder, 'figures', name), 'utf8')), name).toBe(true);

    // Every number in the report's tables is the result file's.
    const sections = sectionsOf(html);
    expect(sections).toHaveLength(order.length);
    sections.forEach((section, index) => {
      expect(expectCellsMatch(section, read(`${order[index]}.json`)), order[index]).toBeGreaterThanOrEqual(2);
    });

    // The science still holds: the sampled network is N draws from the solution (TV distance
    // of a few percent at N = 5000), the rich-regime network is far from it.
    expect(read('sampled-analysis.json').comparison.tvDistance).toBeLessThan(0.08);
    expect(read('sampled-evaluation.json').linearized.r2).toBeGreaterThan(0.9);
    expect(read('rich-analysis.json').comparison.tvDistance).toBeGreaterThan(0.1);
  }, 120_000);

  it('refuses a bad neuron count before writing anything', async () => {
    const cwd = temporaryFolder('maxent-demo-');
    const { code, stderr } = await runMaxent(['demo', '--neurons', 'many'], cwd);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid `--neurons`/);
    expect(existsSync(join(cwd, 'maxent-demo'))).toBe(false);
  });
});

describe('the demo folder', () => {
  it('is the requested one when absent or empty, else a new timestamped one', () => {
    const cwd = temporaryFolder('maxent-demo-');
    const { io } = captureIO(cwd);
    const now = new Date('2026-12-01T11:35:07.123Z');
    expect(demoFolder(io, 'out', now)).toEqual({ folder: 'out', renamed: false });
    mkdirSync(join(cwd, 'out'));
    expect(demoFolder(io, 'out', now)).toEqual({ folder: 'out', renamed: false });
    writeFileSync(join(cwd, 'out', 'keep.txt'), 'mine');
    expect(demoFolder(io, 'out/', now)).toEqual({ folder: 'out-20261201-113507', renamed: true });
    mkdirSync(join(cwd, 'out-20261201-113507'));
    writeFileSync(join(cwd, 'out-20261201-113507', 'x'), '');
    expect(demoFolder(io, 'out', now)).toEqual({ folder: 'out-20261201-113507-2', renamed: true });
  });
});
