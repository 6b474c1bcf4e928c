/**
 * General dense products on row-major Float64Array buffers with leading
 * dimensions (BLAS's dgemm without the transposes): c += a b for an m x k
 * matrix a and a k x n matrix b, each stored at an offset with its own row
 * stride. Rectangular products of this shape are the work of backpropagation
 * through time (a batch of hidden states times the recurrent matrix, model.md
 * §12); the square kernels of denseKernels.ts serve expm.
 *
 * The blocking is that of {@link multiplyAccumulate}: four rows of a by four
 * rows of b (i-k-j order), the 16 coefficients of a in locals, so each pass
 * over j loads four entries of b and loads and stores four of c for 32 flops.
 * A transposed operand is copied once by {@link transposeInto} rather than read
 * with a stride: the copy is O(size) against the product's O(size * k).
 */

/**
 * c[cOffset + i ldc + j] += sum_l a[aOffset + i lda + l] b[bOffset + l ldb + j]
 * for i < m, j < n, l < k. `c` must not overlap the parts of `a` or `b` read.
 */
export function gemmAccumulate(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  aOffset: number,
  lda: number,
  b: Float64Array,
  bOffset: number,
  ldb: number,
  c: Float64Array,
  cOffset: number,
  ldc: number,
): void {
  if (m <= 0 || n <= 0 || k <= 0) return;
  const kEnd = k - (k % 4);
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const a0 = aOffset + i * lda;
    const a1 = a0 + lda;
    const a2 = a1 + lda;
    const a3 = a2 + lda;
    const c0 = cOffset + i * ldc;
    const c1 = c0 + ldc;
    const c2 = c1 + ldc;
    const c3 = c2 + ldc;
    let l = 0;
    for (; l < kEnd; l += 4) {
      const p00 = a[a0 + l];
      const p01 = a[a0 + l + 1];
      const p02 = a[a0 + l + 2];
      const p03 = a[a0 + l + 3];
      const p10 = a[a1 + l];
      const p11 = a[a1 + l + 1];
      const p12 = a[a1 + l + 2];
      const p13 = a[a1 + l + 3];
      const p20 = a[a2 + l];
      const p21 = a[a2 + l + 1];
      const p22 = a[a2 + l + 2];
      const p23 = a[a2 + l + 3];
      const p30 = a[a3 + l];
      const p31 = a[a3 + l + 1];
      const p32 = a[a3 + l + 2];
      const p33 = a[a3 + l + 3];
      const b0 = bOffset + l * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      for (let j = 0; j < n; j++) {
        const x0 = b[b0 + j];
        const x1 = b[b1 + j];
        const x2 = b[b2 + j];
        const x3 = b[b3 + j];
        c[c0 + j] += p00 * x0 + p01 * x1 + p02 * x2 + p03 * x3;
        c[c1 + j] += p10 * x0 + p11 * x1 + p12 * x2 + p13 * x3;
        c[c2 + j] += p20 * x0 + p21 * x1 + p22 * x2 + p23 * x3;
        c[c3 + j] += p30 * x0 + p31 * x1 + p32 * x2 + p33 * x3;
      }
    }
    for (; l < k; l++) {
      const q0 = a[a0 + l];
      const q1 = a[a1 + l];
      const q2 = a[a2 + l];
      const q3 = a[a3 + l];
      const bl = bOffset + l * ldb;
      for (let j = 0; j < n; j++) {
        const x = b[bl + j];
        c[c0 + j] += q0 * x;
        c[c1 + j] += q1 * x;
        c[c2 + j] += q2 * x;
        c[c3 + j] += q3 * x;
      }
    }
  }
  // Up to three leftover rows, one at a time, still four rows of b per pass.
  for (; i < m; i++) {
    const ar = aOffset + i * lda;
    const cr = cOffset + i * ldc;
    let l = 0;
    for (; l < kEnd; l += 4) {
      const q0 = a[ar + l];
      const q1 = a[ar + l + 1];
      const q2 = a[ar + l + 2];
      const q3 = a[ar + l + 3];
      const b0 = bOffset + l * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      for (let j = 0; j < n; j++) c[cr + j] += q0 * b[b0 + j] + q1 * b[b1 + j] + q2 * b[b2 + j] + q3 * b[b3 + j];
    }
    for (; l < k; l++) {
      const q = a[ar + l];
      const bl = bOffset + l * ldb;
      for (let j = 0; j < n; j++) c[cr + j] += q * b[bl + j];
    }
  }
}

/** out (cols x rows) = the transpose of a (rows x cols), both dense row-major; they must not overlap. */
export function transposeInto(a: Float64Array, rows: number, cols: number, out: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let j = 0; j < cols; j++) out[j * rows + i] = a[row + j];
  }
}
