import { toMlMatrix, type Mat } from '../matrix.js';
import { createRng } from '../rng.js';
import { EigenvalueDecomposition } from 'ml-matrix';
import { assertSquareFinite, assertSymmetric } from './squareMatrix.js';
import { tridiagonalLeadingPair } from './tridiagonal.js';

/**
 * Eigenvector of the largest (algebraic) eigenvalue of a symmetric n x n
 * matrix; the work of modularity's spectral bisection (model.md §11).
 *
 * Lanczos with full reorthogonalisation: each step costs one O(n^2) product, and
 * the extreme eigenvalue converges in a few dozen steps, where a dense symmetric
 * solver costs O(n^3) per community of the recursive bisection (about 1 s at
 * n = 500 with ml-matrix). With full reorthogonalisation n steps would be an
 * exact tridiagonalisation; ml-matrix's dense solver remains as the fallback if
 * the step budget runs out or the tridiagonal QL fails.
 */

const MAX_STEPS = 300;
/**
 * Convergence is checked at steps 10, 13, 17, 23, ... (x1.3) and at the last
 * possible step, so that the checks cost little beside the Lanczos steps.
 */
const FIRST_CHECK = 10;
const CHECK_GROWTH = 1.3;
/** Converged when the Ritz residual ||B y - theta y|| is below this times ||T||. */
const RELATIVE_RESIDUAL = 1e-11;

/** An eigenvalue and a unit eigenvector for it (the sign of an eigenvector is arbitrary). */
export interface SymmetricEigenpair {
  readonly value: number;
  readonly vector: Float64Array;
}

/**
 * The largest (algebraic) eigenvalue of a real symmetric matrix and a unit
 * eigenvector. Throws InvalidInputError for non-square, empty, non-finite or
 * non-symmetric input; symmetry is exact (A[i][j] === A[j][i]), which
 * (A + A^T) / 2 always satisfies in floating point.
 */
export function leadingSymmetricEigenpair(matrix: Mat, field = 'A'): SymmetricEigenpair {
  assertSquareFinite(matrix, field);
  assertSymmetric(matrix, field);
  return leadingSymmetricEigenpairOfValidated(matrix);
}

/**
 * The computation behind {@link leadingSymmetricEigenpair}, for an already
 * validated symmetric matrix, which it only reads.
 */
export function leadingSymmetricEigenpairOfValidated(matrix: Mat): SymmetricEigenpair {
  const { rows: n, data: b } = matrix;
  if (n < 2) return denseLeading(b, n);
  return lanczosLeading(b, n) ?? denseLeading(b, n);
}

/** ml-matrix's dense symmetric solver: the fallback for n < 2 or when Lanczos fails. */
function denseLeading(b: Float64Array, n: number): SymmetricEigenpair {
  const decomposition = new EigenvalueDecomposition(toMlMatrix({ rows: n, cols: n, data: b }), { assumeSymmetric: true });
  const values = decomposition.realEigenvalues;
  // First index among equal maxima, as MATLAB's max(real(diag(D))).
  let best = 0;
  for (let k = 1; k < n; k++) if (values[k] > values[best]) best = k;
  const vectors = decomposition.eigenvectorMatrix;
  const vector = new Float64Array(n);
  for (let i = 0; i < n; i++) vector[i] = vectors.get(i, best);
  return { value: values[best], vector };
}

function lanczosLeading(b: Float64Array, n: number): SymmetricEigenpair | null {
  const steps = Math.min(n, MAX_STEPS);
  const basis = new Float64Array(steps * n);
  const alpha = new Float64Array(steps);
  const beta = new Float64Array(steps);
  const w = new Float64Array(n);
  // A fixed generic start vector: the all-ones vector is itself an eigenvector of
  // every subgroup matrix (zero row sums), so it would stall the Krylov space.
  const rng = createRng('maxent-modularity-lanczos');
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const value = rng.next() - 0.5;
    basis[i] = value;
    norm += value * value;
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < n; i++) basis[i] /= norm;

  let nextCheck = FIRST_CHECK;
  for (let j = 0; j < steps; j++) {
    const q = j * n;
    multiplyVector(b, n, basis, q, w);
    const a = dot(w, 0, basis, q, n);
    alpha[j] = a;
    orthogonalise(w, basis, j + 1, n);
    let size = 0;
    for (let i = 0; i < n; i++) size += w[i] * w[i];
    size = Math.sqrt(size);
    beta[j] = size;
    const last = j + 1 === steps;
    const scale = tridiagonalScale(alpha, beta, j);
    const invariant = size <= 1e-13 * scale;
    if (invariant || last || j + 1 >= nextCheck) {
      nextCheck = Math.ceil((j + 1) * CHECK_GROWTH);
      const ritz = tridiagonalLeadingPair(alpha, beta, j + 1);
      if (ritz === null) return null;
      const residual = size * Math.abs(ritz.vector[j]);
      if (invariant || residual <= RELATIVE_RESIDUAL * scale) {
        const vector = new Float64Array(n);
        for (let l = 0; l <= j; l++) {
          const coefficient = ritz.vector[l];
          const p = l * n;
          for (let i = 0; i < n; i++) vector[i] += coefficient * basis[p + i];
        }
        return { value: ritz.value, vector };
      }
      if (last) return null;
    }
    const next = (j + 1) * n;
    for (let i = 0; i < n; i++) basis[next + i] = w[i] / size;
  }
  return null;
}

