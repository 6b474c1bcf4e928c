// An explicit `undefined` option means the default (architecture.md): every public
// function of @maxent/experiments that takes options, each key.
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { populationShares, solve } from '@maxent/solver';
import { trainingProblemFromConfig, train } from '@maxent/trainer';
import { describeUndefinedOptions, optionKeys, optionsCase, outcome } from '#testing';
import { analyseNetwork, compareNetworkWithSolution, type CompareOptions, type NetworkAnalysisOptions } from '../src/index.js';

const config = parseConfig({ task: { name: 'select', contexts: 2 }, weightScale: 0.8 });
const problem = problemFromConfig(config);
const solution = solve(problem);
const { network } = train({ ...trainingProblemFromConfig(config), neurons: 40, steps: 30, seed: 3 });
const side = { populations: populationShares(problem, solution.lambda), summary: solution.summary };

describeUndefinedOptions('@maxent/experiments', [
  optionsCase<NetworkAnalysisOptions>({
    name: 'analyseNetwork',
    call: (options) => outcome(() => analyseNetwork(network, options)),
    // Values other than the defaults, so that leaving one out changes the result.
    base: { contextMean: 0.2, contextStd: 1.5, kMax: 3, seed: 7, solution: { problem, lambda: solution.lambda }, weightScaleSearch: true, match: 'energy' },
    keys: optionKeys<NetworkAnalysisOptions>({ contextMean: true, contextStd: true, kMax: true, seed: true, solution: true, weightScaleSearch: true, match: true }),
  }),
  optionsCase<CompareOptions>({
    name: 'compareNetworkWithSolution',
    call: (options) => outcome(() => compareNetworkWithSolution(side, { problem, lambda: solution.lambda }, options)),
    base: { weightScaleSearch: true, match: 'selectivity', signal: new AbortController().signal },
    keys: optionKeys<CompareOptions>({ weightScaleSearch: true, match: true, signal: true }),
  }),
]);
