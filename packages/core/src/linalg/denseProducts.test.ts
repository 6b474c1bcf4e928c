import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { createRng } from '../rng.js';
import { javascriptProducts, type DenseProducts } from './denseProducts.js';
import { createFloat64Arena, resolveArenaKernel } from './float64Arena.js';
import { simdAvailable } from './wasm/simdGemm.js';

// Every kernel against a plain triple loop that sums each entry as
// c_ij + a_i0 b_0j + a_i1 b_1j + ... left to right: the rounding order all
// kernels promise (gemm.ts), so the comparison is exact, bit for bit. Operands
// sit at odd offsets in buffers with padded (odd) row strides, and guard entries
// around c must come back untouched.

type Variant = 'gemm' | 'gemmTransposedA' | 'gemmTransposedB';
const VARIANTS: readonly Variant[] = ['gemm', 'gemmTransposedA', 'gemmTransposedB'];

/** Where a(i, l) and b(l, j) of the product sit, for a variant and leading dimensions. */
function layout(variant: Variant, lda: number, ldb: number) {
  return {
    a: (i: number, l: number) => (variant === 'gemmTransposedA' ? l * lda + i : i * lda + l),
    b: (l: number, j: number) => (variant === 'gemmTransposedB' ? j * ldb + l : l * ldb + j),
  };
}

function naiveSequential(variant: Variant, m: number, n: number, k: number, a: Float64Array, aOffset: number, lda: number, b: Float64Array, bOffset: number, ldb: number, c: Float64Array, cOffset: number, ldc: number): void {
  const at = layout(variant, lda, ldb);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = c[cOffset + i * ldc + j];
      for (let l = 0; l < k; l++) sum += a[aOffset + at.a(i, l)] * b[bOffset + at.b(l, j)];
      c[cOffset + i * ldc + j] = sum;
    }
  }
}

const SHAPES: readonly (readonly [number, number, number])[] = [
  [1, 1, 1],
  [3, 5, 1],
  [5, 3, 7],
  [4, 4, 4],
  [1, 129, 3],
  [129, 1, 5],
  [127, 128, 129],
  [128, 100, 100],
  [129, 127, 128],
  [8, 100, 128],
];

interface Case {
  readonly products: DenseProducts;
  readonly allocate: (length: number) => Float64Array;
}

function kernels(): readonly (readonly [string, () => Case])[] {
  const inArena = (kernel: 'simd' | 'javascript') => () => {
    const arena = createFloat64Arena(400_000, kernel);
    return { products: arena.products, allocate: (length: number) => arena.allocate(length) };
  };
  return [
    ['simd (in a wasm arena)', inArena('simd')],
    ['javascript (in an arena)', inArena('javascript')],
    ['javascript (plain arrays)', () => ({ products: javascriptProducts, allocate: (length: number) => new Float64Array(length) })],
  ];
}

