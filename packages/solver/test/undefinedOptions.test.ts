// An explicit `undefined` option means the default (architecture.md): every public
// function of @maxent/solver that takes options, each key.
import { fromRows } from '@maxent/core';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { describeUndefinedOptions, optionKeys, optionsCase, outcome } from '#testing';
import {
  solutionFromLambda,
  solutionToFile,
  solve,
  solveSteps,
  type MaxentSolution,
  type SolutionFromLambdaOptions,
  type SolutionToFileOptions,
  type SolveOptions,
} from '../src/index.js';

// K = 11: 2048 patterns, so the default populationLimit (1024) truncates the list and matters.
const problem = problemFromConfig(parseConfig({ task: { name: 'select', contexts: 11 }, weightScale: 1.5 }));
const small = problemFromConfig(parseConfig({ task: { name: 'select', contexts: 2 }, weightScale: 1 }));
const solved = solve(small);
const solveKeys = optionKeys<SolveOptions>({
  tolerance: true,
  maxIterations: true,
  initialLambda: true,
  populationLimit: true,
  onProgress: true,
  signal: true,
});
// Values other than the defaults, so that leaving one out changes the result.
const solveBase: SolveOptions = {
  tolerance: 1e-6,
  maxIterations: 4,
  initialLambda: fromRows([[0.1, 0], [0, 0.1]]),
  populationLimit: 2,
  onProgress: () => {},
  signal: new AbortController().signal,
};
const summary = (solution: MaxentSolution) => solutionToFile(solution);

describeUndefinedOptions('@maxent/solver', [
  optionsCase<SolveOptions>({ name: 'solve', call: (options) => outcome(() => summary(solve(small, options))), base: solveBase, keys: solveKeys }),
  optionsCase<SolveOptions>({
    name: 'solveSteps',
    call: (options) =>
      outcome(() => {
        const steps = solveSteps(small, options);
        let next = steps.next();
        const yielded = [];
        while (!next.done) {
          yielded.push(next.value);
          next = steps.next();
        }
        return { yielded, lambda: Array.from(next.value.lambda.data), message: next.value.message };
      }),
    base: solveBase,
    keys: solveKeys,
  }),
  optionsCase<SolutionFromLambdaOptions>({
    name: 'solutionFromLambda',
    call: (options) => outcome(() => summary(solutionFromLambda(small, solved.lambda, options))),
    base: { tolerance: 1e-30, populationLimit: 1 },
    keys: optionKeys<SolutionFromLambdaOptions>({ tolerance: true, populationLimit: true }),
  }),
  optionsCase<SolutionToFileOptions>({
    name: 'solutionToFile',
    call: (options) =>
      outcome(() => {
        const body = solutionToFile(solve(problem, { populationLimit: 3 }), options);
        return 'populations' in body ? body.populations.length : 'no populations';
      }),
    base: { allPopulations: true },
    keys: optionKeys<SolutionToFileOptions>({ allPopulations: true }),
  }),
]);
