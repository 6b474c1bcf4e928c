import { describe, expect, it } from 'vitest';
import { expectAllClose } from '#testing';
import { cappedRoundingFloor, type DualEstimator, type NullDirection } from './estimator.js';
import { dampedNewton, type NewtonResult } from './newton.js';

/**
 * A dual that is not the exact estimator's: independent coordinates with
 * L(x) = sum_i [-1/2 log(1 - x_i^2) - b_i x_i] on the box |x_i| < 1, the log
 * partition of a family with a wall at |x| = 1 like q(g) < 1 of model.md §5.
 * Its minimiser solves x / (1 - x^2) = b, i.e. b x^2 + x - b = 0:
 * x = (sqrt(1 + 4 b^2) - 1) / (2 b). The estimator interface alone drives Newton.
 */
function boxEstimator(targets: readonly number[], nullSpace: NullDirection[] = []): DualEstimator & { evaluations: number } {
  const size = targets.length;
  const gradient = new Float64Array(size);
  const hessian = new Float64Array(size * size);
  const last = new Float64Array(size);
  const estimator = {
    size,
    scale: 1,
    nullSpace,
    domain: 'the box |x_i| < 1',
    gradient,
    hessian,
    evaluations: 0,
    evaluate(x: Float64Array, level: 0 | 1 | 2): number {
      estimator.evaluations++;
      last.set(x);
      let value = 0;
      for (let i = 0; i < size; i++) {
        const slack = 1 - x[i] * x[i];
        if (!(slack > 0)) return Number.POSITIVE_INFINITY;
        value += -0.5 * Math.log(slack) - targets[i] * x[i];
        if (level >= 1) gradient[i] = x[i] / slack - targets[i];
        if (level === 2) hessian[i * size + i] = (1 + x[i] * x[i]) / (slack * slack);
      }
      return value;
    },
    stepToBoundary(x: Float64Array, direction: Float64Array, keep: number): number {
      let largest = Number.POSITIVE_INFINITY;
      for (let i = 0; i < size; i++) {
        if (direction[i] === 0) continue;
        const wall = direction[i] > 0 ? 1 : -1;
        largest = Math.min(largest, ((1 - keep) * (wall - x[i])) / direction[i]);
      }
      return largest;
    },
    // As for the exact estimator: the size of the moment x / (1 - x^2) times the
    // conditioning 1 + x^2 / (1 - x^2) of computing 1 - x^2 from x.
    roundingFloor(margin = 1): number {
      let momentScale = 0;
      for (let i = 0; i < size; i++) {
        const slack = 1 - last[i] * last[i];
        momentScale = Math.max(momentScale, (Math.abs(last[i]) / slack) * (1 + (last[i] * last[i]) / slack));
      }
      return cappedRoundingFloor(momentScale, 1, margin);
    },
    stallHint: () => '; a hint from the estimator',
  };
  return estimator;
}

function drain(steps: Generator<unknown, NewtonResult>): { result: NewtonResult; yielded: number } {
  let yielded = 0;
  let next = steps.next();
  while (!next.done) {
    yielded++;
    next = steps.next();
  }
  return { result: next.value, yielded };
}

const closedForm = (b: number) => (b === 0 ? 0 : (Math.sqrt(1 + 4 * b * b) - 1) / (2 * b));

describe('dampedNewton over a non-exact estimator', () => {
  it('reaches the closed-form minimiser, also when it sits close to the wall', () => {
    const targets = [0.3, -2, 50, 1e4];
    const x = new Float64Array(targets.length);
    const { result, yielded } = drain(dampedNewton(boxEstimator(targets), x, { tolerance: 1e-12, maxIterations: 200 }));
    expect(result.converged, result.message).toBe(true);
    expect(yielded).toBe(result.iterations + 1);
    expectAllClose(x, targets.map(closedForm), { rtol: 1e-12, atol: 1e-15 });
    expect(result.message).toMatch(/^converged in \d+ Newton iterations/);
  });

  it('numbers the iterations from the offset and never leaves the domain', () => {
    const x = new Float64Array([0.9]);
    const steps = dampedNewton(boxEstimator([-1e3]), x, { tolerance: 1e-12, maxIterations: 200 }, 7);
    const first = steps.next();
    expect(first.done).toBe(false);
    expect((first.value as { iteration: number }).iteration).toBe(7);
    let next = steps.next();
    while (!next.done) {
      expect(Math.abs(x[0])).toBeLessThan(1);
      next = steps.next();
    }
    expect(next.value.converged, next.value.message).toBe(true);
  });

  it('gives up after maxIterations with the estimator hint', () => {
    const { result } = drain(dampedNewton(boxEstimator([1e6]), new Float64Array(1), { tolerance: 1e-14, maxIterations: 2 }));
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(2);
    expect(result.message).toMatch(/^did not converge: .* after 2 Newton iterations .*; a hint from the estimator$/);
  });

  it('keeps the iterate off a null direction, along which L would be flat', () => {
    // L(x) with targets equal along (1, -1)/sqrt 2 projected: start on the line x1 = x2
    // and project the direction (1, -1) out: the iterate must stay on x1 = x2.
    const s = Math.SQRT1_2;
    const estimator = boxEstimator([0.5, 0.5], [{ indices: [0, 1], values: Float64Array.from([s, -s]) }]);
    const x = new Float64Array([0.1, 0.1]);
    const { result } = drain(dampedNewton(estimator, x, { tolerance: 1e-12, maxIterations: 100 }));
    expect(result.converged).toBe(true);
    expect(x[0]).toBe(x[1]);
    expectAllClose(x, [closedForm(0.5), closedForm(0.5)], { rtol: 1e-12 });
  });

  it('stops between iterations when the signal aborts', () => {
    const controller = new AbortController();
    const steps = dampedNewton(boxEstimator([3]), new Float64Array(1), { tolerance: 1e-12, maxIterations: 100, signal: controller.signal });
    steps.next();
    controller.abort(new Error('stop'));
    expect(() => steps.next()).toThrow('stop');
  });
});
