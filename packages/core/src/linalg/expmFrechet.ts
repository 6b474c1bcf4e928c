import { ProblemHasNoAnswerError, InvalidInputError } from '../errors.js';
import type { Mat } from '../matrix.js';
import { javascriptProducts, type DenseProducts } from './denseProducts.js';
import { oneNorm, solveInPlace } from './denseKernels.js';
import { arenaLength } from './float64Arena.js';
import { expmPlan, PADE } from './expm.js';
import { assertSquareFinite } from './squareMatrix.js';

/**
 * e^A together with the Fréchet derivative L(A, E) of the matrix exponential in
 * the direction E: e^(A + tE) = e^A + t L(A, E) + O(t^2). Used to differentiate
 * the communicability penalty of model.md §12 through expm.
 *
 * The route is the block identity expm([[A, E], [0, A]]) = [[e^A, L(A, E)], [0, e^A]]
 * evaluated without forming the 2n x 2n matrix: every quantity of Higham's
 * scaling-and-squaring algorithm (expm.ts) is block upper triangular with equal
 * diagonal blocks, so it is carried as a pair (X, Y) = [[X, Y], [0, X]], and a
 * product of pairs, (X1 X2, X1 Y2 + Y1 X2), costs three n x n products
 * instead of eight. The degree and the number of squarings follow the 1-norm
 * of A alone, as in Al-Mohy & Higham 2009 ("Computing the Fréchet derivative of
 * the matrix exponential", doi:10.1137/080716426, Algorithm 6.4): L is linear
 * in E, so the size of E does not change the approximation error relative to
 * ||E||.
 *
 * The products run through a {@link DenseProducts} (gemm.ts' rounding order), so
 * with buffers from a Float64Arena they run as WebAssembly SIMD and give the
 * same bits as in JavaScript.
 */
export interface ExpmFrechet {
  /** e^A. */
  readonly exp: Mat;
  /** L(A, E). */
  readonly frechet: Mat;
}

/** Checks both matrices (square, finite, same size) and computes {@link ExpmFrechet}. */
export function expmFrechet(a: Mat, e: Mat, fields: readonly [string, string] = ['A', 'E']): ExpmFrechet {
  assertSquareFinite(a, fields[0]);
  assertSquareFinite(e, fields[1]);
  if (e.rows !== a.rows) {
    throw new InvalidInputError(fields[1], `invalid \`${fields[1]}\`: must be ${a.rows}x${a.rows} like \`${fields[0]}\`, got ${e.rows}x${e.cols}`);
  }
  return expmFrechetOfValidated(a.data, e.data, a.rows);
}

