import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMaxent, temporaryFolder } from './harness.js';
import { expectCellsMatch, figureIds, sectionsOf } from './support/reportChecks.js';

// The low-rank result files made by `maxent lowrank` (the figures package's fixtures, see its make-fixtures.sh).
const FIXTURES = join(import.meta.dirname, '../../../packages/figures/test/fixtures');
const FILES = readdirSync(FIXTURES).filter((name) => name.startsWith('lowrank-') && name.endsWith('.json')).sort();

describe('maxent report of low-rank files (model.md §14)', () => {
  it('draws the figures of each lowrank kind, E[n|m] against the teacher across files, and tables equal to the files', async () => {
    expect(FILES).toHaveLength(8);
    const cwd = temporaryFolder('maxent-report-lowrank-');
    mkdirSync(join(cwd, 'results'));
    for (const name of FILES) copyFileSync(join(FIXTURES, name), join(cwd, 'results', name));
    const { code, stderr } = await runMaxent(['report', 'results', '--out', 'report.html'], cwd);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const html = readFileSync(join(cwd, 'report.html'), 'utf8');
    // Name order: analysis x2, constraints x2, solution x2, teacher x2; then one teacher comparison per rank.
    expect(figureIds(html)).toEqual([
      'lowrank-analysis-trajectories', 'lowrank-analysis-trajectories',
      'lowrank-constraints-targets', 'lowrank-constraints-targets',
      'lowrank-solution-conditional-mean', 'lowrank-solution-density', 'lowrank-solution-density',
      'lowrank-network-flow', 'lowrank-network-loadings', 'lowrank-network-flow', 'lowrank-network-loadings',
      'lowrank-solution-conditional-mean', 'lowrank-solution-conditional-mean',
    ]);
    expect(html).not.toContain('could not be drawn');
    const sections = sectionsOf(html);
    expect(sections).toHaveLength(FILES.length);
    sections.forEach((section, index) => {
      const file = JSON.parse(readFileSync(join(FIXTURES, FILES[index]), 'utf8'));
      expect(section).toContain(`data-kind="${file.kind}"`);
      expect(expectCellsMatch(section, file), FILES[index]).toBeGreaterThan(3);
    });
  }, 60_000);

  it('draws no teacher comparison when the teacher is not among the files', async () => {
    const cwd = temporaryFolder('maxent-report-lowrank-');
    copyFileSync(join(FIXTURES, 'lowrank-solution-quadstable.json'), join(cwd, 'solution.json'));
    const { code } = await runMaxent(['report', 'solution.json', '--out', 'report.html'], cwd);
    expect(code).toBe(0);
    expect(figureIds(readFileSync(join(cwd, 'report.html'), 'utf8'))).toEqual(['lowrank-solution-density']);
  }, 60_000);
});
