// Every figure of the catalogue, built from the committed fixtures (test/fixtures):
// shared by the samples script and the browser page it bundles.
import type { Mat } from '@maxent/core';
import * as F from '../src/index.js';

export interface FixtureFiles {
  readonly json: (name: string) => unknown;
  readonly weights: Mat;
}

export function fixtureFigures({ json, weights }: FixtureFiles): F.Figure[] {
  const solution = json('solution-k3.json') as F.SolutionFile;
  const analysis = json('analysis-k3.json') as F.AnalysisFile;
  const mcmc = json('network-mcmc-k3.json') as F.NetworkFile;
  const transitions = json('sweep-transitions.json') as F.SweepFile;
  const small = json('sweep-small.json') as F.SweepFile;
  const metrics = json('weight-metrics-100.json') as F.WeightMetricsFile;
  const evaluations = ['0.05', '0.1', '0.3'].map((std) => json(`evaluation-k3-s${std}.json`) as F.EvaluationFile);
  const eigenvalues = json('eigenvalues-100.json') as { real: number[]; imaginary: number[] };
  return [
    F.solutionPopulationsFigure(solution),
    F.activeContextsFigure(solution),
    F.solutionSelectivityFigure(solution),
    F.neuronScatterFigure(json('network-k3.json') as F.NetworkFile),
    F.populationComparisonFigure(analysis),
    F.populationSelectivityComparisonFigure(analysis),
    F.weightScaleMatchFigure(analysis),
    F.specializationFigure(transitions),
    { ...F.specializationFigure(small), id: 'sweep-specialization-small' },
    F.selectivityFigure(transitions),
    F.sweepMismatchFigure(transitions),
    F.evaluationR2Figure(evaluations[1]),
    F.r2AgainstStimulusStdFigure(evaluations),
    F.mcmcTraceFigure(mcmc),
    F.mcmcRhatFigure(mcmc),
    F.mcmcEssFigure(mcmc),
    F.weightMatrixFigure({ matrix: weights, metrics }),
    F.eigenvalueFigure({ eigenvalues, metrics }),
  ];
}
