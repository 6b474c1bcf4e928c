/**
 * Autocovariance of a series, acov[t] = (1/n) sum_{i < n-t} (x_i - m)(x_{i+t} - m)
 * for t = 0..n-1 (the biased estimator ArViZ and Stan use), by FFT: the series is
 * zero-padded to a power of two >= 2n so the circular correlation equals the
 * linear one, and the power spectrum transformed back.
 */
export function autocovariance(series: ArrayLike<number>): Float64Array {
  const n = series.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += series[i];
  mean /= n;
  let size = 1;
  while (size < 2 * n) size *= 2;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < n; i++) re[i] = series[i] - mean;
  fftInPlace(re, im, false);
  for (let i = 0; i < size; i++) {
    re[i] = re[i] * re[i] + im[i] * im[i];
    im[i] = 0;
  }
  fftInPlace(re, im, true);
  // The inverse transform is unscaled: divide by `size`, then by n for the estimator.
  for (let t = 0; t < n; t++) out[t] = re[t] / size / n;
  return out;
}

/** Iterative radix-2 Cooley-Tukey FFT; length must be a power of two. `inverse` flips the sign, unscaled. */
export function fftInPlace(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let tmp = re[i];
      re[i] = re[j];
      re[j] = tmp;
      tmp = im[i];
      im[i] = im[j];
      im[j] = tmp;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let length = 2; length <= n; length <<= 1) {
    const angle = (sign * 2 * Math.PI) / length;
    const half = length >> 1;
    for (let k = 0; k < half; k++) {
      const wr = Math.cos(angle * k);
      const wi = Math.sin(angle * k);
      for (let start = 0; start < n; start += length) {
        const a = start + k;
        const b = a + half;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}
