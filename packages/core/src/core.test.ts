import { describe, expect, it } from 'vitest';
import { expectAllClose } from '#testing';
import { createRng, decodeNpy, encodeNpy, erfc, normalCdf, restoreRng, truncatedNormal } from './index.js';

describe('normalCdf', () => {
  // Reference values of Phi from the closed form Phi(x) = erfc(-x/sqrt2)/2 tabulated by
  // Abramowitz & Stegun 26.2 (and erfc(3) = 2.209049699858544e-5, erfc(6) = 2.1519736712498913e-17).
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1, 0.15865525393145707],
    [1.96, 0.9750021048517795],
    [-3, 0.0013498980316301035],
  ])('Phi(%f) = %f', (x, expected) => {
    expectAllClose(normalCdf(x), expected, { rtol: 1e-13 });
  });
  it('erfc in the continued-fraction tail', () => {
    expectAllClose(erfc(3), 2.209049699858544e-5, { rtol: 1e-13 });
    expectAllClose(erfc(6), 2.1519736712498913e-17, { rtol: 1e-12 });
  });
  it('is continuous where the series hands over to the continued fraction', () => {
    expectAllClose(erfc(2.5 - 1e-12), erfc(2.5), { rtol: 1e-10 });
  });
});

describe('Rng', () => {
  it('same seed, same stream; restored state continues it', () => {
    const a = createRng(42);
    const b = createRng(42);
    a.normal();
    b.normal();
    const saved = a.state();
    const continued = restoreRng(saved);
    const next = [a.normal(), a.next(), a.normal()];
    expect([b.normal(), b.next(), b.normal()]).toEqual(next);
    expect([continued.normal(), continued.next(), continued.normal()]).toEqual(next);
    expect(createRng(43).next()).not.toBe(createRng(42).next());
  });

  it('normal draws have mean 0 and variance 1 within standard errors', () => {
    const rng = createRng('normal-test');
    const n = 200_000;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSquares += z * z;
    }
    const mean = sum / n;
    const variance = sumSquares / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });
});

describe('truncatedNormal', () => {
  // Mean of N(mu, s^2) truncated to (a, b): mu + s (pdf(alpha) - pdf(beta)) / (Phi(beta) - Phi(alpha)).
  const pdf = (x: number) => (Number.isFinite(x) ? Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI) : 0);
  it.each([
    [0, 1, 0, Infinity],
    [0, 1, -Infinity, 0],
    [0.3, 2, 0, Infinity],
    [-1, 1, 0, Infinity],
    [0, 1, 3, Infinity],
    [0, 1, -0.1, 0.2],
    [2, 0.5, -Infinity, 0],
  ])('mean of N(%f, %f^2) on (%f, %f)', (mean, std, lower, upper) => {
    const alpha = (lower - mean) / std;
    const beta = (upper - mean) / std;
    const mass = normalCdf(beta) - normalCdf(alpha);
    const expected = mean + (std * (pdf(alpha) - pdf(beta))) / mass;
    const rng = createRng(`trunc-${mean}-${lower}`);
    const n = 100_000;
    let sum = 0;
    let sumSquares = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = truncatedNormal(rng, mean, std, lower, upper);
      if (!(x > lower && x < upper)) outside++;
      sum += x;
      sumSquares += x * x;
    }
    expect(outside).toBe(0);
    const sampleMean = sum / n;
    const standardError = Math.sqrt((sumSquares / n - sampleMean * sampleMean) / n);
    expect(Math.abs(sampleMean - expected)).toBeLessThan(4.5 * standardError);
  });
});

describe('npy', () => {
  it('writes the version 1.0 header of the format spec byte for byte', () => {
    const bytes = encodeNpy(Float64Array.from([1, 2, 3, 4, 5, 6]), [2, 3]);
    const header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }";
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const headerLength = bytes[8] + 256 * bytes[9];
    expect((10 + headerLength) % 64).toBe(0);
    const text = new TextDecoder('latin1').decode(bytes.subarray(10, 10 + headerLength));
    expect(text).toBe(header + ' '.repeat(headerLength - header.length - 1) + '\n');
    expect(new Float64Array(bytes.slice(10 + headerLength).buffer)).toEqual(Float64Array.from([1, 2, 3, 4, 5, 6]));
  });
  it('round-trips and reads a 1-D shape', () => {
    const decoded = decodeNpy(encodeNpy(Float64Array.from([0.5, -2]), [2]));
    expect(decoded.shape).toEqual([2]);
    expect(Array.from(decoded.data)).toEqual([0.5, -2]);
  });
  it('refuses Fortran order and other dtypes, naming the field', () => {
    const bytes = encodeNpy(Float64Array.from([1, 2]), [1, 2]);
    const fortran = new TextDecoder('latin1').decode(bytes).replace('False', 'True ');
    expect(() => decodeNpy(new Uint8Array(Buffer.from(fortran, 'latin1')), 'weights')).toThrow(/`weights`.*Fortran/);
    const int64 = new TextDecoder('latin1').decode(bytes).replace('<f8', '<i8');
    expect(() => decodeNpy(new Uint8Array(Buffer.from(int64, 'latin1')), 'weights')).toThrow(/dtype <i8/);
  });
});
