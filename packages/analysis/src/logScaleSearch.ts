/**
 * The 1-D search under every best-matching weight scale (model.md §10, §15): an
 * objective of log sigma on a log-spaced grid (objectives over sigma need not be
 * unimodal over the whole range), then golden-section search between the grid
 * neighbours of the best grid point until the bracket is narrower than `width`.
 */

const INVERSE_GOLDEN = (Math.sqrt(5) - 1) / 2;

/** A log-spaced grid on [low, high] (natural logs) with `points` points; the last is `high` exactly. */
export function logGrid(low: number, high: number, points: number): number[] {
  const step = (high - low) / (points - 1);
  return Array.from({ length: points }, (_, i) => (i === points - 1 ? high : low + i * step));
}

/** Evaluations a search plans for an interior optimum: the grid, two golden-section points, one per bracket shrink. */
export function plannedEvaluations(gridPoints: number, step: number, width: number): number {
  let planned = gridPoints + 2;
  for (let span = 2 * step; span > width; span *= INVERSE_GOLDEN) planned++;
  return planned;
}

export interface LogScaleMinimum {
  /** The minimiser, log sigma. */
  readonly log: number;
  readonly value: number;
  /** Index of the best grid point (first of equal ones). */
  readonly gridIndex: number;
}

/**
 * Refines the grid minimum of `values` (the objective at `grid`) by golden section
 * on [grid[best - 1], grid[best + 1]] (clipped to the range), evaluating
 * `objective` at the new points only. Non-finite values never win.
 */
export function refineGridMinimum(grid: readonly number[], values: readonly number[], objective: (log: number) => number, width: number): LogScaleMinimum {
  let gridIndex = 0;
  for (let i = 1; i < values.length; i++) if (values[i] < values[gridIndex]) gridIndex = i;
  let bestLog = grid[gridIndex];
  let bestValue = values[gridIndex];
  let a = grid[Math.max(0, gridIndex - 1)];
  let b = grid[Math.min(grid.length - 1, gridIndex + 1)];
  let c = b - INVERSE_GOLDEN * (b - a);
  let d = a + INVERSE_GOLDEN * (b - a);
  let fc = objective(c);
  let fd = objective(d);
  while (b - a > width) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INVERSE_GOLDEN * (b - a);
      fc = objective(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INVERSE_GOLDEN * (b - a);
      fd = objective(d);
    }
  }
  for (const [log, value] of [
    [c, fc],
    [d, fd],
  ] as const) {
    if (value < bestValue) {
      bestValue = value;
      bestLog = log;
    }
  }
  return { log: bestLog, value: bestValue, gridIndex };
}
