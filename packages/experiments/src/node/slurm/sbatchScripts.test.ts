import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { parseConfig } from '@maxent/constraints';
import type { SweepSpec } from '../../spec.js';
import { createManifest, taskPoints, type ManifestParts } from './manifest.js';
import { parseSbatchOptions } from './sbatchOptions.js';
import { arrayRange, arrayScript, mergeScript } from './sbatchScripts.js';
import { sbatchPath, shellQuote } from './quoting.js';

/** A max-ent sweep of `contexts.length * scales.length` points (enumerating them is instant). */
function spec(contexts: number[], scales: number[]): SweepSpec {
  return {
    base: parseConfig({}),
    grids: [{ name: 'sweep', axes: [{ field: 'contexts', values: contexts }, { field: 'weightScale', values: scales }], initScales: [] }],
    training: null,
    matchWeightScale: false,
    seed: 7,
    preset: null,
  };
}
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const parts = (overrides: Partial<ManifestParts> = {}): ManifestParts => ({
  submission: 0,
  out: 's.json',
  cwd: '/tmp/my sweeps',
  pointsFolder: '/tmp/my sweeps/s.json.points',
  versions: { '@maxent/test': '0.0.0' },
  chunk: 1,
  command: { node: '/usr/bin/node', main: '/opt/maxent/apps/cli/dist/main.js' },
  scheduler: { maxArray: null, sbatchOptions: [], sbatchFileText: null },
  ...overrides,
});

describe('arrayRange', () => {
  it('numbers tasks from 0 and adds %M for --max-array', () => {
    expect(arrayRange(1, null)).toBe('0-0');
    expect(arrayRange(3, null)).toBe('0-2');
    expect(arrayRange(1000, 50)).toBe('0-999%50');
  });
  it('rejects an empty array and a bad --max-array', () => {
    expect(() => arrayRange(0, null)).toThrow(InvalidInputError);
    expect(() => arrayRange(3, 0)).toThrow('invalid `--max-array`: must be an integer >= 1, got 0');
  });
});

describe('createManifest and taskPoints (chunking)', () => {
  it('lists every point with the seed deriveSeed(seed, index) = "seed/index"', () => {
    const manifest = createManifest(spec([2, 3], [0.5, 1, 2]), parts());
    expect(manifest.points.map((point) => point.seed)).toEqual(['7/0', '7/1', '7/2', '7/3', '7/4', '7/5']);
    expect(manifest.points[4]).toEqual({ index: 4, grid: 'sweep', mode: 'maxent', seed: '7/4' });
    expect(manifest.versions).toEqual({ '@maxent/test': '0.0.0' });
    expect(manifest.spec.seed).toBe(7);
    expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
  });

  it.each([
    // points, chunk, expected tasks, expected points of the last task
    [6, 1, 6, [5]],
    [6, 2, 3, [4, 5]],
    [7, 3, 3, [6]],
    [6, 10, 1, [0, 1, 2, 3, 4, 5]],
  ])('%i points, --chunk %i: %i tasks, the last runs %j', (count, chunk, tasks, last) => {
    const manifest = createManifest(spec([2], range(1, count).map((i) => i / 4)), parts({ chunk }));
    expect(manifest.tasks).toBe(tasks);
    expect(taskPoints(manifest, tasks - 1)).toEqual(last);
    // Every point in exactly one task, in order, at most `chunk` per task.
    const all = range(0, tasks - 1).map((task) => taskPoints(manifest, task));
    expect(all.flat()).toEqual(range(0, count - 1));
    expect(all.every((points) => points.length >= 1 && points.length <= chunk)).toBe(true);
  });

  it('a 1000-point grid: 1000 tasks at --chunk 1, 100 tasks of 10 at --chunk 10, 84 at --chunk 12 (the last with 4)', () => {
    const grid = spec(range(1, 10), range(1, 100).map((i) => i / 10));
    expect(createManifest(grid, parts()).tasks).toBe(1000);
    const ten = createManifest(grid, parts({ chunk: 10 }));
    expect([ten.tasks, taskPoints(ten, 99)]).toEqual([100, range(990, 999)]);
    const twelve = createManifest(grid, parts({ chunk: 12 }));
    expect([twelve.tasks, taskPoints(twelve, 83)]).toEqual([84, [996, 997, 998, 999]]);
  });

  it('a resume runs only its todo points, chunked the same way', () => {
    const manifest = createManifest(spec([2, 3], [0.5, 1, 2]), parts({ chunk: 2, todo: [5, 1, 4], submission: 1 }));
    expect([manifest.todo, manifest.tasks, taskPoints(manifest, 0), taskPoints(manifest, 1)]).toEqual([[1, 4, 5], 2, [1, 4], [5]]);
    expect(manifest.points).toHaveLength(6);
  });

  it('names --chunk and --index for bad values', () => {
    expect(() => createManifest(spec([2], [1]), parts({ chunk: 0 }))).toThrow('invalid `--chunk`: must be an integer >= 1, got 0');
    const manifest = createManifest(spec([2], [1, 2]), parts());
    expect(() => taskPoints(manifest, 2)).toThrow('invalid `--index`: must be an array task index 0..1 of this manifest, got 2');
  });
});

