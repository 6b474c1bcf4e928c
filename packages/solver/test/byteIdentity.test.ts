import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { byteIdentityRecords, type ByteIdentityRecord } from './fixtures/byteIdentityRecords.js';

/**
 * The solver's output, byte for byte, on the grid of fixtures/byteIdentityConfigs.ts,
 * against hashes written by the solver as it was before Newton became generic over
 * estimators (fixtures/byteIdentity.ts, commit c69d96e). A change of any number in
 * a solution file, of any iterate, or of any message turns this red.
 */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/byte-identity.json', import.meta.url), 'utf8')) as {
  records: ByteIdentityRecord[];
};

describe('solver output is byte-identical to the pre-refactor solver', () => {
  const current = byteIdentityRecords();
  it('covers the same configs', () => {
    expect(current.map((record) => record.config)).toEqual(fixture.records.map((record) => record.config));
  });
  it.each(fixture.records.map((record, index) => ({ index, record })))('config $index', ({ index, record }) => {
    expect(current[index]).toEqual(record);
  });
});