/** A pair (X, Y) standing for the block matrix [[X, Y], [0, X]]. */
interface Pair {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * Where the computation keeps its matrices and runs its products: by default
 * plain arrays and the JavaScript kernels; a Float64Arena's `allocate` and
 * `products` (with {@link EXPM_FRECHET_SCRATCH_MATRICES} n x n matrices of room)
 * put it on the SIMD kernels. `allocate` must return zeroed views.
 */
export interface ExpmFrechetMemory {
  readonly products: DenseProducts;
  allocate(length: number): Float64Array;
}

const PLAIN_MEMORY: ExpmFrechetMemory = Object.freeze({ products: javascriptProducts, allocate: (length: number) => new Float64Array(length) });

/**
 * The n x n matrices one call allocates at most: the scaled pair A (2), U and V
 * (4), the degree-13 powers and sums A^2, A^4, A^6, inner, outer (10; the lower
 * degrees take 8), and the LU copy (1). The result is two of these.
 */
export const EXPM_FRECHET_SCRATCH_MATRICES = 17;

/** Float64Arena entries an {@link ExpmFrechetMemory} needs for n x n matrices. */
export function expmFrechetScratchLength(n: number): number {
  return EXPM_FRECHET_SCRATCH_MATRICES * arenaLength(n * n);
}

/** The computation behind {@link expmFrechet} on raw n x n row-major buffers (not modified). */
export function expmFrechetOfValidated(aIn: Float64Array, eIn: Float64Array, n: number, memory: ExpmFrechetMemory = PLAIN_MEMORY): ExpmFrechet {
  const size = n * n;
  const norm = oneNorm(aIn, n);
  const { degree, squarings } = expmPlan(norm);
  const scale = 2 ** -squarings;
  const pair = (): Pair => ({ x: memory.allocate(size), y: memory.allocate(size) });
  const multiplyPair = (f: Pair, g: Pair, out: Pair) => multiplyPairWith(memory.products, f, g, out, n);
  const a = pair();
  for (let index = 0; index < size; index++) {
    a.x[index] = scale * aIn[index];
    a.y[index] = scale * eIn[index];
  }
  const u = pair();
  const v = pair();
  if (degree === 13) padeTerms13(a, n, u, v, pair, multiplyPair);
  else padeTermsLow(a, n, PADE[degree], u, v, pair, multiplyPair);
  // r_m = (V - U)^-1 (V + U) for the pairs: with Q = V - U and P = V + U,
  // Q R = P gives Qx Rx = Px and Qx Ry = Py - Qy Rx.
  const q = v;
  const p = u;
  for (let index = 0; index < size; index++) {
    const sumX = v.x[index] + u.x[index];
    const sumY = v.y[index] + u.y[index];
    q.x[index] = v.x[index] - u.x[index];
    q.y[index] = v.y[index] - u.y[index];
    p.x[index] = sumX;
    p.y[index] = sumY;
  }
  const lu = memory.allocate(size);
  lu.set(q.x);
  if (!solveInPlace(lu, p.x, n)) {
    throw new ProblemHasNoAnswerError(`expmFrechet: the Padé denominator is singular (1-norm ${norm})`, 'not-converged');
  }
  // p.y <- p.y + (-q.y) p.x (negation is exact; q.y is not needed again), then
  // solve with q.x again (solveInPlace consumed the first copy).
  for (let index = 0; index < size; index++) q.y[index] = -q.y[index];
  memory.products.gemm(n, n, n, q.y, 0, n, p.x, 0, n, p.y, 0, n);
  lu.set(q.x);
  solveInPlace(lu, p.y, n);
  let result: Pair = p;
  let spare: Pair = q;
  for (let step = 0; step < squarings; step++) {
    multiplyPair(result, result, spare);
    const swap = result;
    result = spare;
    spare = swap;
  }
  for (let index = 0; index < size; index++) {
    if (!Number.isFinite(result.x[index]) || !Number.isFinite(result.y[index])) {
      throw new ProblemHasNoAnswerError(`expmFrechet: the result overflows double precision (1-norm ${norm})`, 'too-large');
    }
  }
  return { exp: { rows: n, cols: n, data: result.x }, frechet: { rows: n, cols: n, data: result.y } };
}

type NewPair = () => Pair;
type MultiplyPair = (f: Pair, g: Pair, out: Pair) => void;

/** out = f g for pairs: (fx gx, fx gy + fy gx). `out` must not alias `f` or `g`. */
function multiplyPairWith(products: DenseProducts, f: Pair, g: Pair, out: Pair, n: number): void {
  out.x.fill(0);
  products.gemm(n, n, n, f.x, 0, n, g.x, 0, n, out.x, 0, n);
  out.y.fill(0);
  products.gemm(n, n, n, f.x, 0, n, g.y, 0, n, out.y, 0, n);
  products.gemm(n, n, n, f.y, 0, n, g.x, 0, n, out.y, 0, n);
}

/** target += c * source, both parts. */
function addScaled(target: Pair, c: number, source: Pair): void {
  const { x, y } = target;
  for (let index = 0; index < x.length; index++) {
    x[index] += c * source.x[index];
    y[index] += c * source.y[index];
  }
}

function addIdentity(target: Pair, c: number, n: number): void {
  for (let i = 0; i < n; i++) target.x[i * n + i] += c;
}

/** U and V of degree m <= 9 for a pair, as padeTermsLow of expm.ts. */
function padeTermsLow(a: Pair, n: number, b: readonly number[], u: Pair, v: Pair, pair: NewPair, multiplyPair: MultiplyPair): void {
  const odd = pair();
  const half = (b.length - 2) / 2;
  addIdentity(odd, b[1], n);
  addIdentity(v, b[0], n);
  const a2 = pair();
  multiplyPair(a, a, a2);
  let power = pair();
  power.x.set(a2.x);
  power.y.set(a2.y);
  let next = pair();
  for (let k = 1; k <= half; k++) {
    addScaled(odd, b[2 * k + 1], power);
    addScaled(v, b[2 * k], power);
    if (k < half) {
      multiplyPair(power, a2, next);
      const swap = power;
      power = next;
      next = swap;
    }
  }
  multiplyPair(a, odd, u);
}

/** Higham's degree-13 evaluation (expm.ts padeTerms13) for a pair. */
function padeTerms13(a: Pair, n: number, u: Pair, v: Pair, pair: NewPair, multiplyPair: MultiplyPair): void {
  const b = PADE[13];
  const a2 = pair();
  const a4 = pair();
  const a6 = pair();
  const inner = pair();
  const outer = pair();
  multiplyPair(a, a, a2);
  multiplyPair(a2, a2, a4);
  multiplyPair(a4, a2, a6);
  combine(inner, b[13], a6, b[11], a4, b[9], a2);
  multiplyPair(a6, inner, outer);
  addScaled(outer, b[7], a6);
  addScaled(outer, b[5], a4);
  addScaled(outer, b[3], a2);
  addIdentity(outer, b[1], n);
  multiplyPair(a, outer, u);
  combine(inner, b[12], a6, b[10], a4, b[8], a2);
  multiplyPair(a6, inner, v);
  addScaled(v, b[6], a6);
  addScaled(v, b[4], a4);
  addScaled(v, b[2], a2);
  addIdentity(v, b[0], n);
}

/** out = c1 p1 + c2 p2 + c3 p3. */
function combine(out: Pair, c1: number, p1: Pair, c2: number, p2: Pair, c3: number, p3: Pair): void {
  for (let index = 0; index < out.x.length; index++) {
    out.x[index] = c1 * p1.x[index] + c2 * p2.x[index] + c3 * p3.x[index];
    out.y[index] = c1 * p1.y[index] + c2 * p2.y[index] + c3 * p3.y[index];
  }
}
