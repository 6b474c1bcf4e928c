// The hostile-input grid of issue 17: malformed, extreme and adversarial input
// for every command, one table row each. Every case asserts the exit code, a
// single line on stderr naming the setting, and that no file in the case's
// private folder changed (bytes and file type, symlinks and FIFOs included) and
// none appeared. Output-target cases use a FIFO, symlinks, folders and paths
// under files inside that folder only; nothing touches the real /dev.
import { execFileSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeNpy } from '@maxent/core';
import { runMaxent, temporaryFolder } from './harness.js';

vi.setConfig({ testTimeout: 60_000 });

type HostileClass = 'output targets' | 'input bounds' | 'numerical' | 'messages' | 'files read back';

interface HostileCase {
  readonly class: HostileClass;
  readonly name: string;
  readonly argv: readonly string[];
  readonly code: 2 | 3;
  /** The setting the one-line message must name. */
  readonly names: RegExp;
  /** Files to add to the case folder before the run (beside the standard ones). */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
  /** Must not appear in stderr (raw terminal escapes). */
  readonly notInMessage?: RegExp;
}

let fixtures: string;
beforeAll(async () => {
  fixtures = temporaryFolder('maxent-hostile-fixtures-');
  expect((await runMaxent(['solve', '--contexts', '2', '--out', 'sol.json', '--quiet'], fixtures)).code).toBe(0);
  expect((await runMaxent(['sample', '--solution', 'sol.json', '--neurons', '40', '--out', 'net.json', '--quiet'], fixtures)).code).toBe(0);
});

/** A case folder: the fixtures, an existing result `old.json`, a folder, a FIFO, symlinks, a file to put paths under. */
function caseFolder(extra: Readonly<Record<string, string | Uint8Array>> = {}): string {
  const dir = temporaryFolder('maxent-hostile-');
  copyFileSync(join(fixtures, 'sol.json'), join(dir, 'sol.json'));
  copyFileSync(join(fixtures, 'net.json'), join(dir, 'net.json'));
  writeFileSync(join(dir, 'old.json'), '{"kind": "old result, must survive"}\n');
  mkdirSync(join(dir, 'folder'));
  writeFileSync(join(dir, 'folder', 'keep.txt'), 'keep');
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  symlinkSync('old.json', join(dir, 'link'));
  symlinkSync('nowhere.json', join(dir, 'dangling'));
  mkdirSync(join(dir, 'npy'));
  for (const name of ['u', 'v', 'w']) writeFileSync(join(dir, 'npy', `${name}.npy`), `old ${name}`);
  for (const [name, contents] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), contents);
  }
  return dir;
}

/** Every entry under `dir`: its type and, for files, bytes, for links, target. */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stats = lstatSync(path);
    const key = `${prefix}${name}`;
    if (stats.isSymbolicLink()) out[key] = `link -> ${readlinkSync(path)}`;
    else if (stats.isFIFO()) out[key] = 'fifo';
    else if (stats.isDirectory()) Object.assign(out, { [key]: 'dir' }, snapshot(path, `${key}/`));
    else out[key] = `file ${readFileSync(path).toString('base64')}`;
  }
  return out;
}

const deep = `{"task": ${'['.repeat(5000)}${']'.repeat(5000)}}`;

/** A .npy file with any header dictionary and raw data bytes (for dtypes, orders and shapes we do not write). */
function rawNpy(descr: string, fortran: boolean, shape: readonly number[], body: Uint8Array): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const headerBytes = new TextEncoder().encode(header);
  const out = new Uint8Array(10 + headerBytes.length + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, headerBytes.length, true);
  out.set(headerBytes, 10);
  out.set(body, 10 + headerBytes.length);
  return out;
}

/**
 * A `.npy` network folder `bad/` (2 neurons, K = P = 2) as --npy writes it, with
 * `replace` swapped in: one malformed file per case.
 */
