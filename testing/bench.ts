// Shared benchmark helpers (not a package: imported by bench files through the
// `#bench` alias, which scripts/bench.mjs resolves and tsconfig.base.json maps).
// `pnpm bench:quick` runs every tinybench task once (scripts/bench-quick.mjs);
// these helpers let a bench also shrink its size sweep to the smallest size.

/** True under `pnpm bench:quick` (scripts/bench.mjs sets BENCH_QUICK=1 for the bench process). */
export const quick: boolean = process.env.BENCH_QUICK === '1';

/**
 * The sizes a bench sweeps: all of them normally, only the first (list sizes
 * smallest first) in quick mode, so a quick run exercises every task cheaply.
 */
export function benchSizes<T>(sizes: readonly T[]): readonly T[] {
  if (sizes.length === 0) throw new Error('benchSizes: the list of sizes is empty');
  return quick ? sizes.slice(0, 1) : sizes;
}
