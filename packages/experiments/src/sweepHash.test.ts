import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@maxent/constraints';
import { sweepHash, sweepPoints, type SweepSpec } from './index.js';

const spec = (seed: number): SweepSpec => ({
  base: parseConfig({}),
  grids: [{ name: 'sweep', axes: [{ field: 'contexts', values: [1, 2] }, { field: 'weightScale', values: [0.5, 1] }], initScales: [] }],
  training: null,
  matchWeightScale: false,
  seed,
  preset: null,
});

describe('sweepHash', () => {
  it("is the first 16 hex digits of the SHA-256 of the points' JSON, as Node's own SHA-256 gives it", () => {
    const points = sweepPoints(spec(1));
    const reference = createHash('sha256').update(JSON.stringify(points)).digest('hex').slice(0, 16);
    expect(sweepHash(points)).toBe(reference);
  });

  it('changes with anything that changes the rows (here the seed)', () => {
    expect(sweepHash(sweepPoints(spec(2)))).not.toBe(sweepHash(sweepPoints(spec(1))));
  });
});
