import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepPoints } from '@maxent/experiments';
import { captureIO, runMaxent, temporaryFolder } from './harness.js';
import { executeSweep } from '../src/sweep/executeSweep.js';
import { sweepSpecFromFlags } from '../src/commands/sweep.js';

const run = runMaxent;

/** A result file without its timing (the only fields allowed to differ between runs). */
function withoutTiming(path: string): unknown {
  const result = JSON.parse(readFileSync(path, 'utf8'));
  delete result.timing;
  delete result.csv;
  return result;
}

// Small enough for a fast test, with both kinds of point: 2 x 2 configs solved, each trained at 2 init scales.
const SMALL = ['--contexts', '2,3', '--weight-scale', '0.5,1', '--train', '--init-scales', '0.05,2', '--neurons', '24', '--steps', '40'];

describe('sweep points', () => {
  it('enumerates max-ent then trained points per grid, seeds derived from the index', () => {
    const cli = captureIO(tmpdir()).io;
    const spec = sweepSpecFromFlags(cli, { out: 'x.json', weightScaleSearch: true, contexts: '2,3', weightScale: '0.5,1', train: true, initScales: '0.05,match' });
    const points = sweepPoints(spec);
    expect(points).toHaveLength(4 + 8);
    expect(points.slice(0, 4).map((p) => [p.mode, p.config.task, p.config.weightScale])).toEqual([
      ['maxent', { name: 'select', contexts: 2 }, 0.5],
      ['maxent', { name: 'select', contexts: 2 }, 1],
      ['maxent', { name: 'select', contexts: 3 }, 0.5],
      ['maxent', { name: 'select', contexts: 3 }, 1],
    ]);
    expect(points.slice(4, 8).map((p) => [p.mode, p.config.weightScale, p.initScale])).toEqual([
      ['trained', 0.5, 0.05],
      ['trained', 0.5, 0.5],
      ['trained', 1, 0.05],
      ['trained', 1, 1],
    ]);
    expect(points[5].seed).toBe('1/5');
    expect(points[5].training).toMatchObject({ seed: '1/5', initScale: 0.5 });
  });

  it('the transitions preset: K = 1..10 at sigma 0.5 and sigma = 0.25..4 at K = 3, rich/lazy and matched training', () => {
    const cli = captureIO(tmpdir()).io;
    const points = sweepPoints(sweepSpecFromFlags(cli, { out: 'x.json', weightScaleSearch: true, preset: 'transitions' }));
    const count = (grid: string, mode: string) => points.filter((p) => p.grid === grid && p.mode === mode).length;
    expect([count('contexts', 'maxent'), count('contexts', 'trained'), count('weightScale', 'maxent'), count('weightScale', 'trained')]).toEqual([10, 20, 9, 9]);
    expect(points.find((p) => p.mode === 'trained')!.training!.neurons).toBe(1000);
    const fewer = sweepPoints(sweepSpecFromFlags(cli, { out: 'x.json', weightScaleSearch: true, preset: 'transitions', neurons: '50' }));
    expect(fewer.find((p) => p.mode === 'trained')!.training!.neurons).toBe(50);
    expect(points.filter((p) => p.grid === 'weightScale' && p.mode === 'trained').every((p) => p.initScale === p.config.weightScale)).toBe(true);
    const maxentOnly = sweepPoints(sweepSpecFromFlags(cli, { out: 'x.json', weightScaleSearch: true, preset: 'transitions', maxentOnly: true }));
    expect(maxentOnly.every((p) => p.mode === 'maxent')).toBe(true);
  });
});

