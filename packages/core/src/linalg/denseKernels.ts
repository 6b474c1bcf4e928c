/**
 * Dense kernels on row-major n x n Float64Array buffers: products and an LU
 * solve, the work of the matrix exponential (communicability, model.md §11).
 * ml-matrix's mmul goes through one array per row and is several times slower
 * on 500 x 500 products, which dominate expm.
 */

/**
 * out = a * b for n x n row-major matrices; `out` must not alias `a` or `b`.
 * See {@link multiplyAccumulate} for the blocking.
 */
export function multiplySquare(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  out.fill(0);
  multiplyAccumulate(a, b, out, n, 0, n, 0, n, 0, n, 1);
}

/**
 * out[i, j] += sign * sum_{k in [k0, k1)} a[i, k] b[k, j] for i in [i0, i1) and
 * j in [j0, j1), all three n-column row-major. `out` may be the same buffer as
 * `a` or `b` as long as the rows and columns written are never read: the LU
 * factorisation and the triangular solves below use it that way.
 *
 * Register blocking over four rows of `a` and four rows of `b` (i-k-j order):
 * the 16 coefficients a[i..i+3, k..k+3] sit in locals, each pass over
 * j loads four entries of `b` and loads/stores four of `out` for 32 flops. On
 * V8 this measured 5.5-6 GFlop/s at n = 500 against 4 for two rows by four
 * and 3 for 4 x 2 dot-product blocks on a transposed `b`; splitting j into
 * panels that fit in L2 did not help.
 */
export function multiplyAccumulate(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
  n: number,
  i0: number,
  i1: number,
  k0: number,
  k1: number,
  j0: number,
  j1: number,
  sign: 1 | -1,
): void {
  if (k1 <= k0 || j1 <= j0) return;
  const kEnd = k1 - ((k1 - k0) % 4);
  let i = i0;
  for (; i + 3 < i1; i += 4) {
    const r0 = i * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    let k = k0;
    for (; k < kEnd; k += 4) {
      // The sign goes into the coefficients (exact), not into the inner loop.
      const a00 = sign * a[r0 + k];
      const a01 = sign * a[r0 + k + 1];
      const a02 = sign * a[r0 + k + 2];
      const a03 = sign * a[r0 + k + 3];
      const a10 = sign * a[r1 + k];
      const a11 = sign * a[r1 + k + 1];
      const a12 = sign * a[r1 + k + 2];
      const a13 = sign * a[r1 + k + 3];
      const a20 = sign * a[r2 + k];
      const a21 = sign * a[r2 + k + 1];
      const a22 = sign * a[r2 + k + 2];
      const a23 = sign * a[r2 + k + 3];
      const a30 = sign * a[r3 + k];
      const a31 = sign * a[r3 + k + 1];
      const a32 = sign * a[r3 + k + 2];
      const a33 = sign * a[r3 + k + 3];
      const b0 = k * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = j0; j < j1; j++) {
        const x0 = b[b0 + j];
        const x1 = b[b1 + j];
        const x2 = b[b2 + j];
        const x3 = b[b3 + j];
        out[r0 + j] += a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
        out[r1 + j] += a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
        out[r2 + j] += a20 * x0 + a21 * x1 + a22 * x2 + a23 * x3;
        out[r3 + j] += a30 * x0 + a31 * x1 + a32 * x2 + a33 * x3;
      }
    }
    for (; k < k1; k++) {
      const c0 = sign * a[r0 + k];
      const c1 = sign * a[r1 + k];
      const c2 = sign * a[r2 + k];
      const c3 = sign * a[r3 + k];
      const bk = k * n;
      for (let j = j0; j < j1; j++) {
        const x = b[bk + j];
        out[r0 + j] += c0 * x;
        out[r1 + j] += c1 * x;
        out[r2 + j] += c2 * x;
        out[r3 + j] += c3 * x;
      }
    }
  }
  // Up to three leftover rows, one at a time, still four rows of b per pass.
  for (; i < i1; i++) {
    const r = i * n;
    let k = k0;
    for (; k < kEnd; k += 4) {
      const c0 = sign * a[r + k];
      const c1 = sign * a[r + k + 1];
      const c2 = sign * a[r + k + 2];
      const c3 = sign * a[r + k + 3];
      const b0 = k * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = j0; j < j1; j++) out[r + j] += c0 * b[b0 + j] + c1 * b[b1 + j] + c2 * b[b2 + j] + c3 * b[b3 + j];
    }
    for (; k < k1; k++) {
      const c = sign * a[r + k];
      const bk = k * n;
      for (let j = j0; j < j1; j++) out[r + j] += c * b[bk + j];
    }
  }
}

