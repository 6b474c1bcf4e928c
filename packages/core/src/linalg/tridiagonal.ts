/**
 * The largest eigenpair of a symmetric tridiagonal matrix (diagonal `alpha`,
 * off-diagonal `beta`, first k entries): the Ritz pair of the Lanczos iteration
 * (lanczos.ts) behind modularity's spectral bisection (model.md §11). Eigenvalues by implicit
 * QL without vectors (O(k^2)), then the eigenvector by inverse iteration with a
 * pivoted tridiagonal solve (O(k)), instead of a dense O(k^3) decomposition at
 * every convergence check.
 */

const EPSILON = 2 ** -52;
const MAX_QL_ITERATIONS = 60;
const INVERSE_ITERATIONS = 3;

/** Largest eigenvalue and its unit eigenvector, or null if the QL iteration fails. */
export function tridiagonalLeadingPair(
  alpha: Float64Array,
  beta: Float64Array,
  k: number,
): { value: number; vector: Float64Array } | null {
  const value = largestTridiagonalEigenvalue(alpha, beta, k);
  if (value === null) return null;
  return { value, vector: inverseIteration(alpha, beta, k, value) };
}

function largestTridiagonalEigenvalue(alpha: Float64Array, beta: Float64Array, k: number): number | null {
  const d = tridiagonalEigenvalues(alpha, beta, k);
  if (d === null) return null;
  let largest = -Infinity;
  for (let i = 0; i < k; i++) if (d[i] > largest) largest = d[i];
  return largest;
}

/**
 * Every eigenvalue of the symmetric tridiagonal matrix (diagonal `alpha`,
 * off-diagonal `beta`, first k entries), unsorted, by implicit QL without
 * vectors: O(k^2), e.g. the nodes of Gauss-Hermite rules (Golub-Welsch). Null if
 * the QL iteration fails to converge.
 */
export function tridiagonalEigenvalues(alpha: Float64Array, beta: Float64Array, k: number): Float64Array | null {
  const d = Float64Array.from(alpha.subarray(0, k));
  const e = new Float64Array(k);
  for (let i = 0; i < k - 1; i++) e[i] = beta[i];
  for (let l = 0; l < k; l++) {
    let iterations = 0;
    let m: number;
    do {
      for (m = l; m < k - 1; m++) {
        const scale = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= EPSILON * scale) break;
      }
      if (m !== l) {
        if (iterations++ === MAX_QL_ITERATIONS) return null;
        // Wilkinson-type shift from the leading 2 x 2 block, then a chase of Givens rotations.
        let g = (d[l + 1] - d[l]) / (2 * e[l]);
        let r = Math.hypot(g, 1);
        g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
        let s = 1;
        let c = 1;
        let p = 0;
        let i: number;
        for (i = m - 1; i >= l; i--) {
          const f = s * e[i];
          const b = c * e[i];
          r = Math.hypot(f, g);
          e[i + 1] = r;
          if (r === 0) {
            d[i + 1] -= p;
            e[m] = 0;
            break;
          }
          s = f / r;
          c = g / r;
          g = d[i + 1] - p;
          r = (d[i] - g) * s + 2 * c * b;
          p = s * r;
          d[i + 1] = g + p;
          g = c * r - b;
        }
        if (r === 0 && i >= l) continue;
        d[l] -= p;
        e[l] = g;
        e[m] = 0;
      }
    } while (m !== l);
  }
  return d;
}

/**
 * Solves (T - sigma I) y = x by Gaussian elimination with row interchanges
 * (the factor has two superdiagonals) a few times from x = (1, ..., 1); with
 * sigma an eigenvalue to rounding, one solve already points along its
 * eigenvector. Exact zero pivots are replaced by eps ||T||, as usual.
 */
function inverseIteration(alpha: Float64Array, beta: Float64Array, k: number, sigma: number): Float64Array {
  const u0 = new Float64Array(k);
  const u1 = new Float64Array(k);
  const u2 = new Float64Array(k);
  const multiplier = new Float64Array(k);
  const swapped = new Uint8Array(k);
  let norm = 0;
  for (let i = 0; i < k; i++) {
    norm = Math.max(norm, Math.abs(alpha[i]) + (i > 0 ? Math.abs(beta[i - 1]) : 0) + (i < k - 1 ? Math.abs(beta[i]) : 0));
  }
  const tiny = EPSILON * (norm > 0 ? norm : 1);
  let c0 = alpha[0] - sigma;
  let c1 = k > 1 ? beta[0] : 0;
  for (let i = 0; i < k - 1; i++) {
    const n0 = beta[i];
    const n1 = alpha[i + 1] - sigma;
    const n2 = i + 2 < k ? beta[i + 1] : 0;
    if (Math.abs(n0) > Math.abs(c0)) {
      const m = c0 / n0;
      u0[i] = n0;
      u1[i] = n1;
      u2[i] = n2;
      multiplier[i] = m;
      swapped[i] = 1;
      c0 = c1 - m * n1;
      c1 = -m * n2;
    } else {
      const pivot = c0 === 0 ? tiny : c0;
      const m = n0 / pivot;
      u0[i] = pivot;
      u1[i] = c1;
      u2[i] = 0;
      multiplier[i] = m;
      c0 = n1 - m * c1;
      c1 = n2;
    }
  }
  u0[k - 1] = c0 === 0 ? tiny : c0;
  const y = new Float64Array(k).fill(1);
  for (let iteration = 0; iteration < INVERSE_ITERATIONS; iteration++) {
    for (let i = 0; i < k - 1; i++) {
      if (swapped[i] === 1) {
        const t = y[i];
        y[i] = y[i + 1];
        y[i + 1] = t;
      }
      y[i + 1] -= multiplier[i] * y[i];
    }
    y[k - 1] /= u0[k - 1];
    if (k > 1) y[k - 2] = (y[k - 2] - u1[k - 2] * y[k - 1]) / u0[k - 2];
    for (let i = k - 3; i >= 0; i--) y[i] = (y[i] - u1[i] * y[i + 1] - u2[i] * y[i + 2]) / u0[i];
    let size = 0;
    for (let i = 0; i < k; i++) size += y[i] * y[i];
    size = Math.sqrt(size);
    for (let i = 0; i < k; i++) y[i] /= size;
  }
  return y;
}