describe('maxent sweep', () => {
  it('the gd-match preset (model.md §15): K = 1, 2, 3, 5, 8; rich with four weight decays, lazy at three init scales; 3 seeds of N = 1000', () => {
    const cli = captureIO(tmpdir()).io;
    const spec = sweepSpecFromFlags(cli, { out: 'x.json', weightScaleSearch: true, preset: 'gd-match' });
    const points = sweepPoints(spec);
    const trained = points.filter((p) => p.mode === 'trained');
    expect(trained).toHaveLength(5 * (4 + 3) * 3);
    const rich = trained.filter((p) => p.grid === 'rich');
    expect([...new Set(rich.map((p) => p.training!.weightDecay))]).toEqual([0, 1e-4, 3e-4, 1e-3]);
    expect(rich.every((p) => p.initScale === 0.05)).toBe(true);
    const lazy = trained.filter((p) => p.grid === 'lazy');
    expect([...new Set(lazy.map((p) => p.initScale))]).toEqual([1, 2, 4]);
    expect(lazy.every((p) => p.training!.weightDecay === 0)).toBe(true);
    expect(trained.every((p) => p.training!.neurons === 1000 && p.training!.steps === 3000 && p.replicate !== undefined)).toBe(true);
    expect([...new Set(trained.map((p) => p.values.contexts))]).toEqual([1, 2, 3, 5, 8]);
    const quick = sweepPoints(sweepSpecFromFlags(cli, { out: 'x.json', weightScaleSearch: true, preset: 'gd-match', quick: true }));
    expect(quick.filter((p) => p.mode === 'trained')).toHaveLength(3 * (2 + 1) * 2);
    const seeds = sweepPoints(sweepSpecFromFlags(cli, { out: 'x.json', weightScaleSearch: true, preset: 'gd-match', quick: true, seeds: '1' }));
    expect(seeds.filter((p) => p.mode === 'trained').every((p) => p.replicate === undefined)).toBe(true);
  });

  it('writes one row per point to JSON and CSV; the transitions preset shows both transitions (max-ent part)', async () => {
    const dir = temporaryFolder('maxent-sweep-');
    const { code, stdout, stderr } = await run(['sweep', '--preset', 'transitions', '--maxent-only', '--out', 'tr.json', '--workers', '0'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'tr.json'), 'utf8'));
    expect(result.kind).toBe('sweep');
    expect(result.preset).toBe('transitions');
    expect(result.rows).toHaveLength(19);
    expect(existsSync(join(dir, 'tr.json.points'))).toBe(false);
    const csv = readFileSync(join(dir, 'tr.csv'), 'utf8').trim().split('\r\n');
    expect(csv).toHaveLength(20);
    expect(csv[0].split(',')).toEqual(result.columns);
    expect(stdout).toMatch(/wrote tr.json and tr.csv: 19 points; max-ent part/);
    type Row = { grid: string; contexts: number; weightScale: number; specialization: number; specializationPrior: number; selectivity: number };
    const rows = result.rows as Row[];
    // Transition 1 (model.md §6): K <= 2 specialised above the prior, K >= 3 far below it at small sigma.
    for (const row of rows.filter((r) => r.grid === 'contexts')) {
      if (row.contexts <= 2) expect(row.specialization).toBeGreaterThan(1.5 * row.specializationPrior);
      else expect(row.specialization).toBeLessThan(0.5 * row.specializationPrior);
    }
    // Transition 2: selectivity falls from structured towards 1/P as sigma grows.
    const selectivity = rows.filter((r) => r.grid === 'weightScale').map((r) => r.selectivity);
    for (let i = 1; i < selectivity.length; i++) expect(selectivity[i]).toBeLessThan(selectivity[i - 1]);
    expect(selectivity[0]).toBeGreaterThan(0.95);
    expect(selectivity[selectivity.length - 1]).toBeLessThan(1 / 3 + 0.01);
  });

  it('an interrupted sweep resumes from its point files, runs only the missing points, and gives the same file', async () => {
    const dir = temporaryFolder('maxent-sweep-');
    const whole = await run(['sweep', ...SMALL, '--out', 'whole.json', '--workers', '0', '--quiet'], dir);
    expect(whole.stderr).toBe('');
    expect(whole.code).toBe(0);

    // Interrupt after 5 of the 12 points (4 max-ent, then 1 trained) with an AbortSignal.
    const cli = captureIO(dir).io;
    const flags = { out: 'part.json', weightScaleSearch: true, contexts: '2,3', weightScale: '0.5,1', train: true, initScales: '0.05,2', neurons: '24', steps: '40' };
    const spec = sweepSpecFromFlags(cli, flags);
    const controller = new AbortController();
    let finished = 0;
    await expect(
      executeSweep(cli, spec, {
        out: 'part.json',
        workers: 0,
        resume: false,
        quiet: true,
        signal: controller.signal,
        onPointDone: (done) => {
          finished = done;
          if (done === 5) controller.abort(new Error('interrupted by the test'));
        },
      }),
    ).rejects.toThrow('interrupted by the test');
    expect(finished).toBe(5);
    expect(existsSync(join(dir, 'part.json'))).toBe(false);
    // One file per finished point, each naming the sweep it belongs to.
    const folder = join(dir, 'part.json.points');
    expect(readdirSync(folder).sort()).toEqual(['0.json', '1.json', '2.json', '3.json', '4.json']);
    const firstRun = new Map(readdirSync(folder).map((name) => [name, { text: readFileSync(join(folder, name), 'utf8'), mtime: statSync(join(folder, name)).mtimeMs }]));
    const record = JSON.parse(firstRun.get('4.json')!.text);
    expect(record).toMatchObject({ index: 4, row: { index: 4, mode: 'trained' } });
    expect(record.sweep).toMatch(/^[0-9a-f]{16}$/);
    // A file cut short (as a crash in the middle of a write could leave one) reads as missing; a temporary file is ignored.
    writeFileSync(join(folder, '7.json'), '{"sweep": "');
    writeFileSync(join(folder, '.8.json.abc.tmp'), 'partial');

    // Without --resume the point files are protected; with other settings they are refused.
    const refused = await run(['sweep', ...SMALL, '--out', 'part.json', '--workers', '0'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/invalid `--resume`: an unfinished sweep's point files exist in .*part.json.points/);
    const other = await run(['sweep', ...SMALL, '--seed', '2', '--out', 'part.json', '--workers', '0', '--resume'], dir);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/invalid `--resume`: the point file .*part.json.points.0.json belongs to a different sweep/);

    let resumedPoints = 0;
    const beforeMerge = new Map<string, { text: string; mtime: number }>();
    const resumed = await executeSweep(cli, spec, {
      out: 'part.json',
      workers: 0,
      resume: true,
      quiet: true,
      onPointDone: () => {
        resumedPoints++;
        // The last point is written: look at the folder before the merge removes it.
        if (resumedPoints === 12 - 5) {
          for (const name of readdirSync(folder).filter((file) => /^\d+\.json$/.test(file))) {
            beforeMerge.set(name, { text: readFileSync(join(folder, name), 'utf8'), mtime: statSync(join(folder, name)).mtimeMs });
          }
        }
      },
    });
    expect(resumedPoints).toBe(12 - 5);
    expect(resumed.ran).toBe(12 - 5);
    expect(resumed.rows).toHaveLength(12);
    expect([...beforeMerge.keys()].sort((a, b) => parseInt(a) - parseInt(b))).toEqual(Array.from({ length: 12 }, (_, i) => `${i}.json`));
    // The first run's files were read, not rewritten: same bytes, same modification time.
    for (const [name, first] of firstRun) expect(beforeMerge.get(name), name).toEqual(first);
    // The torn file was run again.
    expect(JSON.parse(beforeMerge.get('7.json')!.text)).toMatchObject({ index: 7, sweep: record.sweep });
    expect(withoutTiming(join(dir, 'part.json'))).toEqual(withoutTiming(join(dir, 'whole.json')));
    expect(readFileSync(join(dir, 'part.csv'), 'utf8')).toBe(readFileSync(join(dir, 'whole.csv'), 'utf8'));
    expect(existsSync(folder)).toBe(false);
    // The trained rows carry training, analysis and the comparison with the solution.
    const trained = (JSON.parse(readFileSync(join(dir, 'whole.json'), 'utf8')).rows as Record<string, unknown>[]).filter((row) => row.mode === 'trained');
    for (const row of trained) {
      for (const key of ['finalLoss', 'r2', 'specialization', 'selectivity', 'tvDistance', 'solutionSelectivity', 'bestWeightScale']) {
        expect(typeof row[key], `${key} of row ${row.index}`).toBe('number');
      }
    }
  }, 60_000);

  it('solves tanh points with the quadrature estimator, records an unattainable one in the row, and still trains and analyses (tanh: k-means populations)', async () => {
    const dir = temporaryFolder('maxent-sweep-');
    const { code, stderr } = await run(
      ['sweep', '--contexts', '2', '--nonlinearity', 'relu,tanh', '--train', '--init-scales', '0.5', '--neurons', '30', '--steps', '30', '--out', 'sub/nl.json', '--workers', '0', '--quiet'],
      dir,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = JSON.parse(readFileSync(join(dir, 'sub/nl.json'), 'utf8')).rows as Record<string, unknown>[];
    expect(rows.map((row) => [row.mode, row.nonlinearity, row.estimator, row.error === undefined, row.attainable])).toEqual([
      ['maxent', 'relu', 'exact', true, undefined],
      ['maxent', 'tanh', 'quadrature', true, false],
      ['trained', 'relu', 'exact', true, undefined],
      ['trained', 'tanh', 'quadrature', true, false],
    ]);
    // The 2-context select task with tanh needs sigma >= 1.003 (model.md §7); the sweep is at sigma = 1.
    expect(Math.abs((rows[1].smallestWeightScale as number) / 1.003 - 1)).toBeLessThan(0.01);
    expect(typeof rows[3].selectivity).toBe('number');
    expect(rows[3].tvDistance).toBeUndefined();
  });

  it('rejects bad input with exit 2 naming the flag, writing nothing', async () => {
    const dir = temporaryFolder('maxent-sweep-');
    const cases: [string[], RegExp][] = [
      [['--contexts', '0..2'], /invalid `task.contexts`: must be an integer >= 1, got 0 \(from --contexts\)/],
      [['--weight-scale', '-1,1'], /invalid `weightScale`: must be a positive finite number, got -1 \(from --weight-scale\)/],
      [['--nonlinearity', 'relu,sigmoid'], /invalid `nonlinearity`: must be one of relu, tanh, softplus, linear.*\(from --nonlinearity\)/],
      [['--preset', 'transitions', '--contexts', '2'], /invalid `--preset`: the preset sets its own grids; drop --contexts/],
      [['--preset', 'phases'], /invalid `--preset`: must be one of transitions, gd-match, got "phases"/],
      [['--contexts', '2', '--neurons', '10'], /invalid `--neurons`: training settings need --train/],
      [['--contexts', '2', '--train', '--init-scales', '0,1'], /invalid `--init-scales`: must be positive numbers or "match"/],
      [['--contexts', '2', '--train', '--steps', '1.5'], /invalid `steps`: must be an integer >= 1.*\(from --steps\)/],
      [['--contexts', '2', '--workers', '-1'], /invalid `--workers`: must be an integer >= 0/],
      [['--contexts', '2', '--train', '--weight-decay', '0', '--weight-decays', '0,1e-3'], /invalid `--weight-decays`: give either --weight-decay/],
      [['--contexts', '2', '--train', '--weight-decays', '0,-1'], /invalid `--weight-decays`: must be numbers >= 0, got -1/],
      [['--contexts', '2', '--train', '--seeds', '0'], /invalid `--seeds`: must be an integer >= 1/],
      [['--contexts', '2', '--seeds', '2'], /invalid `--seeds`: training settings need --train/],
      [['--contexts', '2', '--quick'], /invalid `--quick`: only applies with --preset gd-match/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await run(['sweep', ...argv, '--out', 'bad.json'], dir);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr, argv.join(' ')).toMatch(message);
    }
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
    expect(existsSync(join(dir, 'bad.json.points'))).toBe(false);
    writeFileSync(join(dir, 'keep.json'), 'old');
    await run(['sweep', '--contexts', 'x', '--out', 'keep.json'], dir);
    expect(readFileSync(join(dir, 'keep.json'), 'utf8')).toBe('old');
  });
});
