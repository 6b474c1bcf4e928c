import { describe, expect, it } from 'vitest';
import { parseAxisValues } from './index.js';

describe('sweep axis values', () => {
  it.each([
    ['1..4', 'integer', [1, 2, 3, 4]],
    ['0.25..4*2', 'number', [0.25, 0.5, 1, 2, 4]],
    ['0.1..0.5:0.1', 'number', [0.1, 0.2, 0.3, 0.4, 0.5]],
    ['-1..1:0.5', 'number', [-1, -0.5, 0, 0.5, 1]],
    ['0.5, 1,2', 'number', [0.5, 1, 2]],
    ['relu,tanh', 'name', ['relu', 'tanh']],
    ['7', 'integer', [7]],
  ] as const)('%s', (text, kind, expected) => {
    expect(parseAxisValues(text, '--x', kind)).toEqual(expected);
  });

  it.each([
    ['1..x', 'a range needs finite numbers at both ends'],
    ['4..1', 'must not run backwards'],
    ['0.5..2', 'needs integer ends'],
    ['1..2*1', 'factor of a..b\\*factor must be a number > 1'],
    ['1,,2', 'must not have empty entries'],
    ['1,1', 'must not repeat a value'],
    ['1..100000', 'at most 10000 values'],
  ])('rejects %s, naming the flag', (text, message) => {
    expect(() => parseAxisValues(text, '--weight-scale', 'number')).toThrow(new RegExp(`invalid \`--weight-scale\`: .*${message}`));
  });

  it('integers only where integers are needed', () => {
    expect(() => parseAxisValues('1.5,2', '--contexts', 'integer')).toThrow(/invalid `--contexts`: must hold integers/);
  });
});
