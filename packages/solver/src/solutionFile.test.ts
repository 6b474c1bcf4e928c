import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { expectAllClose } from '#testing';
import { solve } from './solution.js';
import { solutionFromFile, solutionToFile } from './solutionFile.js';

function fileOf(config: unknown, allPopulations = false) {
  const parsed = parseConfig(config);
  const solution = solve(problemFromConfig(parsed));
  // Through JSON text, as a file on disk would be.
  return { solution, json: JSON.parse(JSON.stringify({ kind: 'maxent-solution', config: parsed, ...solutionToFile(solution, { allPopulations }) })) };
}

function thrown(action: () => unknown): InvalidInputError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error('expected an InvalidInputError');
}

describe('solution files (interfaces.md maxent-solution)', () => {
  it('round-trips config and lambda exactly through JSON', () => {
    const { solution, json } = fileOf({ task: { matrix: [[1, 0.5], [0, 1], [-1, 0]] }, weightScale: 0.7, context: { mean: 0.2, std: 0.9 } });
    const read = solutionFromFile(json, 'solution');
    expect(read.lambda.data).toEqual(solution.lambda.data);
    expect(read.problem.task.data).toEqual(solution.problem.task.data);
    expect(read.config.weightScale).toBe(0.7);
    for (const key of ['maxResidual', 'converged', 'iterations', 'logPartition', 'klFromPrior', 'message', 'summary', 'populationsListed', 'populationsTotal']) {
      expect(json[key], key).toEqual(JSON.parse(JSON.stringify((solution as unknown as Record<string, unknown>)[key])));
    }
    expectAllClose(json.moments.flat(), solution.moments.data, { rtol: 0 });
  });

  it('--all-populations lists every population beyond K = 10', () => {
    const { json } = fileOf({ task: { name: 'select', contexts: 11 } }, true);
    expect(json.populations).toHaveLength(2048);
    expect(json.populationsListed).toBe(2048);
    const shares = json.populations.map((p: { energyShare: number }) => p.energyShare);
    expectAllClose(shares.reduce((s: number, x: number) => s + x, 0), 1, { rtol: 1e-12 });
  });

  it('names the field at fault', () => {
    const { json } = fileOf({ task: { name: 'select', contexts: 2 } });
    expect(thrown(() => solutionFromFile([], 'solution')).field).toBe('solution');
    expect(thrown(() => solutionFromFile({ ...json, kind: 'network' }, 'solution')).message).toMatch(/kind "network", expected "maxent-solution"/);
    expect(thrown(() => solutionFromFile({ ...json, config: undefined }, 'solution')).field).toBe('solution.config');
    const badConfig = thrown(() => solutionFromFile({ ...json, config: { ...json.config, weightScale: -1 } }, '--solution'));
    expect(badConfig.field).toBe('--solution.config.weightScale');
    expect(badConfig.message).toMatch(/invalid `--solution.config`: invalid `weightScale`/);
    const wrongRows = thrown(() => solutionFromFile({ ...json, lambda: [[1, 0]] }, 'solution'));
    expect(wrongRows.field).toBe('solution.lambda');
    expect(wrongRows.message).toMatch(/must be a 2 x 2 matrix .*got 1 rows of 2 entries/);
    expect(thrown(() => solutionFromFile({ ...json, lambda: [[1, 0], [0]] }, 'solution')).message).toMatch(/got 2 rows of 2\/1 entries/);
    expect(thrown(() => solutionFromFile({ ...json, lambda: [[1, 0], [0, 'x']] }, 'solution')).field).toBe('solution.lambda');
    expect(thrown(() => solutionFromFile({ ...json, lambda: undefined }, 'solution')).message).toMatch(/got nothing/);
  });
});