/**
 * w = B v (v = basis[q..q+n)): two rows of B per pass, sharing the loads of v;
 * each row keeps the four partial sums of {@link dot} in the same order, so
 * the result is that of one dot product per row, to the bit.
 */
function multiplyVector(b: Float64Array, n: number, basis: Float64Array, q: number, w: Float64Array): void {
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const r0 = i * n;
    const r1 = r0 + n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    let k = 0;
    for (; k + 3 < n; k += 4) {
      const v0 = basis[q + k];
      const v1 = basis[q + k + 1];
      const v2 = basis[q + k + 2];
      const v3 = basis[q + k + 3];
      s0 += b[r0 + k] * v0;
      s1 += b[r0 + k + 1] * v1;
      s2 += b[r0 + k + 2] * v2;
      s3 += b[r0 + k + 3] * v3;
      t0 += b[r1 + k] * v0;
      t1 += b[r1 + k + 1] * v1;
      t2 += b[r1 + k + 2] * v2;
      t3 += b[r1 + k + 3] * v3;
    }
    for (; k < n; k++) {
      const v = basis[q + k];
      s0 += b[r0 + k] * v;
      t0 += b[r1 + k] * v;
    }
    w[i] = s0 + s1 + (s2 + s3);
    w[i + 1] = t0 + t1 + (t2 + t3);
  }
  if (i < n) w[i] = dot(b, i * n, basis, q, n);
}

/**
 * Gram-Schmidt of w against the first `count` basis vectors, twice ("twice is
 * enough"), each projection taken from the current w (modified Gram-Schmidt
 * order). The subtraction of one projection and the dot product for the next
 * share a pass over w, which halves the passes over the basis (the bulk of a
 * Lanczos step late in the iteration); the dot keeps {@link dot}'s four
 * partial sums, so the arithmetic is that of separate passes, to the bit.
 */
function orthogonalise(w: Float64Array, basis: Float64Array, count: number, n: number): void {
  const total = 2 * count;
  let projection = dot(w, 0, basis, 0, n);
  for (let step = 0; step < total; step++) {
    const p = (step % count) * n;
    if (step + 1 === total) {
      for (let i = 0; i < n; i++) w[i] -= projection * basis[p + i];
      return;
    }
    const next = ((step + 1) % count) * n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let k = 0;
    for (; k + 3 < n; k += 4) {
      const w0 = w[k] - projection * basis[p + k];
      const w1 = w[k + 1] - projection * basis[p + k + 1];
      const w2 = w[k + 2] - projection * basis[p + k + 2];
      const w3 = w[k + 3] - projection * basis[p + k + 3];
      w[k] = w0;
      w[k + 1] = w1;
      w[k + 2] = w2;
      w[k + 3] = w3;
      s0 += w0 * basis[next + k];
      s1 += w1 * basis[next + k + 1];
      s2 += w2 * basis[next + k + 2];
      s3 += w3 * basis[next + k + 3];
    }
    for (; k < n; k++) {
      const wk = w[k] - projection * basis[p + k];
      w[k] = wk;
      s0 += wk * basis[next + k];
    }
    projection = s0 + s1 + (s2 + s3);
  }
}

/**
 * x[xStart..+n) . y[yStart..+n) with four partial sums, which breaks the
 * add-latency chain of a single accumulator (about 3x faster here).
 */
function dot(x: Float64Array, xStart: number, y: Float64Array, yStart: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < n; k += 4) {
    s0 += x[xStart + k] * y[yStart + k];
    s1 += x[xStart + k + 1] * y[yStart + k + 1];
    s2 += x[xStart + k + 2] * y[yStart + k + 2];
    s3 += x[xStart + k + 3] * y[yStart + k + 3];
  }
  for (; k < n; k++) s0 += x[xStart + k] * y[yStart + k];
  return s0 + s1 + (s2 + s3);
}

/** max |alpha| + |beta| over the tridiagonal built so far: a scale for ||B||. */
function tridiagonalScale(alpha: Float64Array, beta: Float64Array, j: number): number {
  let scale = 0;
  for (let l = 0; l <= j; l++) {
    const bound = Math.abs(alpha[l]) + Math.abs(beta[l]) + (l > 0 ? Math.abs(beta[l - 1]) : 0);
    if (bound > scale) scale = bound;
  }
  return scale > 0 ? scale : 1;
}
