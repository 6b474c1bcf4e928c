// Every package entry bundles for a browser without Node built-ins or globals
// (architecture.md, "Rules of the house"). Packages are discovered from the
// packages/ folder when the test runs, so a new package is checked with no
// change here; Node-only subpaths (NODE_ONLY_SUBPATH) are skipped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  browserEntries,
  describeNodeDependencies,
  exportSubpaths,
  isNodeOnlySubpath,
  nodeDependenciesOfBrowserBundle,
  type PackageManifest,
} from './browserBundle.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'testing', 'fixtures', 'browser-bundle');

function readManifest(packageDir: string): PackageManifest {
  return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as PackageManifest;
}

const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'packages', entry.name, 'package.json')))
  .map((entry) => {
    const dir = join(root, 'packages', entry.name);
    return { dir, manifest: readManifest(dir) };
  });
const cases = packages.flatMap(({ dir, manifest }) => browserEntries(manifest).map((subpath) => ({ name: manifest.name, subpath, dir })));

describe('every package entry bundles for a browser', () => {
  it('finds the packages and their entries', () => {
    const names = packages.map(({ manifest }) => manifest.name);
    expect(names).toEqual(expect.arrayContaining(['@maxent/core', '@maxent/constraints', '@maxent/solver', '@maxent/sampler', '@maxent/trainer', '@maxent/analysis']));
    for (const name of names) expect(cases.some((entry) => entry.name === name), `${name} has a browser entry`).toBe(true);
  });

  it.each(cases)('$name $subpath', async ({ name, subpath, dir }) => {
    const found = await nodeDependenciesOfBrowserBundle(root, dir, name, subpath);
    if (found.length > 0) expect.fail(describeNodeDependencies(name, subpath, found, root, dir));
  });
});

describe('the Node-only subpath rule', () => {
  it.each(['./node', './sweep/node', './a/b/node'])('%s is Node-only', (subpath) => {
    expect(isNodeOnlySubpath(subpath)).toBe(true);
  });

  it.each(['.', './nodes', './node-tools', './internal', './node/extra', './sweepnode'])('%s must bundle for a browser', (subpath) => {
    expect(isNodeOnlySubpath(subpath)).toBe(false);
  });
});

describe('the check itself (fixture packages in testing/fixtures/browser-bundle)', () => {
  const leakyDir = join(fixtures, 'leaky');

  it('skips the Node-only subpath and package.json, checks the rest', () => {
    const manifest = readManifest(leakyDir);
    expect(exportSubpaths(manifest)).toEqual(['.', './node', './package.json']);
    expect(browserEntries(manifest)).toEqual(['.']);
  });

  it('reports each built-in and Node global with the chain of files that pulls it in', async () => {
    const found = await nodeDependenciesOfBrowserBundle(root, leakyDir, 'leaky', '.');
    const leaky = 'testing/fixtures/browser-bundle/leaky';
    const throughFiles = ['<entry>', `${leaky}/index.js`, `${leaky}/lib/files.js`];
    expect(found).toEqual([
      { kind: 'module', name: 'path', chain: ['<entry>', `${leaky}/index.js`] },
      { kind: 'module', name: 'node:fs', chain: [...throughFiles, `${leaky}/lib/read.js`] },
      { kind: 'global', name: 'process', chain: [...throughFiles, `${leaky}/lib/env.js`] },
    ]);
    const message = describeNodeDependencies('leaky', '.', found, root, leakyDir);
    expect(message).toContain('leaky export "." (testing/fixtures/browser-bundle/leaky) needs Node in a browser bundle');
    expect(message).toContain(`import "node:fs" via <entry> -> ${leaky}/index.js -> ${leaky}/lib/files.js -> ${leaky}/lib/read.js`);
    expect(message).toContain(`global process via <entry> -> ${leaky}/index.js -> ${leaky}/lib/files.js -> ${leaky}/lib/env.js`);
  });

  it('sees the built-ins of a Node-only entry when asked (so skipping it is the rule, not blindness)', async () => {
    const found = await nodeDependenciesOfBrowserBundle(root, leakyDir, 'leaky', './node');
    expect(found.map(({ name }) => name)).toEqual(['node:worker_threads']);
  });

  it('honours a browser field that maps an optional built-in to false (as seedrandom does), and ignores locals named like globals', async () => {
    const found = await nodeDependenciesOfBrowserBundle(root, join(fixtures, 'optional-builtin'), 'optional-builtin', '.');
    expect(found).toEqual([]);
  });

  it('refuses an exports map it cannot check', () => {
    expect(() => browserEntries({ name: 'no-exports' })).toThrow('no-exports: package.json has no "exports" map');
    expect(() => browserEntries({ name: 'patterns', exports: { './*': './src/*.js' } })).toThrow('export pattern "./*"');
    expect(browserEntries({ name: 'shorthand', exports: './index.js' })).toEqual(['.']);
    expect(browserEntries({ name: 'conditions', exports: { import: './index.js', default: './index.cjs' } })).toEqual(['.']);
  });
});
