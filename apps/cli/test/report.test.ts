import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