function npyNetwork(replace: Readonly<Record<string, string | Uint8Array>>): Record<string, string | Uint8Array> {
  const record = { schemaVersion: 1, kind: 'network-npy', config: {}, versions: {}, nonlinearity: 'relu', neurons: 2, task: [[1, 0], [0, 1]], arrays: { u: 'u.npy', v: 'v.npy', w: 'w.npy' } };
  const files: Record<string, string | Uint8Array> = {
    'bad/network-npy.json': JSON.stringify(record),
    'bad/u.npy': encodeNpy(Float64Array.of(1, 0, 0, 1), [2, 2]),
    'bad/v.npy': encodeNpy(Float64Array.of(1, -1, -1, 1), [2, 2]),
    'bad/w.npy': encodeNpy(Float64Array.of(1, 1), [2]),
  };
  for (const [name, contents] of Object.entries(replace)) files[`bad/${name}`] = contents;
  return files;
}

const NPY_INPUT_CASES: readonly [string, Readonly<Record<string, string | Uint8Array>>, RegExp][] = [
  ['wrong magic', { 'u.npy': 'not a npy file at all' }, /bad\/u\.npy: not a NumPy \.npy file/],
  ['an integer dtype', { 'v.npy': rawNpy('<i8', false, [2, 2], new Uint8Array(32)) }, /bad\/v\.npy: dtype <i8 is not supported/],
  ['big-endian floats', { 'w.npy': rawNpy('>f8', false, [2], new Uint8Array(16)) }, /bad\/w\.npy: dtype >f8 is not supported/],
  ['Fortran order', { 'u.npy': rawNpy('<f8', true, [2, 2], new Uint8Array(32)) }, /bad\/u\.npy: Fortran-ordered arrays are not supported/],
  ['a truncated array', { 'u.npy': encodeNpy(Float64Array.of(1, 0, 0, 1), [2, 2]).subarray(0, 140) }, /bad\/u\.npy: file is truncated/],
  ['a header shape of 10^15 x 2 (no allocation)', { 'u.npy': rawNpy('<f8', false, [1e15, 2], new Uint8Array(32)) }, /bad\/u\.npy: file is truncated: shape \(1000000000000000, 2\)/],
  ['a NaN entry', { 'v.npy': encodeNpy(Float64Array.of(1, Number.NaN, -1, 1), [2, 2]) }, /bad\/v\.npy: entry 1 is NaN, not a finite number/],
  ['an infinite entry', { 'w.npy': encodeNpy(Float64Array.of(1, Infinity), [2]) }, /bad\/w\.npy: entry 1 is Infinity, not a finite number/],
  ['a shape that disagrees with the record', { 'w.npy': encodeNpy(Float64Array.of(1, 1, 1), [3]) }, /bad\/w\.npy has shape \(3\), expected \(2,\) for 2 neurons/],
  ['a missing array', { 'v.npy': '' }, /bad\/v\.npy: (file is truncated|not a NumPy)/],
  ['a record of the wrong kind', { 'network-npy.json': JSON.stringify({ kind: 'network' }) }, /network-npy\.json is of kind "network", expected "network-npy"/],
  ['a record with an unknown nonlinearity', { 'network-npy.json': JSON.stringify({ kind: 'network-npy', nonlinearity: 'sigmoid', neurons: 2, task: [[1]] }) }, /`nonlinearity` must be one of relu/],
];
const SEED_2_53_PLUS_1 = '9007199254740993';

const outputTargets = (command: string, before: readonly string[], flag = '--out', kind: 'file' | 'folder' = 'file'): HostileCase[] =>
  [
    ['a folder', 'folder'],
    ['a FIFO', 'fifo'],
    ['a symlink to an existing file', 'link'],
    ['a dangling symlink', 'dangling'],
    ['a path under a file', 'old.json/x.json'],
    ['the empty string', ''],
  ]
    .filter(([, target]) => !(kind === 'folder' && target === 'folder'))
    .map(([what, target]) => ({
      class: 'output targets' as const,
      name: `${command} ${flag} ${what}`,
      argv: [command, ...before, flag, target],
      code: 2 as const,
      names: new RegExp(`invalid \`${flag}\``),
    }));