describe('DenseProducts', () => {
  it('this engine (Node 20) runs WebAssembly SIMD, so the simd cases below run the wasm kernels', () => {
    expect(simdAvailable()).toBe(true);
    expect(resolveArenaKernel('auto')).toBe('simd');
    expect(createFloat64Arena(4).products.kernel).toBe('simd');
  });

  describe.each(kernels())('%s', (_, makeCase) => {
    const rng = createRng('dense-products');
    it.each(VARIANTS.flatMap((variant) => SHAPES.map((shape) => [variant, ...shape] as const)))('%s m=%i n=%i k=%i equals the sequential triple loop bit for bit', (variant, m, n, k) => {
      const { products, allocate } = makeCase();
      // Stored shapes of a and b, padded by an odd number of columns, at odd offsets.
      const [aRows, aCols] = variant === 'gemmTransposedA' ? [k, m] : [m, k];
      const [bRows, bCols] = variant === 'gemmTransposedB' ? [n, k] : [k, n];
      const lda = aCols + 3;
      const ldb = bCols + 1;
      const ldc = n + 5;
      const aOffset = 7;
      const bOffset = 1;
      const cOffset = 3;
      const a = allocate(aOffset + aRows * lda);
      const b = allocate(bOffset + bRows * ldb);
      const c = allocate(cOffset + m * ldc + 4);
      for (const buffer of [a, b, c]) for (let index = 0; index < buffer.length; index++) buffer[index] = rng.normal();
      const expected = Float64Array.from(c);
      naiveSequential(variant, m, n, k, a, aOffset, lda, b, bOffset, ldb, expected, cOffset, ldc);
      products[variant](m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
      // Exact: same bits everywhere, guard entries and row padding included.
      expect(Array.from(c)).toEqual(Array.from(expected));
    });

    it.each(VARIANTS)('%s: a product known in closed form, exact in float64 (m=129 n=127 k=128)', (variant) => {
      // a(i, l) = i + l, b(l, j) = l j: c_ij = j (i S1 + S2) with S1 = sum l, S2 = sum l^2, all small integers.
      const { products, allocate } = makeCase();
      const [m, n, k] = [129, 127, 128];
      const lda = variant === 'gemmTransposedA' ? m : k;
      const ldb = variant === 'gemmTransposedB' ? k : n;
      const at = layout(variant, lda, ldb);
      const a = allocate(m * k);
      const b = allocate(k * n);
      const c = allocate(m * n);
      for (let i = 0; i < m; i++) for (let l = 0; l < k; l++) a[at.a(i, l)] = i + l;
      for (let l = 0; l < k; l++) for (let j = 0; j < n; j++) b[at.b(l, j)] = l * j;
      products[variant](m, n, k, a, 0, lda, b, 0, ldb, c, 0, n);
      const s1 = (k * (k - 1)) / 2;
      const s2 = ((k - 1) * k * (2 * k - 1)) / 6;
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) if (c[i * n + j] !== j * (i * s1 + s2)) expect.fail(`c[${i}][${j}] = ${c[i * n + j]}, expected ${j * (i * s1 + s2)}`);
    });

    it('does nothing for empty sizes', () => {
      const { products, allocate } = makeCase();
      const c = allocate(4).fill(2);
      const a = allocate(4).fill(1);
      for (const variant of VARIANTS) {
        products[variant](0, 2, 2, a, 0, 2, a, 0, 2, c, 0, 2);
        products[variant](2, 2, 0, a, 0, 2, a, 0, 2, c, 0, 2);
      }
      expect(Array.from(c)).toEqual([2, 2, 2, 2]);
    });
  });

  it('the simd products fall back to the same bits for operands outside their memory', () => {
    const arena = createFloat64Arena(1000, 'simd');
    const rng = createRng('outside');
    const inside = arena.allocate(12 * 12);
    const outside = new Float64Array(12 * 12);
    for (let index = 0; index < inside.length; index++) inside[index] = outside[index] = rng.normal();
    const b = Float64Array.from({ length: 12 * 12 }, () => rng.normal());
    const viaSimd = arena.allocate(12 * 12);
    const viaFallback = new Float64Array(12 * 12);
    arena.products.gemm(12, 12, 12, inside, 0, 12, Float64Array.from(b), 0, 12, viaSimd, 0, 12);
    arena.products.gemm(12, 12, 12, outside, 0, 12, b, 0, 12, viaFallback, 0, 12);
    expect(Array.from(viaFallback)).toEqual(Array.from(viaSimd));
  });
});

describe('createFloat64Arena', () => {
  it('hands out zeroed, 16-byte aligned views in order and refuses past its capacity', () => {
    for (const kernel of ['simd', 'javascript'] as const) {
      const arena = createFloat64Arena(10, kernel);
      expect(arena.kernel).toBe(kernel);
      const first = arena.allocate(3);
      const second = arena.allocate(4);
      expect(first.byteOffset).toBe(0);
      expect(second.byteOffset).toBe(32);
      expect(second.buffer).toBe(first.buffer);
      expect(Array.from(second)).toEqual([0, 0, 0, 0]);
      expect(() => arena.allocate(3)).toThrow(/3 entries requested with 2 of 10 left/);
      arena.allocate(2);
    }
  });

  it('rejects a bad capacity and an unknown kernel, naming the field', () => {
    expect(() => createFloat64Arena(-1)).toThrow(InvalidInputError);
    expect(() => createFloat64Arena(1.5)).toThrow(/invalid `capacity`: must be an integer/);
    expect(() => createFloat64Arena(4, 'gpu' as never)).toThrow(/invalid `kernel`: must be one of auto, simd, javascript, got gpu/);
  });
});
