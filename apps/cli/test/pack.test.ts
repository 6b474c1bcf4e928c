// Selective imports are a promise to users (issue 2): @maxent/solver, packed with
// `pnpm pack` together with what it depends on, installs with plain npm into an
// empty folder and solves a task with nothing else from the workspace.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { solve } from '@maxent/solver';
import { expectAllClose } from '#testing';

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const PACKAGES = [
  { name: '@maxent/core', dir: 'packages/core' },
  { name: '@maxent/constraints', dir: 'packages/constraints' },
  { name: '@maxent/solver', dir: 'packages/solver' },
];

/** Newest modification time under a folder (0 when it does not exist). */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

/** Builds the packages when a dist is missing or older than its sources (`pnpm test` builds first, so usually a no-op). */
function ensureBuilt(): void {
  const stale = PACKAGES.some(({ dir }) => {
    const dist = join(root, dir, 'dist', 'index.js');
    return !existsSync(dist) || newest(join(root, dir, 'src')) > statSync(dist).mtimeMs;
  });
  if (stale) execFileSync('pnpm', ['--filter', '@maxent/solver...', 'build'], { cwd: root, stdio: 'pipe' });
}

const SCRIPT = `
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { solve, solutionToFile } from '@maxent/solver';
const problem = problemFromConfig(parseConfig({ task: { name: 'select', contexts: 3 }, weightScale: 0.8 }));
const solution = solve(problem);
const file = solutionToFile(solution);
console.log(JSON.stringify({
  converged: solution.converged,
  maxResidual: solution.maxResidual,
  klFromPrior: solution.klFromPrior,
  lambda: Array.from(solution.lambda.data),
  specialization: solution.summary.specialization,
  populations: file.populations.length,
}));
`;

describe('packing @maxent/solver', () => {
  it('installs from tarballs with npm into an empty folder and solves a task (examples/solve-only)', () => {
    ensureBuilt();
    const app = mkdtempSync(join(tmpdir(), 'maxent-pack-'));
    // The user-side example, as its README runs it: tarballs under ./tarballs,
    // named in its package.json (overrides resolve the ^0.1.0 that pnpm pack
    // writes for workspace:^ to the local tarballs).
    const example = join(root, 'examples', 'solve-only');
    copyFileSync(join(example, 'package.json'), join(app, 'package.json'));
    copyFileSync(join(example, 'solve.mjs'), join(app, 'solve.mjs'));
    for (const { dir } of PACKAGES) {
      const short = dir.split('/').at(-1)!;
      execFileSync('pnpm', ['pack', '--out', join(app, 'tarballs', `maxent-${short}.tgz`)], { cwd: join(root, dir), stdio: 'pipe' });
    }
    writeFileSync(join(app, 'check.mjs'), SCRIPT);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: app, stdio: 'pipe' });
    expect(existsSync(join(app, 'node_modules', '@maxent', 'solver', 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(app, 'node_modules', '@maxent', 'solver', 'src'))).toBe(false);
    const printed = JSON.parse(execFileSync(process.execPath, ['check.mjs'], { cwd: app, encoding: 'utf8' }));

    // The installed build gives the numbers of the workspace sources.
    const reference = solve(problemFromConfig(parseConfig({ task: { name: 'select', contexts: 3 }, weightScale: 0.8 })));
    expect(printed.converged).toBe(true);
    expect(printed.maxResidual).toBeLessThan(1e-10);
    expect(printed.populations).toBe(8);
    expectAllClose(printed.lambda, reference.lambda.data, { rtol: 1e-12 });
    expectAllClose(printed.klFromPrior, reference.klFromPrior, { rtol: 1e-12 });
    expectAllClose(printed.specialization, reference.summary.specialization, { rtol: 1e-12 });

    // The example's README shows its default output verbatim.
    const readme = readFileSync(join(example, 'README.md'), 'utf8');
    const shown = readme
      .slice(readme.indexOf('## What it prints'))
      .split('\n')
      .filter((line) => line.startsWith('    '))
      .map((line) => line.slice(4));
    const defaultOutput = execFileSync(process.execPath, ['solve.mjs'], { cwd: app, encoding: 'utf8' });
    expect(defaultOutput.trimEnd().split('\n')).toEqual(shown);

    const exampleOutput = execFileSync(process.execPath, ['solve.mjs', '2', '0.5'], { cwd: app, encoding: 'utf8' });
    const expected = solve(problemFromConfig(parseConfig({ task: { name: 'select', contexts: 2 }, weightScale: 0.5 })));
    expect(exampleOutput).toMatch(/select task, K = 2, weightScale 0\.5: converged in \d+ Newton iterations/);
    expect(exampleOutput).toContain(`KL from prior: ${expected.klFromPrior.toFixed(4)} nats`);
  }, 240_000);
});
