// Figures of network evaluations (kind `evaluation`; model.md §9).
import { invalid } from '@maxent/core';
import { baseOption, categoryAxis, singleGrid, topLegend, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import { finiteOrNull } from './numbers.js';
import { OKABE_ITO } from './palette.js';
import type { EvaluationFile } from './results.js';
import { expectArray, expectKind } from './results.js';

const NETWORK_COLOR = OKABE_ITO.blue;
const LINEARIZED_COLOR = OKABE_ITO.orange;

/** R^2 of the real network and of its gain-modulated linearisation, per context and overall. */
export function evaluationR2Figure(evaluation: EvaluationFile): Figure {
  checkEvaluation(evaluation, 'evaluation');
  const contexts = evaluation.perContext.map((entry) => `context ${entry.context + 1}`);
  const linearizedPerContext = evaluation.linearized.perContext;
  const network = [...evaluation.perContext.map((entry) => finiteOrNull(entry.r2)), finiteOrNull(evaluation.r2)];
  const linearized = [
    ...evaluation.perContext.map((entry, index) => finiteOrNull(linearizedPerContext?.[index]?.r2)),
    finiteOrNull(evaluation.linearized.r2),
  ];
  return {
    kind: 'chart',
    id: 'evaluation-r2',
    title: 'How well the network does the task',
    caption:
      `R² = 1 − SSE/SST of the network's output against the target on fresh stimuli (s ~ N(0, ${evaluation.config.stimulusStd}²)), ` +
      `per context and pooled over all contexts ("all"): the real nonlinear network and its gain-modulated linearisation (model.md §3, §9). ` +
      `A gap between the two is the cost of gates that flip with the stimulus.`,
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: singleGrid(),
      xAxis: categoryAxis('context', [...contexts, 'all']),
      yAxis: valueAxis({ name: 'R²', min: lowerBound([...network, ...linearized]), max: 1, nameGap: 44 }),
      series: [
        { type: 'bar', name: 'network', itemStyle: { color: NETWORK_COLOR }, data: network },
        { type: 'bar', name: 'linearised', itemStyle: { color: LINEARIZED_COLOR }, data: linearized },
      ],
    },
  };
}

/** R^2 of the network and of its linearisation against the stimulus size, from several evaluations. */
export function r2AgainstStimulusStdFigure(evaluations: readonly EvaluationFile[]): Figure {
  if (!Array.isArray(evaluations) || evaluations.length === 0) throw invalid('evaluations', 'must be a non-empty array of evaluation files', evaluations);
  evaluations.forEach((evaluation, index) => checkEvaluation(evaluation, `evaluations[${index}]`));
  const sorted = [...evaluations].sort((a, b) => a.config.stimulusStd - b.config.stimulusStd);
  const networks = new Set(evaluations.map((evaluation) => evaluation.config.network ?? ''));
  const values = sorted.flatMap((evaluation) => [finiteOrNull(evaluation.r2), finiteOrNull(evaluation.linearized.r2)]);
  return {
    kind: 'chart',
    id: 'evaluation-r2-stimulus',
    title: 'R² against stimulus size',
    caption:
      `Pooled R² of the network (blue) and of its linearisation (orange) against the stimulus standard deviation (log axis). ` +
      `A sampled max-ent network solves the task in the small-stimulus limit: larger stimuli flip more relu gates, ` +
      `while the linearised model stays close to 1 (model.md §9).` +
      (networks.size > 1 ? ` The ${evaluations.length} evaluations come from ${networks.size} different network files.` : ''),
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: singleGrid(),
      xAxis: valueAxis({ name: 'stimulus std', type: 'log' }),
      yAxis: valueAxis({ name: 'R²', min: lowerBound(values), max: 1, nameGap: 44 }),
      series: [
        {
          type: 'line',
          name: 'network',
          symbol: 'circle',
          symbolSize: 6,
          itemStyle: { color: NETWORK_COLOR },
          data: sorted.map((evaluation) => [evaluation.config.stimulusStd, finiteOrNull(evaluation.r2)]),
        },
        {
          type: 'line',
          name: 'linearised',
          symbol: 'circle',
          symbolSize: 6,
          itemStyle: { color: LINEARIZED_COLOR },
          data: sorted.map((evaluation) => [evaluation.config.stimulusStd, finiteOrNull(evaluation.linearized.r2)]),
        },
      ],
    },
  };
}

/** 0, or a round value below a negative R^2 (worse than predicting the mean). */
function lowerBound(values: readonly (number | null)[]): number {
  let min = 0;
  for (const value of values) if (value !== null && value < min) min = value;
  return min < 0 ? Math.floor(min * 10) / 10 : 0;
}

function checkEvaluation(evaluation: EvaluationFile, field: string): void {
  expectKind(evaluation, 'evaluation');
  expectArray(evaluation.perContext, `${field}.perContext`);
  const std = evaluation.config?.stimulusStd;
  if (!(typeof std === 'number' && std > 0)) throw invalid(`${field}.config.stimulusStd`, 'must be a positive number', std);
  if (typeof evaluation.linearized !== 'object' || evaluation.linearized === null) throw invalid(`${field}.linearized`, 'must be an object', evaluation.linearized);
}
