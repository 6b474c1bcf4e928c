import { ProblemHasNoAnswerError } from '../errors.js';
import type { Mat } from '../matrix.js';
import { multiplySquare, oneNorm, solveInPlace } from './denseKernels.js';
import { assertSquareFinite } from './squareMatrix.js';

/**
 * Matrix exponential by scaling and squaring with diagonal Padé approximants
 * (Higham 2005, "The scaling and squaring method for the matrix exponential
 * revisited", doi:10.1137/04061101X, Algorithm 2.3); used for communicability
 * (model.md §11).
 *
 * The degree m in {3, 5, 7, 9, 13} is the smallest whose threshold theta_m bounds
 * the 1-norm, so that the backward error of r_m(A) is below the unit roundoff;
 * beyond theta_13 the matrix is scaled by 2^-s into range and the result squared
 * s times.
 */

/** theta_m of Higham 2005, Table 2.3 (double precision). */
const THETA = Object.freeze({
  3: 1.495585217958292e-2,
  5: 2.539398330063230e-1,
  7: 9.504178996162932e-1,
  9: 2.097847961257068,
  13: 5.371920351148152,
});

/** Coefficients b_0..b_m of the numerator of the [m/m] Padé approximant of e^x. */
export const PADE: Readonly<Record<3 | 5 | 7 | 9 | 13, readonly number[]>> = Object.freeze({
  3: [120, 60, 12, 1],
  5: [30240, 15120, 3360, 420, 30, 1],
  7: [17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1],
  9: [17643225600, 8821612800, 2075673600, 302702400, 30270240, 2162160, 110880, 3960, 90, 1],
  13: [
    64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
    10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
  ],
});

/** Which degree and how many squarings a 1-norm calls for. */
export function expmPlan(norm: number): { degree: 3 | 5 | 7 | 9 | 13; squarings: number } {
  for (const degree of [3, 5, 7, 9] as const) {
    if (norm <= THETA[degree]) return { degree, squarings: 0 };
  }
  return { degree: 13, squarings: Math.max(0, Math.ceil(Math.log2(norm / THETA[13]))) };
}

/**
 * e^A of a square matrix of finite numbers (a fresh matrix). Throws
 * InvalidInputError for non-square or non-finite input, and
 * ProblemHasNoAnswerError when the result overflows to Inf.
 */
export function expm(matrix: Mat, field = 'A'): Mat {
  assertSquareFinite(matrix, field);
  return expmOfValidated(matrix);
}

/** The computation behind {@link expm}, for an already validated square matrix. */
export function expmOfValidated(matrix: Mat): Mat {
  const n = matrix.rows;
  const norm = oneNorm(matrix.data, n);
  const { degree, squarings } = expmPlan(norm);
  const a = Float64Array.from(matrix.data);
  if (squarings > 0) {
    const scale = 2 ** -squarings;
    for (let index = 0; index < a.length; index++) a[index] *= scale;
  }
  const u = new Float64Array(n * n);
  const v = new Float64Array(n * n);
  if (degree === 13) padeTerms13(a, n, u, v);
  else padeTermsLow(a, n, PADE[degree], u, v);
  // r_m = (V - U)^-1 (V + U): p <- V + U, q <- V - U, then q X = p.
  for (let index = 0; index < u.length; index++) {
    const sum = v[index] + u[index];
    v[index] -= u[index];
    u[index] = sum;
  }
  if (!solveInPlace(v, u, n)) {
    throw new ProblemHasNoAnswerError(`expm: the Padé denominator is singular (1-norm ${norm})`, 'not-converged');
  }
  let result = u;
  let spare = v;
  for (let step = 0; step < squarings; step++) {
    multiplySquare(result, result, spare, n);
    const swap = result;
    result = spare;
    spare = swap;
  }
  for (let index = 0; index < result.length; index++) {
    if (!Number.isFinite(result[index])) {
      throw new ProblemHasNoAnswerError(`expm: the exponential overflows double precision (1-norm ${norm})`, 'too-large');
    }
  }
  return { rows: n, cols: n, data: result };
}

/**
 * U = A * sum_k b_{2k+1} A^{2k}, V = sum_k b_{2k} A^{2k} for m <= 9, from the even
 * powers A^2, ..., A^{m-1}: (m + 1) / 2 products in all (Higham 2005, Table
 * 2.2: 2, 3, 4, 5 for m = 3, 5, 7, 9).
 */
function padeTermsLow(a: Float64Array, n: number, b: readonly number[], u: Float64Array, v: Float64Array): void {
  const size = n * n;
  const odd = new Float64Array(size);
  // b holds m + 1 coefficients, m odd; the highest even power is A^{m-1} = A^{2 half}.
  const half = (b.length - 2) / 2;
  for (let i = 0; i < n; i++) {
    odd[i * n + i] = b[1];
    v[i * n + i] = b[0];
  }
  const a2 = new Float64Array(size);
  multiplySquare(a, a, a2, n);
  let power = Float64Array.from(a2);
  let next = new Float64Array(size);
  for (let k = 1; k <= half; k++) {
    const bOdd = b[2 * k + 1];
    const bEven = b[2 * k];
    for (let index = 0; index < size; index++) {
      odd[index] += bOdd * power[index];
      v[index] += bEven * power[index];
    }
    if (k < half) {
      multiplySquare(power, a2, next, n);
      const swap = power;
      power = next;
      next = swap;
    }
  }
  multiplySquare(a, odd, u, n);
}

/** Higham's evaluation of the degree-13 terms with six products (Higham 2005, Algorithm 2.3). */
function padeTerms13(a: Float64Array, n: number, u: Float64Array, v: Float64Array): void {
  const b = PADE[13];
  const size = n * n;
  const a2 = new Float64Array(size);
  const a4 = new Float64Array(size);
  const a6 = new Float64Array(size);
  const inner = new Float64Array(size);
  const outer = new Float64Array(size);
  multiplySquare(a, a, a2, n);
  multiplySquare(a2, a2, a4, n);
  multiplySquare(a4, a2, a6, n);
  // U = A [A6 (b13 A6 + b11 A4 + b9 A2) + b7 A6 + b5 A4 + b3 A2 + b1 I]
  for (let index = 0; index < size; index++) inner[index] = b[13] * a6[index] + b[11] * a4[index] + b[9] * a2[index];
  multiplySquare(a6, inner, outer, n);
  for (let index = 0; index < size; index++) outer[index] += b[7] * a6[index] + b[5] * a4[index] + b[3] * a2[index];
  for (let i = 0; i < n; i++) outer[i * n + i] += b[1];
  multiplySquare(a, outer, u, n);
  // V = A6 (b12 A6 + b10 A4 + b8 A2) + b6 A6 + b4 A4 + b2 A2 + b0 I
  for (let index = 0; index < size; index++) inner[index] = b[12] * a6[index] + b[10] * a4[index] + b[8] * a2[index];
  multiplySquare(a6, inner, v, n);
  for (let index = 0; index < size; index++) v[index] += b[6] * a6[index] + b[4] * a4[index] + b[2] * a2[index];
  for (let i = 0; i < n; i++) v[i * n + i] += b[0];
}
