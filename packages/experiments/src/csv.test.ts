import { describe, expect, it } from 'vitest';
import { sweepColumns, sweepCsv, type SweepRow } from './index.js';

describe('sweep CSV', () => {
  it('has a header of all columns, empty cells for null/NaN/missing, and quotes what needs quoting', () => {
    const rows: SweepRow[] = [
      { index: 0, name: 'a,b', x: 0.5, y: null },
      { index: 1, name: 'say "hi"', x: Number.NaN, z: true },
    ];
    const columns = sweepColumns(rows);
    expect(columns).toEqual(['index', 'name', 'x', 'y', 'z']);
    expect(sweepCsv(rows, columns)).toBe('index,name,x,y,z\r\n0,"a,b",0.5,,\r\n1,"say ""hi""",,,true\r\n');
  });
});
