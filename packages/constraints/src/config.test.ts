import { describe, expect, it } from 'vitest';
import { configSchema, parseConfig, parseWithSchema, problemFromConfig } from './index.js';

describe('parseConfig', () => {
  it('fills in the defaults of interfaces.md', () => {
    expect(parseConfig({})).toEqual({
      task: { name: 'select', contexts: 3 },
      nonlinearity: 'relu',
      weightScale: 1,
      context: { mean: 0, std: 1 },
      stimulusStd: 0.1,
      estimator: { kind: 'exact' },
    });
  });
  it.each([
    [{ weightScale: -1 }, 'invalid `weightScale`: must be a positive finite number, got -1'],
    [{ nonlinearity: 'sigmoid' }, 'invalid `nonlinearity`: must be one of relu, tanh, softplus, linear, got "sigmoid"'],
    [{ task: { contexts: 0 } }, 'invalid `task.contexts`: must be an integer >= 1, got 0'],
    [{ task: { matrix: [[1, 0], [1]] } }, 'invalid `task.matrix`: must be rectangular'],
    [{ wieghtScale: 2 }, 'unknown key `wieghtScale` (did you mean `weightScale`?)'],
    [{ context: { sd: 1 } }, 'unknown key `context.sd` (did you mean `context.std`?)'],
    [{ estimator: { kind: 'exact', nodes: 3 } }, 'invalid `estimator.nodes`: only applies to estimator kind quadrature'],
  ])('%j is refused with a message naming the field', (input, message) => {
    expect(() => parseConfig(input)).toThrow(message);
  });
  it.each([
    [{}, { kind: 'exact' }],
    [{ nonlinearity: 'linear' }, { kind: 'exact' }],
    [{ nonlinearity: 'relu', task: { name: 'select', contexts: 6 } }, { kind: 'exact' }],
    [{ nonlinearity: 'tanh' }, { kind: 'quadrature', nodes: 24 }],
    [{ nonlinearity: 'softplus', task: { matrix: [[1], [0]] } }, { kind: 'quadrature', nodes: 24 }],
    [{ nonlinearity: 'tanh', task: { name: 'select', contexts: 4 } }, { kind: 'montecarlo', samples: 200000, seed: 1 }],
    [{ nonlinearity: 'tanh', estimator: { nodes: 40 } }, { kind: 'quadrature', nodes: 40 }],
    [{ nonlinearity: 'softplus', task: { name: 'select', contexts: 5 }, estimator: { seed: 'a' } }, { kind: 'montecarlo', samples: 200000, seed: 'a' }],
    // An explicit kind is kept, even where the solver will refuse it (tanh has no exact estimator).
    [{ nonlinearity: 'tanh', estimator: { kind: 'exact' } }, { kind: 'exact' }],
    [{ estimator: { kind: 'quadrature' } }, { kind: 'quadrature', nodes: 24 }],
  ])('estimator default of %j', (input, estimator) => {
    expect(parseConfig(input).estimator).toEqual(estimator);
  });
  it('refuses estimator settings of another kind than the default one', () => {
    expect(() => parseConfig({ estimator: { nodes: 3 } })).toThrow('invalid `estimator.nodes`: only applies to estimator kind quadrature, not exact');
    expect(() => parseConfig({ nonlinearity: 'tanh', estimator: { samples: 3 } })).toThrow(
      'invalid `estimator.samples`: only applies to estimator kind montecarlo, not quadrature',
    );
  });
  it('resolves select-of and matrix tasks', () => {
    const selectOf = problemFromConfig(parseConfig({ task: { name: 'select-of', contexts: 4, stimuli: 2 } }));
    expect(Array.from(selectOf.task.data)).toEqual([1, 0, 0, 1, 1, 0, 0, 1]);
    const matrix = problemFromConfig(parseConfig({ task: { matrix: [[1, 0], [0, -1], [2, 3]] } }));
    expect([matrix.contexts, matrix.stimuli]).toEqual([3, 2]);
  });
});

describe('parseWithSchema with a field prefix', () => {
  it('names fields and unknown keys under the prefix with one dot', () => {
    expect(() => parseWithSchema(configSchema, { weightScale: -1 }, { fieldPrefix: 'run' })).toThrow(
      'invalid `run.weightScale`: must be a positive finite number, got -1',
    );
    expect(() => parseWithSchema(configSchema, { wieghtScale: 1 }, { fieldPrefix: 'run' })).toThrow(
      'unknown key `run.wieghtScale` (did you mean `run.weightScale`?)',
    );
  });
});