describe('parseSbatchOptions (--sbatch passthrough)', () => {
  it('splits on white space, quotes group a value with spaces', () => {
    expect(parseSbatchOptions('--partition=x --time=1:00:00')).toEqual(['--partition=x', '--time=1:00:00']);
    expect(parseSbatchOptions(`  --comment="grid of a lab"  -p  short --account='a b' --exclusive --time 2:00:00`)).toEqual([
      '--comment=grid of a lab',
      '-p short',
      '--account=a b',
      '--exclusive',
      '--time=2:00:00',
    ]);
    expect(parseSbatchOptions('')).toEqual([]);
  });
  it('rejects words that are not options, options the scripts set, unclosed quotes', () => {
    expect(() => parseSbatchOptions('x --partition=y')).toThrow('invalid `--sbatch`: every word must be an sbatch option (--partition=x, --partition x or -p x), got "x"');
    expect(() => parseSbatchOptions('--partition=y x')).toThrow('got "x"');
    expect(() => parseSbatchOptions('--array=0-3')).toThrow('invalid `--sbatch`: --array is set by maxent itself');
    expect(() => parseSbatchOptions('-d afterok:1')).toThrow('invalid `--sbatch`: -d is set by maxent itself');
    expect(() => parseSbatchOptions('--comment="open')).toThrow('invalid `--sbatch`: unclosed " in');
  });
});

describe('quoting', () => {
  it('shellQuote leaves plain words alone and single-quotes the rest', () => {
    expect(shellQuote('/usr/bin/node')).toBe('/usr/bin/node');
    expect(shellQuote('/tmp/a b')).toBe(`'/tmp/a b'`);
    expect(shellQuote(`it's $HOME`)).toBe(`'it'\\''s $HOME'`);
  });
  it('sbatchPath double-quotes a path with spaces and refuses ", % and line breaks', () => {
    expect(sbatchPath('/tmp/ab', '--out')).toBe('/tmp/ab');
    expect(sbatchPath('/tmp/a b', '--out')).toBe('"/tmp/a b"');
    expect(() => sbatchPath('/tmp/a"b', '--out')).toThrow('invalid `--out`: a path in an #SBATCH line cannot hold ", % or a line break');
    expect(() => sbatchPath('/tmp/100%', '--out')).toThrow(InvalidInputError);
  });
});

describe('arrayScript and mergeScript', () => {
  const scriptOptions = (overrides: Partial<ManifestParts> = {}) => {
    const manifest = createManifest(spec([2, 3], [0.5, 1, 2]), parts({ chunk: 2, ...overrides }));
    return { manifest, manifestPath: '/tmp/my sweeps/s.json.slurm/manifest-0.json', logsFolder: '/tmp/my sweeps/s.json.slurm/logs' };
  };

  it('writes the #SBATCH lines: array range, quoted folder and log paths, passthrough and site lines', () => {
    const options = scriptOptions({
      scheduler: { maxArray: 2, sbatchOptions: ['--partition=x', '-t 1:00:00', '--comment=a b'], sbatchFileText: '#!/bin/bash\n#SBATCH --qos=low\nmodule load nodejs/20\n\n' },
    });
    const lines = arrayScript(options).split('\n');
    expect(lines.filter((line) => line.startsWith('#SBATCH'))).toEqual([
      '#SBATCH --job-name=maxent-sweep',
      '#SBATCH --array=0-2%2',
      '#SBATCH --chdir="/tmp/my sweeps"',
      '#SBATCH --output="/tmp/my sweeps/s.json.slurm/logs/array-0_%A_%a.out"',
      '#SBATCH --partition=x',
      '#SBATCH -t 1:00:00',
      '#SBATCH --comment="a b"',
      '#SBATCH --qos=low',
    ]);
    expect(lines[0]).toBe('#!/bin/bash');
    expect(lines.filter((line) => line.startsWith('#!'))).toHaveLength(1);
    // Site commands after every directive and before the task command.
    expect(lines.indexOf('module load nodejs/20')).toBeGreaterThan(lines.indexOf('#SBATCH --qos=low'));
    expect(lines.indexOf('module load nodejs/20')).toBeLessThan(lines.findIndex((line) => line.startsWith('exec ')));
    const merge = mergeScript(options).split('\n');
    expect(merge.filter((line) => line.startsWith('#SBATCH'))).toEqual([
      '#SBATCH --job-name=maxent-merge',
      '#SBATCH --chdir="/tmp/my sweeps"',
      '#SBATCH --output="/tmp/my sweeps/s.json.slurm/logs/merge-0_%j.out"',
      '#SBATCH --partition=x',
      '#SBATCH -t 1:00:00',
      '#SBATCH --comment="a b"',
      '#SBATCH --qos=low',
    ]);
    expect(merge.some((line) => line.includes('--array') || line.includes('--dependency'))).toBe(false);
  });

  it('bash passes every path as one argument, spaces, quotes and $ included', () => {
    // The scripts run a printer instead of node: each argument in brackets, one per line.
    const folder = mkdtempSync(join(tmpdir(), "maxent slurm 'q' $x-"));
    const printer = join(folder, 'print args.sh');
    writeFileSync(printer, '#!/bin/sh\nfor a in "$@"; do printf "[%s]\\n" "$a"; done\n', { mode: 0o755 });
    const base = scriptOptions({ command: { node: printer, main: join(folder, 'dist/main.js') }, cwd: folder, out: "out dir/it's.json" });
    const options = { ...base, manifestPath: join(folder, "it's.json.slurm/manifest-0.json") };
    const run = (script: string) => {
      const file = join(folder, 'job.sh');
      writeFileSync(file, script);
      return execFileSync('bash', [file], { encoding: 'utf8', env: { PATH: process.env.PATH, SLURM_ARRAY_TASK_ID: '2' } });
    };
    expect(run(arrayScript(options))).toBe(
      [join(folder, 'dist/main.js'), 'sweep-task', '--manifest', join(folder, "it's.json.slurm/manifest-0.json"), '--index', '2'].map((arg) => `[${arg}]\n`).join(''),
    );
    expect(run(mergeScript(options))).toBe([join(folder, 'dist/main.js'), 'sweep', '--merge', '--out', "out dir/it's.json"].map((arg) => `[${arg}]\n`).join(''));
    rmSync(folder, { recursive: true, force: true });
  });
});
