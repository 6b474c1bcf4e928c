/**
 * Scaling by a power of two, the exact way to bring a matrix to unit size before
 * an iteration (issue 17, class 3): multiplying by 2^k changes only exponents,
 * so in the normal range it rounds nothing and every scale-equivariant step of
 * the iteration sees the same digits at any magnitude of the input. Without it,
 * entries near 1e160 overflow in the QR iteration's squares and entries near
 * 1e-200 underflow in the modularity matrix.
 */

/**
 * The exponent k with max |x| * 2^-k in [1, 2) (0 for an all-zero array, or one
 * holding non-finite values, which the callers have rejected before).
 */
export function unitScaleExponent(values: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) {
    const value = Math.abs(values[i]);
    if (value > largest) largest = value;
  }
  if (largest === 0 || !Number.isFinite(largest)) return 0;
  let exponent = Math.floor(Math.log2(largest));
  // log2 rounds near powers of two; settle the exponent exactly.
  while (timesPowerOfTwo(largest, -exponent) >= 2) exponent++;
  while (timesPowerOfTwo(largest, -exponent) < 1) exponent--;
  return exponent;
}

/** x * 2^k without overflow or underflow of 2^k itself (|k| up to about 2100). */
export function timesPowerOfTwo(x: number, k: number): number {
  let result = x;
  let rest = k;
  while (rest > 1000) {
    result *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    result *= 2 ** -1000;
    rest += 1000;
  }
  return result * 2 ** rest;
}

/** A copy of `values` times 2^k. */
export function scaledByPowerOfTwo(values: ArrayLike<number>, k: number): Float64Array {
  const out = Float64Array.from(values);
  if (k === 0) return out;
  for (let i = 0; i < out.length; i++) out[i] = timesPowerOfTwo(out[i], k);
  return out;
}
