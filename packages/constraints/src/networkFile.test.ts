import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { networkFromFields, networkToFields, type Network } from './index.js';

// A network file's keys written out by hand (interfaces.md, kind `network`): N = 2, P = 3, K = 2.
const FILE_TEXT =
  '{"nonlinearity":"tanh","neurons":2,"u":[[1,2,3],[4,5,6]],"v":[[0.5,-0.5],[-1,1]],"w":[0.25,-2],"task":[[1,0,0],[0,1,0]]}';

describe('network file format', () => {
  it('reads the keys into row-major arrays with N, P and K from the shapes', () => {
    const network = networkFromFields(JSON.parse(FILE_TEXT));
    expect(network.nonlinearity).toBe('tanh');
    expect([network.neurons, network.stimuli, network.contexts]).toEqual([2, 3, 2]);
    expect(Array.from(network.u)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(network.v)).toEqual([0.5, -0.5, -1, 1]);
    expect(Array.from(network.w)).toEqual([0.25, -2]);
    expect(network.task).toEqual({ rows: 2, cols: 3, data: Float64Array.from([1, 0, 0, 0, 1, 0]) });
  });

  it('writes the same keys in the same order, byte for byte', () => {
    expect(JSON.stringify(networkToFields(networkFromFields(JSON.parse(FILE_TEXT))))).toBe(FILE_TEXT);
  });

  it('writes a network made in memory with rows of the right widths', () => {
    const network: Network = {
      nonlinearity: 'relu',
      neurons: 3,
      stimuli: 1,
      contexts: 2,
      u: Float64Array.from([1, 2, 3]),
      v: Float64Array.from([1, -1, 2, -2, 3, -3]),
      w: Float64Array.from([-1, 0, 1]),
      task: { rows: 2, cols: 1, data: Float64Array.from([1, 0]) },
    };
    expect(networkToFields(network)).toStrictEqual({
      nonlinearity: 'relu',
      neurons: 3,
      u: [[1], [2], [3]],
      v: [[1, -1], [2, -2], [3, -3]],
      w: [-1, 0, 1],
      task: [[1], [0]],
    });
  });

  it('accepts a file without `neurons` (it is the length of w)', () => {
    const { neurons: _neurons, ...rest } = JSON.parse(FILE_TEXT);
    expect(networkFromFields(rest).neurons).toBe(2);
  });

  const withKey = (key: string, value: unknown) => ({ ...JSON.parse(FILE_TEXT), [key]: value });
  it.each([
    ['not an object', [1, 2], '--network', 'invalid `--network`: must be a JSON object with network keys (nonlinearity, neurons, u, v, w, task)'],
    ['an unknown nonlinearity', withKey('nonlinearity', 'sigmoid'), '--network.nonlinearity', 'invalid `--network.nonlinearity`: must be one of relu, tanh, softplus, linear, got "sigmoid"'],
    ['neurons that disagree with w', withKey('neurons', 3), '--network.neurons', 'invalid `--network.neurons`: must equal the length of `--network.w` (2), got 3'],
    ['too few rows of u', withKey('u', [[1, 2, 3]]), '--network.u', 'invalid `--network.u`: must have 2 rows (one per neuron), found 1, got "1 rows"'],
    ['a short row of v', withKey('v', [[1, 2], [3]]), '--network.v[1]', 'invalid `--network.v[1]`: must be an array of 2 numbers, got [3]'],
    ['a null weight', withKey('w', [1, null]), '--network.w[1]', 'invalid `--network.w[1]`: must be a finite number, got null'],
    ['an empty task', withKey('task', []), '--network.task', 'invalid `--network.task`: must be a non-empty array of rows, got []'],
  ])('refuses %s, naming the key', (_, data, field, message) => {
    let error: unknown;
    try {
      networkFromFields(data, '--network');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe(field);
    expect((error as InvalidInputError).message).toBe(message);
  });
});
