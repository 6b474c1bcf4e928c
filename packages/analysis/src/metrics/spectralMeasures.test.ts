import { describe, expect, it } from 'vitest';
import { InvalidInputError, type Mat } from '@maxent/core';
import { expectAllClose } from '#testing';
import {
  leadingEigenvalue,
  logLeadingEigenvalue,
  spectralEntropy,
  spectralMeasures,
  spectralRadius,
} from './spectralMeasures.js';

function mat(rows: number[][]): Mat {
  return { rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) };
}

describe('spectral measures', () => {
  it.each([0.3, 1, 2.5])('gives radius r, leading real part r cos(theta) and 1 bit for a scaled rotation (theta = %s)', (theta) => {
    const r = 1.7;
    const rotation = mat([
      [r * Math.cos(theta), -r * Math.sin(theta)],
      [r * Math.sin(theta), r * Math.cos(theta)],
    ]);
    expectAllClose(spectralRadius(rotation), r, { rtol: 1e-12 });
    expectAllClose(leadingEigenvalue(rotation), r * Math.cos(theta), { atol: 1e-12 });
    // Two eigenvalues of equal modulus: one bit.
    expectAllClose(spectralEntropy(rotation) as number, 1, { rtol: 1e-12 });
  });

  it('computes the leading real part, its log and the radius of diag(-5, 2, 0.5)', () => {
    const matrix = mat([
      [-5, 0, 0],
      [0, 2, 0],
      [0, 0, 0.5],
    ]);
    expectAllClose(leadingEigenvalue(matrix), 2, { rtol: 1e-14 });
    expectAllClose(logLeadingEigenvalue(matrix) as number, Math.log(2), { rtol: 1e-14 });
    expectAllClose(spectralRadius(matrix), 5, { rtol: 1e-14 });
    // p = (5, 2, 0.5) / 7.5, worked out by hand.
    const p = [5 / 7.5, 2 / 7.5, 0.5 / 7.5];
    expectAllClose(spectralEntropy(matrix) as number, -p.reduce((s, x) => s + x * Math.log2(x), 0), { rtol: 1e-13 });
  });

  it('gives log2(N) spectral entropy when all moduli are equal (rotation blocks and +-1)', () => {
    const matrix = mat([
      [0, -1, 0, 0],
      [1, 0, 0, 0],
      [0, 0, -1, 0],
      [0, 0, 0, 1],
    ]);
    expectAllClose(spectralEntropy(matrix) as number, 2, { rtol: 1e-12 });
  });

  it('gives null log when the leading real part is not positive', () => {
    expect(logLeadingEigenvalue(mat([[-1, 0], [0, -2]]))).toBeNull();
    expect(logLeadingEigenvalue(mat([[0, 1], [-1, 0]]))).toBeNull(); // eigenvalues +-i: leading real part 0
  });

  it('gives null spectral entropy and zero radius for the zero matrix', () => {
    const zero = mat([[0, 0], [0, 0]]);
    expect(spectralEntropy(zero)).toBeNull();
    expect(spectralRadius(zero)).toBe(0);
    expect(leadingEigenvalue(zero)).toBe(0);
  });

  it('derives all four from given eigenvalues', () => {
    const measures = spectralMeasures({ real: Float64Array.from([3, -4, -4]), imaginary: Float64Array.from([0, 3, -3]) });
    expect(measures.leadingEigenvalue).toBe(3);
    expectAllClose(measures.logLeadingEigenvalue as number, Math.log(3), { rtol: 1e-15 });
    expectAllClose(measures.spectralRadius, 5, { rtol: 1e-15 });
    const p = [3 / 13, 5 / 13, 5 / 13];
    expectAllClose(measures.spectralEntropy as number, -p.reduce((s, x) => s + x * Math.log2(x), 0), { rtol: 1e-14 });
  });

  it('rejects non-square and non-finite input naming W', () => {
    expect(() => leadingEigenvalue({ rows: 1, cols: 2, data: new Float64Array(2) })).toThrow(InvalidInputError);
    expect(() => spectralEntropy({ rows: 1, cols: 2, data: new Float64Array(2) })).toThrow('invalid `W`: must be a square matrix, got 1x2');
    expect(() => spectralRadius(mat([[Number.POSITIVE_INFINITY]]))).toThrow(
      'invalid `W`: must hold only finite numbers, got Infinity at row 0, column 0',
    );
  });
});
