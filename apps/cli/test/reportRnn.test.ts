import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMaxent, temporaryFolder } from './harness.js';
import { expectCellsMatch, figureIds, sectionsOf } from './support/reportChecks.js';

// The RNN result files (issue 14, model.md §12): the figures package's small fixtures and the quick study of docs/.
const FIXTURES = join(import.meta.dirname, '../../../packages/figures/test/fixtures');
const STUDY = join(import.meta.dirname, '../../../docs/sernn-study/quick.json');

describe('maxent report of RNN files (model.md §12)', () => {
  it('draws the training curve and the study comparisons, with tables equal to the files', async () => {
    const cwd = temporaryFolder('maxent-report-rnn-');
    mkdirSync(join(cwd, 'results'));
    copyFileSync(STUDY, join(cwd, 'results', 'a-study.json'));
    copyFileSync(join(FIXTURES, 'rnn-training-small.json'), join(cwd, 'results', 'b-training.json'));
    const { code, stderr } = await runMaxent(['report', 'results', '--out', 'report.html'], cwd);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const html = readFileSync(join(cwd, 'report.html'), 'utf8');
    expect(figureIds(html)).toEqual([
      'rnn-sweep-modularity-against-shannonEntropy',
      'rnn-sweep-shannonEntropy-against-totalWeight',
      'rnn-sweep-leadingEigenvalue-against-gamma',
      'rnn-sweep-spectralEntropy-against-gamma',
      'rnn-sweep-eigenvalues',
      'rnn-training-measures',
    ]);
    expect(html).not.toContain('could not be drawn');
    const sections = sectionsOf(html);
    expect(sections).toHaveLength(2);
    const study = JSON.parse(readFileSync(STUDY, 'utf8'));
    // Every run is listed, each cell equal to the file (the rows table alone has 12 x 12 cells).
    expect(expectCellsMatch(sections[0], study)).toBeGreaterThan(12 * 12);
    const training = JSON.parse(readFileSync(join(FIXTURES, 'rnn-training-small.json'), 'utf8'));
    expect(expectCellsMatch(sections[1], training)).toBeGreaterThan(training.epochs.length * 5);
  }, 60_000);
});
