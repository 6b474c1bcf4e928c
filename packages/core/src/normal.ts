import type { Rng } from './rng.js';

const SQRT2 = Math.SQRT2;

/**
 * Complementary error function to near machine precision: Taylor series of erf
 * for |x| < 2.5 and a continued fraction (modified Lentz) for the tail.
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) return 1 - erfSeries(x);
  if (x > 27) return 0;
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const an = n / 2;
    d = x + an * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + an / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * f);
}

// erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)): all terms positive, no cancellation.
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum;
}

/** Standard normal cumulative distribution function Phi(x). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

/**
 * Draw from N(mean, std^2) truncated to (lower, upper); either bound may be
 * infinite. Uses plain rejection when the interval holds enough mass and
 * Robert's (1995) exponential-proposal rejection in a far tail.
 */
export function truncatedNormal(rng: Rng, mean: number, std: number, lower: number, upper: number): number {
  const a = (lower - mean) / std;
  const b = (upper - mean) / std;
  return mean + std * standardTruncatedNormal(rng, a, b);
}

function standardTruncatedNormal(rng: Rng, a: number, b: number): number {
  if (!(a < b)) throw new RangeError(`truncatedNormal: empty interval (${a}, ${b})`);
  if (a === -Infinity && b === Infinity) return rng.normal();
  // Half-line at zero (the relu gate of model.md §6 with mean 0): fold a normal.
  if (a === 0 && b === Infinity) return Math.abs(rng.normal());
  if (a === -Infinity && b === 0) return -Math.abs(rng.normal());
  if (a >= 0.5 && b === Infinity) return exponentialTail(rng, a);
  if (b <= -0.5 && a === -Infinity) return -exponentialTail(rng, -b);
  const mass = normalCdf(b) - normalCdf(a);
  if (mass > 0.25) {
    for (;;) {
      const z = rng.normal();
      if (z > a && z < b) return z;
    }
  }
  // Narrow finite interval: uniform proposal with the normal density as acceptance.
  const peak = a > 0 ? a : b < 0 ? b : 0;
  for (;;) {
    const z = a + (b - a) * rng.next();
    if (Math.log(rng.next()) < 0.5 * (peak * peak - z * z)) return z;
  }
}

// Robert (1995): z = a + Exp(rate) with the optimal rate, accept with exp(-(z-rate)^2/2).
function exponentialTail(rng: Rng, a: number): number {
  const rate = (a + Math.sqrt(a * a + 4)) / 2;
  for (;;) {
    const z = a - Math.log(1 - rng.next()) / rate;
    const diff = z - rate;
    if (Math.log(rng.next()) < -0.5 * diff * diff) return z;
  }
}
