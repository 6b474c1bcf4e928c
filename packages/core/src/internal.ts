// Internals other @maxent packages build on (`@maxent/core/internal`): the
// unchecked computations behind the public linear algebra, for callers that
// validate once at their own boundary, and the dense kernels on raw row-major
// buffers. Not part of the public API: may change in any release.
export { assertSquareFinite, assertSymmetric } from './linalg/squareMatrix.js';
export { multiplySquare, multiplyAccumulate, oneNorm, solveInPlace } from './linalg/denseKernels.js';
export { expmOfValidated, expmPlan } from './linalg/expm.js';
export { expmFrechetOfValidated, expmFrechetScratchLength, EXPM_FRECHET_SCRATCH_MATRICES } from './linalg/expmFrechet.js';
export type { ExpmFrechetMemory } from './linalg/expmFrechet.js';
export { gemmAccumulate, gemmTransposedAAccumulate, gemmTransposedBAccumulate } from './linalg/gemm.js';
export { javascriptProducts, PRODUCT_KERNELS } from './linalg/denseProducts.js';
export type { DenseProducts, ProductKernel } from './linalg/denseProducts.js';
export { createFloat64Arena, arenaLength, resolveArenaKernel, ARENA_KERNELS } from './linalg/float64Arena.js';
export type { Float64Arena, ArenaKernel } from './linalg/float64Arena.js';
export { simdAvailable } from './linalg/wasm/simdGemm.js';
export { eigenvaluesOfValidated, denseEigenvalues } from './linalg/eigenvalues.js';
export { leadingSymmetricEigenpairOfValidated } from './linalg/lanczos.js';
export { scaledByPowerOfTwo, timesPowerOfTwo, unitScaleExponent } from './linalg/powerOfTwoScaling.js';
export { tridiagonalEigenvalues } from './linalg/tridiagonal.js';
export { createBoundedMemo, type BoundedMemo } from './boundedMemo.js';
export { crc32 } from './crc32.js';
