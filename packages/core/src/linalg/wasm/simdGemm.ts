import { javascriptProducts, type DenseProducts } from '../denseProducts.js';
import { GEMM_WASM_HEX } from './gemmModule.js';

/**
 * The WebAssembly SIMD kernels of gemm.wat, bound to one WebAssembly.Memory.
 * Browser-safe: the module's bytes are embedded (gemmModule.ts) and compiled
 * synchronously (1.4 kB, under the 4 kB that browsers allow on a main thread).
 */

/** The few parts of the WebAssembly JS API used here (the package's lib has no DOM types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
}
type KernelExport = (m: number, n: number, k: number, a: number, ars: number, acs: number, b: number, ldb: number, c: number, ldc: number) => void;

const wasmApi: WasmApi | undefined = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index++) bytes[index] = parseInt(hex.slice(2 * index, 2 * index + 2), 16);
  return bytes;
}

let compiled: object | null | undefined;

/**
 * The compiled kernel module, or null where WebAssembly or its SIMD proposal is
 * missing (or compiling is forbidden): validating the kernel module itself is the
 * feature test (it fails exactly when an engine cannot run these v128 instructions).
 */
function kernelModule(): object | null {
  if (compiled === undefined) {
    const bytes = hexBytes(GEMM_WASM_HEX);
    try {
      compiled = wasmApi !== undefined && wasmApi.validate(bytes) ? new wasmApi.Module(bytes) : null;
    } catch {
      // A page whose Content-Security-Policy forbids compiling WebAssembly: the JavaScript kernels.
      compiled = null;
    }
  }
  return compiled;
}

/** Whether this engine runs the WebAssembly SIMD kernels. */
export function simdAvailable(): boolean {
  return kernelModule() !== null;
}

/** A fixed-size memory of `bytes` bytes (rounded up to 64 KiB pages), never grown, so views into it stay valid. */
export function createWasmMemory(bytes: number): WasmMemory {
  if (wasmApi === undefined) throw new Error('createWasmMemory: WebAssembly is not available');
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  return new wasmApi.Memory({ initial: pages, maximum: pages });
}

/**
 * The products on `memory`'s buffers through the SIMD kernels. An operand that
 * is not a view of this memory sends that call to the JavaScript kernels,
 * which give the same bits (denseProducts.ts), only slower. Sizes of 0 do nothing.
 */
export function createSimdProducts(memory: WasmMemory): DenseProducts {
  const module = kernelModule();
  if (module === null || wasmApi === undefined) throw new Error('createSimdProducts: WebAssembly SIMD is not available');
  const { exports } = new wasmApi.Instance(module, { env: { memory } });
  const stridedA = exports.gemmStridedA as KernelExport;
  const transposedB = exports.gemmTransposedB as KernelExport;
  const buffer = memory.buffer;
  const inside = (a: Float64Array, b: Float64Array, c: Float64Array) => a.buffer === buffer && b.buffer === buffer && c.buffer === buffer;
  return Object.freeze({
    kernel: 'simd',
    gemm(m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc) {
      if (m <= 0 || n <= 0 || k <= 0) return;
      if (!inside(a, b, c)) return javascriptProducts.gemm(m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
      stridedA(m, n, k, a.byteOffset + 8 * aOffset, 8 * lda, 8, b.byteOffset + 8 * bOffset, 8 * ldb, c.byteOffset + 8 * cOffset, 8 * ldc);
    },
    gemmTransposedA(m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc) {
      if (m <= 0 || n <= 0 || k <= 0) return;
      if (!inside(a, b, c)) return javascriptProducts.gemmTransposedA(m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
      stridedA(m, n, k, a.byteOffset + 8 * aOffset, 8, 8 * lda, b.byteOffset + 8 * bOffset, 8 * ldb, c.byteOffset + 8 * cOffset, 8 * ldc);
    },
    gemmTransposedB(m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc) {
      if (m <= 0 || n <= 0 || k <= 0) return;
      if (!inside(a, b, c)) return javascriptProducts.gemmTransposedB(m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
      transposedB(m, n, k, a.byteOffset + 8 * aOffset, 8 * lda, 8, b.byteOffset + 8 * bOffset, 8 * ldb, c.byteOffset + 8 * cOffset, 8 * ldc);
    },
  } satisfies DenseProducts);
}
