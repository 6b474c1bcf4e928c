// Test-time aliases: every workspace package resolves to its TypeScript source,
// so `pnpm vitest` needs no build (style.md, "Monorepo plumbing").
import { fileURLToPath } from 'node:url';

const root = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const workspaceAliases: Record<string, string> = {
  // A subpath before its package: the first alias whose name is a prefix of the import wins.
  '@maxent/core/internal': root('./packages/core/src/internal.ts'),
  '@maxent/core': root('./packages/core/src/index.ts'),
  '@maxent/constraints': root('./packages/constraints/src/index.ts'),
  '@maxent/solver': root('./packages/solver/src/index.ts'),
  '@maxent/sampler': root('./packages/sampler/src/index.ts'),
  '@maxent/trainer': root('./packages/trainer/src/index.ts'),
  '@maxent/analysis': root('./packages/analysis/src/index.ts'),
  // The subpath before the package: an alias also matches longer paths that start with it.
  '@maxent/experiments/node': root('./packages/experiments/src/node/index.ts'),
  '@maxent/experiments': root('./packages/experiments/src/index.ts'),
  '@maxent/figures': root('./packages/figures/src/index.ts'),
  '#testing': root('./testing/index.ts'),
};

/**
 * Every project's default per-test timeout: numerical tests on 2 shared cores take
 * seconds, and vitest's 5 s default turned load into red runs. A real hang still
 * fails; tests that are long on purpose set their own.
 */
export const TEST_TIMEOUT_MS = 60_000;