/** Largest absolute column sum (the matrix 1-norm that Higham's thresholds refer to). */
export function oneNorm(a: Float64Array, n: number): number {
  const sums = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) sums[j] += Math.abs(a[row + j]);
  }
  let best = 0;
  for (let j = 0; j < n; j++) if (sums[j] > best) best = sums[j];
  return best;
}

/** Panel width of the blocked LU: the rank of each trailing update, matching the 4-row blocks of {@link multiplyAccumulate}. */
const PANEL = 4;

/**
 * Solves q X = p in place: `q` is overwritten by its LU factors (partial
 * pivoting) and `p` by X. Returns false when a pivot is exactly zero (q
 * singular).
 *
 * The factorisation is right-looking and blocked by panels of four columns:
 * each panel is factorised on its own (rank-1 updates over four columns only),
 * then the rows of U to its right are finished by the panel's unit lower
 * triangle, and the rest of the matrix takes one rank-4 update through
 * {@link multiplyAccumulate} instead of four rank-1 passes (one load and store
 * per two flops). The two triangular solves with n right-hand sides (three
 * times the factorisation's flops) go four rows of X at a time through the same
 * kernel, then finish each block's small triangle row by row.
 */
export function solveInPlace(q: Float64Array, p: Float64Array, n: number): boolean {
  for (let k0 = 0; k0 < n; k0 += PANEL) {
    const k1 = Math.min(n, k0 + PANEL);
    for (let k = k0; k < k1; k++) {
      let pivot = k;
      let largest = Math.abs(q[k * n + k]);
      for (let i = k + 1; i < n; i++) {
        const value = Math.abs(q[i * n + k]);
        if (value > largest) {
          largest = value;
          pivot = i;
        }
      }
      if (largest === 0) return false;
      if (pivot !== k) {
        // Whole rows, so the multipliers already stored in L follow the interchange.
        swapRows(q, k, pivot, n);
        swapRows(p, k, pivot, n);
      }
      const rowK = k * n;
      const inverse = 1 / q[rowK + k];
      for (let i = k + 1; i < n; i++) {
        const rowI = i * n;
        const factor = q[rowI + k] * inverse;
        q[rowI + k] = factor;
        for (let j = k + 1; j < k1; j++) q[rowI + j] -= factor * q[rowK + j];
      }
    }
    if (k1 === n) break;
    // U12 = L11^-1 A12 (rows k0..k1-1, columns k1..n-1), then A22 -= L21 U12.
    for (let r = k0 + 1; r < k1; r++) {
      for (let c = k0; c < r; c++) subtractRowRange(q, n, r, c, q[r * n + c], k1, n);
    }
    multiplyAccumulate(q, q, q, n, k1, n, k0, k1, k1, n, -1);
  }
  // L Y = P p: a block of rows takes the finished rows above in one pass, then
  // its own unit lower triangle.
  for (let i0 = 0; i0 < n; i0 += PANEL) {
    const i1 = Math.min(n, i0 + PANEL);
    multiplyAccumulate(q, p, p, n, i0, i1, 0, i0, 0, n, -1);
    for (let r = i0 + 1; r < i1; r++) {
      for (let c = i0; c < r; c++) subtractRowRange(p, n, r, c, q[r * n + c], 0, n);
    }
  }
  // U X = Y, blocks going up: the finished rows below, then the block's triangle.
  for (let i1 = n; i1 > 0; i1 -= PANEL) {
    const i0 = Math.max(0, i1 - PANEL);
    multiplyAccumulate(q, p, p, n, i0, i1, i1, n, 0, n, -1);
    for (let r = i1 - 1; r >= i0; r--) {
      for (let c = r + 1; c < i1; c++) subtractRowRange(p, n, r, c, q[r * n + c], 0, n);
      scaleRow(p, n, r, 1 / q[r * n + r]);
    }
  }
  return true;
}

/** Row `target` -= factor * row `source`, over columns [from, to). */
function subtractRowRange(p: Float64Array, n: number, target: number, source: number, factor: number, from: number, to: number): void {
  if (factor === 0) return;
  const rowT = target * n;
  const rowS = source * n;
  for (let j = from; j < to; j++) p[rowT + j] -= factor * p[rowS + j];
}

function scaleRow(p: Float64Array, n: number, row: number, factor: number): void {
  const start = row * n;
  for (let j = 0; j < n; j++) p[start + j] *= factor;
}

function swapRows(a: Float64Array, r: number, s: number, n: number): void {
  const rowR = r * n;
  const rowS = s * n;
  for (let j = 0; j < n; j++) {
    const t = a[rowR + j];
    a[rowR + j] = a[rowS + j];
    a[rowS + j] = t;
  }
}
