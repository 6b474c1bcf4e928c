import { InvalidInputError } from '../errors.js';
import { javascriptProducts, type DenseProducts, type ProductKernel } from './denseProducts.js';
import { createSimdProducts, createWasmMemory, simdAvailable } from './wasm/simdGemm.js';

/**
 * One block of memory for the hot buffers of a computation, handed out as
 * Float64Array views by bump allocation, with the dense products that run on
 * it. With the `simd` kernel the block is a WebAssembly.Memory, so the SIMD
 * kernels read and write the views in place (no copy per product); with
 * `javascript` it is a plain ArrayBuffer. The size is fixed at creation: a
 * WebAssembly memory that grew would detach every view handed out.
 */
export interface Float64Arena {
  readonly kernel: ProductKernel;
  readonly products: DenseProducts;
  /** Capacity in float64 entries. */
  readonly capacity: number;
  /** A zero-filled view of `length` entries, 16-byte aligned (one v128); throws past the capacity. */
  allocate(length: number): Float64Array;
  /** The allocation point, for {@link Float64Arena.release}. */
  mark(): number;
  /** Takes back everything allocated since `mark`: scratch space of one call; views from then on must not be used. */
  release(mark: number): void;
}

/** `auto`: `simd` where the engine runs WebAssembly SIMD, else `javascript`. */
export const ARENA_KERNELS = ['auto', 'simd', 'javascript'] as const;
export type ArenaKernel = (typeof ARENA_KERNELS)[number];

/** Entries `allocate` takes for a view of `length` (rounded up to an even count, for the alignment). */
export function arenaLength(length: number): number {
  return length + (length % 2);
}

/** The kernel `auto` resolves to on this engine. */
export function resolveArenaKernel(kernel: ArenaKernel = 'auto'): ProductKernel {
  switch (kernel) {
    case 'auto':
      return simdAvailable() ? 'simd' : 'javascript';
    case 'simd':
      if (!simdAvailable()) throw new InvalidInputError('kernel', 'invalid `kernel`: simd needs WebAssembly SIMD, which this engine lacks; use auto or javascript');
      return 'simd';
    case 'javascript':
      return 'javascript';
    default:
      throw new InvalidInputError('kernel', `invalid \`kernel\`: must be one of ${ARENA_KERNELS.join(', ')}, got ${String(kernel)}`);
  }
}

/** An arena of `capacity` float64 entries (sum {@link arenaLength} over the views it will hold). */
export function createFloat64Arena(capacity: number, kernel: ArenaKernel = 'auto'): Float64Arena {
  if (!Number.isInteger(capacity) || capacity < 0 || capacity > 2 ** 27) {
    throw new InvalidInputError('capacity', `invalid \`capacity\`: must be an integer in [0, ${2 ** 27}] (float64 entries), got ${capacity}`);
  }
  const resolved = resolveArenaKernel(kernel);
  let buffer: ArrayBuffer;
  let products: DenseProducts;
  if (resolved === 'simd') {
    const memory = createWasmMemory(8 * capacity);
    buffer = memory.buffer;
    products = createSimdProducts(memory);
  } else {
    buffer = new ArrayBuffer(8 * capacity);
    products = javascriptProducts;
  }
  let used = 0;
  /** Entries below this may hold old values (from released views). */
  let dirty = 0;
  return {
    kernel: resolved,
    products,
    capacity,
    allocate(length) {
      const size = arenaLength(length);
      if (used + size > capacity) throw new RangeError(`Float64Arena: ${length} entries requested with ${capacity - used} of ${capacity} left`);
      const view = new Float64Array(buffer, 8 * used, length);
      // Released space comes back dirty; fresh space is zero already.
      if (used < dirty) view.fill(0);
      used += size;
      return view;
    },
    mark() {
      return used;
    },
    release(mark) {
      if (!Number.isInteger(mark) || mark < 0 || mark > used) throw new RangeError(`Float64Arena: cannot release to ${mark} with ${used} entries in use`);
      dirty = Math.max(dirty, used);
      used = mark;
    },
  };
}