const CASES: HostileCase[] = [
  // Class 1: where results go.
  ...outputTargets('solve', ['--contexts', '2']),
  ...outputTargets('sample', ['--solution', 'sol.json', '--neurons', '10']),
  ...outputTargets('sample', ['--solution', 'sol.json', '--neurons', '10', '--out', 'new.json'], '--npy', 'folder'),
  ...outputTargets('train', ['--neurons', '10', '--steps', '5']),
  ...outputTargets('train', ['--neurons', '10', '--steps', '5', '--out', 'new.json'], '--npy', 'folder'),
  ...outputTargets('evaluate', ['--network', 'net.json']),
  ...outputTargets('analyze', ['--network', 'net.json']),
  ...outputTargets('metrics', ['--weights', 'w.json']).map((c) => ({ ...c, files: { 'w.json': '[[0, 1], [1, 0]]' } })),
  ...outputTargets('sweep', ['--contexts', '1,2', '--workers', '0']),
  ...outputTargets('report', ['sol.json']),
  ...outputTargets('report', ['sol.json', '--out', 'r.html'], '--svg', 'folder'),
  ...outputTargets('demo', ['--quick'], '--out', 'folder'),
  { class: 'output targets', name: 'demo --dir the empty string', argv: ['demo', '--dir', ''], code: 2, names: /invalid `--dir`/ },
  { class: 'output targets', name: 'demo --out a file', argv: ['demo', '--out', 'old.json'], code: 2, names: /invalid `--out`/ },
  { class: 'output targets', name: 'sweep whose CSV beside --out is a folder', argv: ['sweep', '--contexts', '1', '--workers', '0', '--out', 'x.json'], code: 2, names: /invalid `--out`/, files: {} },
  {
    class: 'output targets',
    name: 'sample --npy whose v.npy is a folder: u.npy is not replaced either',
    argv: ['sample', '--solution', 'sol.json', '--neurons', '10', '--out', 'old.json', '--npy', 'npy2'],
    code: 2,
    names: /invalid `--npy`/,
  },

  // Class 2: input bounds.
  ...['sample', 'evaluate', 'analyze', 'metrics', 'sweep', 'train', 'demo'].map((command): HostileCase => ({
    class: 'input bounds',
    name: `${command} --seed 2^53 + 1 (not exact)`,
    argv: {
      sample: ['sample', '--solution', 'sol.json', '--neurons', '10', '--out', 'new.json'],
      evaluate: ['evaluate', '--network', 'net.json'],
      analyze: ['analyze', '--network', 'net.json'],
      metrics: ['metrics', '--weights', 'w.json'],
      sweep: ['sweep', '--contexts', '1', '--out', 'new.json'],
      train: ['train', '--out', 'new.json'],
      demo: ['demo', '--out', 'new-demo'],
    }[command]!.concat(['--seed', SEED_2_53_PLUS_1]),
    code: 2,
    names: /invalid `--seed`: .*2\^53/,
    files: { 'w.json': '[[0, 1], [1, 0]]' },
  })),
  ...[
    ['solve', ['solve', '--weight-scale', '1e999'], '--weight-scale'],
    ['evaluate', ['evaluate', '--network', 'net.json', '--stimulus-std', '1e999'], '--stimulus-std'],
    ['metrics', ['metrics', '--weights', 'w.json', '--gamma', '1e999'], '--gamma'],
    ['train', ['train', '--lr', '1e999', '--out', 'new.json'], '--lr'],
    ['analyze', ['analyze', '--network', 'net.json', '--context-std', '1e999'], '--context-std'],
    ['sweep', ['sweep', '--weight-scale', '1,1e999', '--out', 'new.json'], '--weight-scale'],
    ['sample', ['sample', '--solution', 'sol.json', '--neurons', '1e999', '--out', 'new.json'], '--neurons'],
  ].map(([command, argv, flag]): HostileCase => ({
    class: 'messages',
    name: `${command} ${flag} 1e999 is "not a finite number"`,
    argv: argv as string[],
    code: 2,
    names: new RegExp(`invalid \`${flag}\`: .*not a finite number`),
    files: { 'w.json': '[[0, 1], [1, 0]]' },
  })),
  ...['solve', 'train', 'sweep'].map((command): HostileCase => ({
    class: 'input bounds',
    name: `${command} --config nested 5000 deep`,
    argv: [command, '--config', 'deep.json', ...(command === 'solve' ? [] : ['--out', 'new.json']), ...(command === 'sweep' ? ['--contexts', '1'] : [])],
    code: 2,
    names: /invalid `config`: JSON nested 5001 levels deep/,
    files: { 'deep.json': deep },
  })),
  ...['solve', 'train', 'sweep'].map((command): HostileCase => ({
    class: 'input bounds',
    name: `${command} --config with a __proto__ key`,
    argv: [command, '--config', 'proto.json', ...(command === 'solve' ? [] : ['--out', 'new.json']), ...(command === 'sweep' ? ['--contexts', '1'] : [])],
    code: 2,
    names: /invalid `config`: __proto__ is not allowed/,
    files: { 'proto.json': '{"__proto__": {"weightScale": 2}}' },
  })),
  ...['solve', 'train'].map((command): HostileCase => ({
    class: 'input bounds',
    name: `${command} --config with a 10000-character string`,
    argv: [command, '--config', 'long.json', ...(command === 'solve' ? [] : ['--out', 'new.json'])],
    code: 2,
    names: /invalid `config`: nonlinearity is a string of 10000 characters/,
    files: { 'long.json': JSON.stringify({ nonlinearity: 'r'.repeat(10000) }) },
  })),
  ...[
    ['evaluate', ['evaluate', '--network', 'deep.json'], '--network'],
    ['analyze', ['analyze', '--network', 'deep.json'], '--network'],
    ['metrics', ['metrics', '--weights', 'deep.json'], '--weights'],
    ['sample', ['sample', '--solution', 'deep.json', '--neurons', '5', '--out', 'new.json'], '--solution'],
    ['report', ['report', 'deep.json', '--out', 'r.html'], 'INPUTS|deep\\.json'],
  ].map(([command, argv, flag]): HostileCase => ({
    class: 'input bounds',
    name: `${command} reads a file nested 5000 deep`,
    argv: argv as string[],
    code: 2,
    names: new RegExp(`invalid \`(${flag})\`.*nested`),
    files: { 'deep.json': deep },
  })),
  ...[
    ['solve', ['solve', '--config', 'fifo'], 'config'],
    ['evaluate', ['evaluate', '--network', 'fifo'], '--network'],
    ['metrics', ['metrics', '--weights', 'fifo'], '--weights'],
    ['sample', ['sample', '--solution', 'fifo', '--neurons', '5', '--out', 'new.json'], '--solution'],
    ['analyze', ['analyze', '--network', 'folder'], '--network'],
  ].map(([command, argv, flag]): HostileCase => ({
    class: 'input bounds',
    name: `${command} reads a FIFO or folder as input (would block)`,
    argv: argv as string[],
    code: 2,
    names: new RegExp(`invalid \`${flag}\`.*(not a regular file|is a directory)`),
  })),
  { class: 'input bounds', name: 'solve --contexts 20 --all-populations', argv: ['solve', '--contexts', '20', '--all-populations', '--out', 'new.json'], code: 2, names: /invalid `--all-populations`: .*memory/ },
  { class: 'input bounds', name: 'sample --neurons 1e12', argv: ['sample', '--solution', 'sol.json', '--neurons', '1000000000000', '--out', 'new.json'], code: 2, names: /invalid `--neurons`: .*memory/ },
  { class: 'input bounds', name: 'sample --method mcmc --thin 1e15', argv: ['sample', '--solution', 'sol.json', '--neurons', '100', '--method', 'mcmc', '--thin', '1000000000000000', '--out', 'new.json'], code: 2, names: /invalid `--thin`: .*elementary steps/ },
  { class: 'input bounds', name: 'evaluate --trials 1e9', argv: ['evaluate', '--network', 'net.json', '--trials', '1000000000'], code: 2, names: /invalid `--trials`: .*elementary steps/ },
  { class: 'input bounds', name: 'train --neurons 1e9', argv: ['train', '--neurons', '1000000000', '--out', 'new.json'], code: 2, names: /invalid `--neurons`: .*memory/ },
  { class: 'input bounds', name: 'train --steps 1e12', argv: ['train', '--steps', '1000000000000', '--out', 'new.json'], code: 2, names: /invalid `--steps`: .*elementary steps/ },
  { class: 'input bounds', name: 'sweep --contexts 1..1e9 (cap before the grid)', argv: ['sweep', '--contexts', '1..1e9', '--out', 'new.json'], code: 2, names: /invalid `--contexts`: a range may hold at most 10000 values/ },
  { class: 'input bounds', name: 'sweep of 10^6 points', argv: ['sweep', '--contexts', '1..100', '--weight-scale', '0.01..100:0.01', '--out', 'new.json'], code: 2, names: /invalid sweep: 1000000 points/ },
  { class: 'input bounds', name: 'metrics of a 1e999 entry', argv: ['metrics', '--weights', 'w.json'], code: 2, names: /invalid `--weights`: \[0\]\[1\] is not a finite number/, files: { 'w.json': '[[0, 1e999], [1, 0]]' } },

  // .npy networks read back (--network DIR): validated file by file, named.
  ...NPY_INPUT_CASES.flatMap(([what, replace, message]): HostileCase[] =>
    (['evaluate', 'analyze'] as const).map((command) => ({
      class: 'files read back',
      name: `${command} --network a .npy folder with ${what}`,
      argv: [command, '--network', what === 'a missing array' ? 'bad/u.npy' : 'bad', '--out', 'new.json'],
      code: 2,
      names: new RegExp(`invalid \`--network\`: .*${message.source}`),
      files: npyNetwork(replace),
    })),
  ),
  { class: 'files read back', name: 'analyze --network a folder without its record', argv: ['analyze', '--network', 'npy'], code: 2, names: /invalid `--network`: npy: is a directory with no network-npy\.json/ },

  // --thin (sample --method mcmc): auto or an integer >= 1.
  { class: 'input bounds', name: 'sample --thin auto with --method exact', argv: ['sample', '--solution', 'sol.json', '--neurons', '100', '--thin', 'auto', '--out', 'new.json'], code: 2, names: /invalid `--thin`: only applies to --method mcmc, got "auto"/ },
  ...['0', '-1', 'x', '1.5', 'Auto', ''].map((thin): HostileCase => ({
    class: 'input bounds',
    name: `sample --method mcmc --thin ${JSON.stringify(thin)}`,
    argv: ['sample', '--solution', 'sol.json', '--neurons', '100', '--method', 'mcmc', '--thin', thin, '--out', 'new.json'],
    code: 2,
    names: new RegExp(`invalid \`--thin\`: must be auto or an integer >= 1, got ${JSON.stringify(JSON.stringify(thin)).slice(1, -1)}`),
  })),
  { class: 'input bounds', name: 'sample --method mcmc --thin 1e15 (written as 1e15)', argv: ['sample', '--solution', 'sol.json', '--neurons', '100', '--method', 'mcmc', '--thin', '1e15', '--out', 'new.json'], code: 2, names: /invalid `--thin`: .*elementary steps/ },
  { class: 'input bounds', name: 'sample --method mcmc --thin 1e999', argv: ['sample', '--solution', 'sol.json', '--neurons', '100', '--method', 'mcmc', '--thin', '1e999', '--out', 'new.json'], code: 2, names: /invalid `--thin`: must be auto or an integer >= 1, got "1e999"/ },
  { class: 'input bounds', name: 'sample --method mcmc with fewer than 4 draws per chain', argv: ['sample', '--solution', 'sol.json', '--neurons', '12', '--method', 'mcmc', '--out', 'new.json'], code: 2, names: /invalid `--neurons`: must be at least 13 for --method mcmc/ },
  { class: 'output targets', name: 'sample with neither --out nor --npy', argv: ['sample', '--solution', 'sol.json', '--neurons', '10'], code: 2, names: /invalid `--out`: required/ },

  // Class 3: results that come out non-finite are exit 3, never null.
  {
    class: 'numerical',
    name: 'evaluate a network whose outputs overflow (R^2 non-finite)',
    argv: ['evaluate', '--network', 'huge.json', '--out', 'new.json'],
    code: 3,
    names: /the result has no finite value: .*(r2|mse)/,
    files: { 'huge.json': JSON.stringify({ kind: 'network', nonlinearity: 'linear', neurons: 2, u: [[1e300], [1e300]], v: [[0], [0]], w: [1e300, 1e300], task: [[1]] }) },
  },
  {
    class: 'numerical',
    name: 'metrics whose total weight exceeds the double range',
    argv: ['metrics', '--weights', 'w.json', '--out', 'new.json'],
    code: 3,
    names: /the result has no finite value: (totalWeight|leadingEigenvalue|spectralRadius)/,
    files: { 'w.json': JSON.stringify([[1.5e308, 1.5e308], [1.5e308, 1.5e308]]) },
  },

  // Class 5: messages.
  {
    class: 'messages',
    name: 'an unknown config key holding a terminal escape is echoed escaped',
    argv: ['solve', '--config', 'esc.json'],
    code: 2,
    names: /unknown key `\\u001b\[31mred`/,
    notInMessage: /\u001b/,
    files: { 'esc.json': '{"\\u001b[31mred": 1}' },
  },
  {
    class: 'messages',
    name: 'weightScale 1e308 is blamed on weightScale, not on initialLambda',
    argv: ['solve', '--config', 'big.json'],
    code: 2,
    names: /invalid `weightScale`: is too large/,
    notInMessage: /initialLambda/,
    files: { 'big.json': '{"weightScale": 1e308}' },
  },
  {
    class: 'messages',
    name: 'a file name with an escape sequence is echoed escaped',
    argv: ['evaluate', '--network', '\u001b[2Jgone.json'],
    code: 2,
    names: /invalid `--network`: \\u001b\[2Jgone\.json: no such file/,
    notInMessage: /\u001b/,
  },
];

describe('hostile input: exit code, one line naming the setting, no file changed', () => {
  it.each(CASES.map((c) => [`${c.class}: ${c.name}`, c] as const))('%s', async (_, c) => {
    const dir = caseFolder(c.files);
    if (c.name.startsWith('sample --npy whose v.npy')) {
      mkdirSync(join(dir, 'npy2'));
      writeFileSync(join(dir, 'npy2', 'u.npy'), encodeNpy(Float64Array.from([1]), [1]));
      mkdirSync(join(dir, 'npy2', 'v.npy'));
    }
    if (c.name.startsWith('sweep whose CSV')) mkdirSync(join(dir, 'x.csv'));
    const before = snapshot(dir);
    const run = await runMaxent(c.argv, dir);
    expect(run.code, run.stderr).toBe(c.code);
    expect(run.stderr).toMatch(/^maxent: [^\n]*\n$/);
    expect(run.stderr).toMatch(c.names);
    if (c.notInMessage !== undefined) expect(run.stderr).not.toMatch(c.notInMessage);
    expect(snapshot(dir)).toEqual(before);
  });

  it('has cases of every class', () => {
    const perClass: Record<string, number> = {};
    for (const c of CASES) perClass[c.class] = (perClass[c.class] ?? 0) + 1;
    // Printed for the closing note of issue 17.
    console.log(`hostile grid: ${CASES.length} cases`, perClass);
    expect(Object.keys(perClass).sort()).toEqual(['files read back', 'input bounds', 'messages', 'numerical', 'output targets']);
  });
});

describe('outputs that do work', () => {
  it('--follow-symlinks writes through a symlink to its target, keeping the link', async () => {
    const dir = caseFolder();
    const run = await runMaxent(['solve', '--contexts', '1', '--out', 'link', '--follow-symlinks', '--quiet'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(join(dir, 'link')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'old.json'), 'utf8')).kind).toBe('maxent-solution');
  });

  it('--out - prints the result file on stdout (and the summary on stderr)', async () => {
    const dir = caseFolder();
    const before = snapshot(dir);
    const run = await runMaxent(['solve', '--contexts', '1', '--out', '-'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).kind).toBe('maxent-solution');
    expect(run.stderr).toMatch(/maximum-entropy solution/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('--out - of solve equals the bytes of --out FILE', async () => {
    const dir = caseFolder();
    const toStdout = await runMaxent(['solve', '--contexts', '2', '--out', '-'], dir);
    expect((await runMaxent(['solve', '--contexts', '2', '--out', 'file.json', '--quiet'], dir)).code).toBe(0);
    expect(toStdout.stdout).toBe(readFileSync(join(dir, 'file.json'), 'utf8'));
  });

  it('a stdout that fails (ENOSPC) ends the run with one line and exit 1', async () => {
    const { runCli } = await import('../src/cli.js');
    const { OutputStreamError } = await import('../src/outputStreamError.js');
    let stderr = '';
    const code = await runCli(['solve', '--contexts', '1'], {
      stdout: () => {
        throw new OutputStreamError('stdout', Object.assign(new Error('no space'), { code: 'ENOSPC' }));
      },
      stderr: (text) => void (stderr += text),
      stderrIsTTY: false,
      cwd: caseFolder(),
    });
    expect(code).toBe(1);
    expect(stderr).toBe('maxent: cannot write to stdout: no space left on the device (ENOSPC)\n');
  });
});
