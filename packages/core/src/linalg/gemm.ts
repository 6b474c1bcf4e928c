/**
 * General dense products on row-major Float64Array buffers with leading
 * dimensions (BLAS's dgemm): c += a b, c += a^T b and c += a b^T, each operand
 * stored at an offset with its own row stride. Rectangular products of these
 * shapes are the work of backpropagation through time (a batch of hidden states
 * times the recurrent matrix, model.md §12); the square kernels of
 * denseKernels.ts serve expm. These are the JavaScript kernels; wasm/gemm.wat
 * holds the WebAssembly SIMD ones, and denseProducts.ts chooses.
 *
 * Rounding order, shared with the SIMD kernels so both give the same bits:
 * every entry is summed as c_ij + a_i0 b_0j + a_i1 b_1j + ... from left to
 * right, one product and one add per term (JavaScript never fuses them).
 *
 * The blocking is that of {@link multiplyAccumulate}: four rows of a by four
 * rows of b (i-k-j order), the 16 coefficients of a in locals, so each pass
 * over j loads four entries of b and loads and stores four of c for 32 flops.
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
  gemmStridedAAccumulate(m, n, k, a, aOffset, lda, 1, b, bOffset, ldb, c, cOffset, ldc);
}

/**
 * c += a^T b for a stored k x m (a^T is m x k): c[cOffset + i ldc + j] +=
 * sum_l a[aOffset + l lda + i] b[bOffset + l ldb + j]. No transposed copy: a is
 * read with a column stride, which only the 16 coefficient loads per block see.
 */
export function gemmTransposedAAccumulate(
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
  gemmStridedAAccumulate(m, n, k, a, aOffset, 1, lda, b, bOffset, ldb, c, cOffset, ldc);
}

/**
 * c += a' b with a'(i, l) = a[aOffset + i rowStride + l colStride] (m x k), the
 * kernel behind {@link gemmAccumulate} and {@link gemmTransposedAAccumulate}.
 */
export function gemmStridedAAccumulate(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  aOffset: number,
  rowStride: number,
  colStride: number,
  b: Float64Array,
  bOffset: number,
  ldb: number,
  c: Float64Array,
  cOffset: number,
  ldc: number,
): void {
  if (m <= 0 || n <= 0 || k <= 0) return;
  const kEnd = k - (k % 4);
  const s1 = colStride;
  const s2 = 2 * colStride;
  const s3 = 3 * colStride;
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const a0 = aOffset + i * rowStride;
    const a1 = a0 + rowStride;
    const a2 = a1 + rowStride;
    const a3 = a2 + rowStride;
    const c0 = cOffset + i * ldc;
    const c1 = c0 + ldc;
    const c2 = c1 + ldc;
    const c3 = c2 + ldc;
    let l = 0;
    for (; l < kEnd; l += 4) {
      const at = l * colStride;
      const p00 = a[a0 + at];
      const p01 = a[a0 + at + s1];
      const p02 = a[a0 + at + s2];
      const p03 = a[a0 + at + s3];
      const p10 = a[a1 + at];
      const p11 = a[a1 + at + s1];
      const p12 = a[a1 + at + s2];
      const p13 = a[a1 + at + s3];
      const p20 = a[a2 + at];
      const p21 = a[a2 + at + s1];
      const p22 = a[a2 + at + s2];
      const p23 = a[a2 + at + s3];
      const p30 = a[a3 + at];
      const p31 = a[a3 + at + s1];
      const p32 = a[a3 + at + s2];
      const p33 = a[a3 + at + s3];
      const b0 = bOffset + l * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      for (let j = 0; j < n; j++) {
        const x0 = b[b0 + j];
        const x1 = b[b1 + j];
        const x2 = b[b2 + j];
        const x3 = b[b3 + j];
        // Left to right from c: the rounding order of the file comment.
        c[c0 + j] = c[c0 + j] + p00 * x0 + p01 * x1 + p02 * x2 + p03 * x3;
        c[c1 + j] = c[c1 + j] + p10 * x0 + p11 * x1 + p12 * x2 + p13 * x3;
        c[c2 + j] = c[c2 + j] + p20 * x0 + p21 * x1 + p22 * x2 + p23 * x3;
        c[c3 + j] = c[c3 + j] + p30 * x0 + p31 * x1 + p32 * x2 + p33 * x3;
      }
    }
    for (; l < k; l++) {
      const at = l * colStride;
      const q0 = a[a0 + at];
      const q1 = a[a1 + at];
      const q2 = a[a2 + at];
      const q3 = a[a3 + at];
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
    const ar = aOffset + i * rowStride;
    const cr = cOffset + i * ldc;
    let l = 0;
    for (; l < kEnd; l += 4) {
      const at = ar + l * colStride;
      const q0 = a[at];
      const q1 = a[at + s1];
      const q2 = a[at + s2];
      const q3 = a[at + s3];
      const b0 = bOffset + l * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      for (let j = 0; j < n; j++) c[cr + j] = c[cr + j] + q0 * b[b0 + j] + q1 * b[b1 + j] + q2 * b[b2 + j] + q3 * b[b3 + j];
    }
    for (; l < k; l++) {
      const q = a[ar + l * colStride];
      const bl = bOffset + l * ldb;
      for (let j = 0; j < n; j++) c[cr + j] += q * b[bl + j];
    }
  }
}

/**
 * c += a b^T for b stored n x k: c[cOffset + i ldc + j] += sum_l
 * a[aOffset + i lda + l] b[bOffset + j ldb + l]. b is copied transposed into
 * `scratch` (at least k n entries; O(n k) against the product's O(m n k)) and
 * the product runs as {@link gemmAccumulate}, in the same rounding order.
 */
export function gemmTransposedBAccumulate(
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
  scratch: Float64Array,
): void {
  if (m <= 0 || n <= 0 || k <= 0) return;
  for (let j = 0; j < n; j++) {
    const row = bOffset + j * ldb;
    for (let l = 0; l < k; l++) scratch[l * n + j] = b[row + l];
  }
  gemmStridedAAccumulate(m, n, k, a, aOffset, lda, 1, scratch, 0, n, c, cOffset, ldc);
}
