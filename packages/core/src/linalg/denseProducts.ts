import { gemmAccumulate, gemmTransposedAAccumulate, gemmTransposedBAccumulate } from './gemm.js';

/**
 * The three dense products of backpropagation through time (model.md §12) on
 * row-major Float64Array operands with offsets and leading dimensions, behind
 * one interface so a caller can run them in JavaScript or in WebAssembly SIMD
 * (float64Arena.ts). Every implementation sums each entry in the order of
 * gemm.ts (c_ij, then the terms l = 0, 1, ... one by one), so they give the
 * same bits: the kernel is a matter of speed, never of results.
 */
export interface DenseProducts {
  /** Which kernels run the products when the operands allow it. */
  readonly kernel: ProductKernel;
  /** c (m x n) += a (m x k) b (k x n). */
  gemm(m: number, n: number, k: number, a: Float64Array, aOffset: number, lda: number, b: Float64Array, bOffset: number, ldb: number, c: Float64Array, cOffset: number, ldc: number): void;
  /** c (m x n) += a^T b with a stored k x m and b k x n. */
  gemmTransposedA(m: number, n: number, k: number, a: Float64Array, aOffset: number, lda: number, b: Float64Array, bOffset: number, ldb: number, c: Float64Array, cOffset: number, ldc: number): void;
  /** c (m x n) += a b^T with a stored m x k and b n x k. */
  gemmTransposedB(m: number, n: number, k: number, a: Float64Array, aOffset: number, lda: number, b: Float64Array, bOffset: number, ldb: number, c: Float64Array, cOffset: number, ldc: number): void;
}

/** `simd`: WebAssembly SIMD (f64x2) kernels on an arena's memory; `javascript`: the kernels of gemm.ts. */
export const PRODUCT_KERNELS = ['simd', 'javascript'] as const;
export type ProductKernel = (typeof PRODUCT_KERNELS)[number];

/**
 * The JavaScript kernels: the fallback where WebAssembly SIMD is missing, and
 * for operands outside an arena. a b^T copies b transposed into a scratch
 * buffer that grows to the largest b seen (calls never nest, so one suffices).
 */
export function createJavascriptProducts(): DenseProducts {
  let scratch = new Float64Array(0);
  return Object.freeze({
    kernel: 'javascript',
    gemm: gemmAccumulate,
    gemmTransposedA: gemmTransposedAAccumulate,
    gemmTransposedB(m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc) {
      if (scratch.length < n * k) scratch = new Float64Array(n * k);
      gemmTransposedBAccumulate(m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, scratch);
    },
  } satisfies DenseProducts);
}

/** One shared instance of {@link createJavascriptProducts}. */
export const javascriptProducts: DenseProducts = createJavascriptProducts();
