/**
 * Dense kernels on row-major Float64Array buffers for the matrix exponential
 * (model.md §11). ml-matrix's mmul goes through one array per row and is several
 * times slower on 500 x 500 products, which dominate expm.
 */

/**
 * out = a * b for n x n row-major matrices; `out` must not alias `a` or `b`.
 * i-k-j order blocked over two rows of `a` and four of `b`: each pass over a row
 * of `b` feeds two output rows, and each load/store of `out` carries four
 * multiply-adds, which roughly quadruples throughput over the plain i-k-j loop.
 */
export function multiplySquare(a: Float64Array, b: Float64Array, out: Float64Array, n: number): void {
  out.fill(0);
  const kEnd = n - (n % 4);
  const iEnd = n - (n % 2);
  let i = 0;
  for (; i < iEnd; i += 2) {
    const row0 = i * n;
    const row1 = row0 + n;
    let k = 0;
    for (; k < kEnd; k += 4) {
      const a00 = a[row0 + k];
      const a01 = a[row0 + k + 1];
      const a02 = a[row0 + k + 2];
      const a03 = a[row0 + k + 3];
      const a10 = a[row1 + k];
      const a11 = a[row1 + k + 1];
      const a12 = a[row1 + k + 2];
      const a13 = a[row1 + k + 3];
      const b0 = k * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        const x0 = b[b0 + j];
        const x1 = b[b1 + j];
        const x2 = b[b2 + j];
        const x3 = b[b3 + j];
        out[row0 + j] += a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
        out[row1 + j] += a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
      }
    }
    for (; k < n; k++) {
      const a0 = a[row0 + k];
      const a1 = a[row1 + k];
      const bk = k * n;
      for (let j = 0; j < n; j++) {
        const x = b[bk + j];
        out[row0 + j] += a0 * x;
        out[row1 + j] += a1 * x;
      }
    }
  }
  for (; i < n; i++) {
    const row = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[row + k];
      const bk = k * n;
      for (let j = 0; j < n; j++) out[row + j] += aik * b[bk + j];
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

/**
 * Solves q X = p in place: `q` is overwritten by its LU factors (partial
 * pivoting) and `p` by X. Returns false when a pivot is exactly zero (q
 * singular). The factorisation is right-looking by rows; the two triangular
 * solves are left-looking, each row of X accumulating four rows of X at a time
 * (as in {@link multiplySquare}), since with n right-hand sides they cost three
 * times the factorisation.
 */
export function solveInPlace(q: Float64Array, p: Float64Array, n: number): boolean {
  for (let k = 0; k < n; k++) {
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
      swapRows(q, k, pivot, n);
      swapRows(p, k, pivot, n);
    }
    const rowK = k * n;
    const inverse = 1 / q[rowK + k];
    for (let i = k + 1; i < n; i++) {
      const rowI = i * n;
      const factor = q[rowI + k] * inverse;
      q[rowI + k] = factor;
      if (factor === 0) continue;
      for (let j = k + 1; j < n; j++) q[rowI + j] -= factor * q[rowK + j];
    }
  }
  // L Y = P p: row i of Y is p_i - sum_{k<i} L_ik Y_k. Rows go in pairs sharing
  // the pass over the finished rows; the second then takes the first's term.
  let i = 0;
  for (; i + 1 < n; i += 2) {
    subtractCombinationPair(q, p, n, i, i + 1, 0, i);
    subtractRow(p, n, i + 1, i, q[(i + 1) * n + i]);
  }
  if (i < n) subtractCombinationPair(q, p, n, i, i, 0, i);
  // U X = Y: row i of X is (Y_i - sum_{k>i} U_ik X_k) / U_ii, pairs going up.
  i = n - 1;
  for (; i >= 1; i -= 2) {
    subtractCombinationPair(q, p, n, i, i - 1, i + 1, n);
    scaleRow(p, n, i, 1 / q[i * n + i]);
    subtractRow(p, n, i - 1, i, q[(i - 1) * n + i]);
    scaleRow(p, n, i - 1, 1 / q[(i - 1) * n + i - 1]);
  }
  if (i === 0) {
    subtractCombinationPair(q, p, n, 0, 0, 1, n);
    scaleRow(p, n, 0, 1 / q[0]);
  }
  return true;
}

function subtractRow(p: Float64Array, n: number, target: number, source: number, factor: number): void {
  if (factor === 0) return;
  const rowT = target * n;
  const rowS = source * n;
  for (let j = 0; j < n; j++) p[rowT + j] -= factor * p[rowS + j];
}

function scaleRow(p: Float64Array, n: number, row: number, factor: number): void {
  const start = row * n;
  for (let j = 0; j < n; j++) p[start + j] *= factor;
}

/**
 * p_a -= sum_{k in [from, to)} q_ak p_k and the same for row b (b may equal a,
 * then only once): four rows of p per pass, feeding two output rows, as in
 * {@link multiplySquare}.
 */
function subtractCombinationPair(q: Float64Array, p: Float64Array, n: number, a: number, b: number, from: number, to: number): void {
  if (a === b) {
    subtractCombination(q, p, n, a, from, to);
    return;
  }
  const rowA = a * n;
  const rowB = b * n;
  let k = from;
  for (; k + 3 < to; k += 4) {
    const a0 = q[rowA + k];
    const a1 = q[rowA + k + 1];
    const a2 = q[rowA + k + 2];
    const a3 = q[rowA + k + 3];
    const b0 = q[rowB + k];
    const b1 = q[rowB + k + 1];
    const b2 = q[rowB + k + 2];
    const b3 = q[rowB + k + 3];
    const r0 = k * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    for (let j = 0; j < n; j++) {
      const x0 = p[r0 + j];
      const x1 = p[r1 + j];
      const x2 = p[r2 + j];
      const x3 = p[r3 + j];
      p[rowA + j] -= a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
      p[rowB + j] -= b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
    }
  }
  for (; k < to; k++) {
    const ca = q[rowA + k];
    const cb = q[rowB + k];
    const r = k * n;
    for (let j = 0; j < n; j++) {
      const x = p[r + j];
      p[rowA + j] -= ca * x;
      p[rowB + j] -= cb * x;
    }
  }
}

/** p_i -= sum_{k in [from, to)} q_ik p_k, four rows of p per pass over p_i. */
function subtractCombination(q: Float64Array, p: Float64Array, n: number, i: number, from: number, to: number): void {
  const rowI = i * n;
  let k = from;
  for (; k + 3 < to; k += 4) {
    const c0 = q[rowI + k];
    const c1 = q[rowI + k + 1];
    const c2 = q[rowI + k + 2];
    const c3 = q[rowI + k + 3];
    const r0 = k * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    for (let j = 0; j < n; j++) p[rowI + j] -= c0 * p[r0 + j] + c1 * p[r1 + j] + c2 * p[r2 + j] + c3 * p[r3 + j];
  }
  for (; k < to; k++) {
    const c = q[rowI + k];
    if (c === 0) continue;
    const r = k * n;
    for (let j = 0; j < n; j++) p[rowI + j] -= c * p[r + j];
  }
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
