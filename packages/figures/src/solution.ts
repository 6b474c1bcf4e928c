// Figures of a max-ent solution (kind `maxent-solution`; model.md §6).
import { invalid, normalCdf } from '@maxent/core';
import { baseOption, categoryAxis, singleGrid, topLegend, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import { finiteOrNull } from './numbers.js';
import { activeCount, NEUTRAL_GREY, patternColor, populationLabel, REFERENCE_INK, REFERENCE_MARKER } from './palette.js';
import { populationsToShow } from './populationOrder.js';
import type { PopulationEntry, ProblemConfig, SolutionFile } from './results.js';
import { expectArray, expectKind } from './results.js';

export interface PopulationFigureOptions {
  /** Most populations shown (those with the largest energy share); default 32. */
  readonly maxPopulations?: number;
}

const DEFAULT_MAX_POPULATIONS = 32;
const PATTERN_AXIS = 'gain pattern g (digit k: active in context k)';

/** Population fractions pi(g), energy shares eps(g) and the prior's fractions P0(g), per gain pattern. */
export function solutionPopulationsFigure(solution: SolutionFile, options: PopulationFigureOptions = {}): Figure {
  checkSolution(solution);
  const shown = populationsToShow(populationsOf(solution), maxPopulations(options));
  const labels = shown.map(populationLabel);
  const prior = shown.map((population) => priorFraction(solution.config, population.pattern));
  return {
    kind: 'chart',
    id: 'solution-populations',
    title: 'Populations of the max-ent solution',
    caption:
      `Fraction π(g) of neurons (light bars) and share ε(g) of the output-weight energy (dark bars) in each gain pattern g, ` +
      `with the prior's fraction P₀(g) (diamonds), at σ = ${solution.config.weightScale}. ` +
      `The task moves mass away from the prior towards the patterns that carry it.` +
      clusterNote(solution) +
      shownNote(shown.length, solution),
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: singleGrid({ bottom: patternAxisLayout(labels).bottom }),
      xAxis: categoryAxis(PATTERN_AXIS, labels, patternAxisLayout(labels).axis),
      yAxis: valueAxis({ name: 'share of neurons / of energy', min: 0, nameGap: 44 }),
      series: [
        {
          type: 'bar',
          name: 'fraction π(g)',
          itemStyle: { color: NEUTRAL_GREY },
          data: shown.map((population) => ({
            value: finiteOrNull(population.fraction),
            itemStyle: { color: patternColor(population.pattern), opacity: 0.45 },
          })),
        },
        {
          type: 'bar',
          name: 'energy share ε(g)',
          itemStyle: { color: REFERENCE_INK },
          data: shown.map((population) => ({ value: finiteOrNull(population.energyShare), itemStyle: { color: patternColor(population.pattern) } })),
        },
        {
          type: 'scatter',
          name: 'prior P₀(g)',
          symbol: 'diamond',
          symbolSize: 10,
          itemStyle: { ...REFERENCE_MARKER },
          data: prior,
        },
      ],
    },
  };
}

/** The distribution of the number of active contexts |g|, by fraction and by energy, with the prior's. */
export function activeContextsFigure(solution: SolutionFile): Figure {
  checkSolution(solution);
  const { byFraction, byEnergy } = solution.summary.activeCount;
  expectArray(byFraction, 'summary.activeCount.byFraction');
  expectArray(byEnergy, 'summary.activeCount.byEnergy');
  const contexts = byFraction.length - 1;
  const counts = Array.from({ length: contexts + 1 }, (_, m) => m);
  // Bar m takes the base colour of the family of patterns with m active contexts.
  const family = (m: number) => patternColor(Array.from({ length: contexts }, (_, k) => (k < m ? 1 : 0)));
  const { specialization, specializationPrior } = solution.summary;
  return {
    kind: 'chart',
    id: 'solution-active-contexts',
    title: 'Number of active contexts',
    caption:
      `Distribution of the number m of contexts in which a neuron is active, by fraction of neurons (light bars) and by ` +
      `share of output-weight energy (dark bars), with the prior's fractions (diamonds, binomial in K = ${contexts}). ` +
      `The energy share at m = 1 is the specialization, ${formatShare(specialization)} (prior ${formatShare(specializationPrior)}).`,
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: singleGrid(),
      xAxis: categoryAxis('active contexts m = |g|', counts.map(String)),
      yAxis: valueAxis({ name: 'share of neurons / of energy', min: 0, nameGap: 44 }),
      series: [
        {
          type: 'bar',
          name: 'by fraction',
          itemStyle: { color: NEUTRAL_GREY },
          data: byFraction.map((value, m) => ({ value: finiteOrNull(value), itemStyle: { color: family(m), opacity: 0.45 } })),
        },
        {
          type: 'bar',
          name: 'by energy',
          itemStyle: { color: REFERENCE_INK },
          data: byEnergy.map((value, m) => ({ value: finiteOrNull(value), itemStyle: { color: family(m) } })),
        },
        {
          type: 'scatter',
          name: 'prior, by fraction',
          symbol: 'diamond',
          symbolSize: 10,
          itemStyle: { ...REFERENCE_MARKER },
          data: counts.map((m) => priorActiveCount(solution.config, contexts, m)),
        },
      ],
    },
  };
}

/** Selectivity chi(g) per population, between 1/P (random) and 1 (structured). */
export function solutionSelectivityFigure(solution: SolutionFile, options: PopulationFigureOptions = {}): Figure {
  checkSolution(solution);
  const stimuli = solution.lambda[0]?.length ?? 0;
  return selectivityBars({
    id: 'solution-selectivity',
    title: 'Selectivity per population',
    populations: populationsToShow(populationsOf(solution), maxPopulations(options)),
    stimuli,
    captionStart: `Selectivity index χ(g) = E[(u·â)²] / E[|u|²] of each population at σ = ${solution.config.weightScale}`,
    shownNote: (shown) => clusterNote(solution) + shownNote(shown, solution),
  });
}

/** Shared by the solution and analysis selectivity figures: bars per pattern, references at 1/P and 1. */
export function selectivityBars(settings: {
  id: string;
  title: string;
  populations: readonly PopulationEntry[];
  stimuli: number;
  captionStart: string;
  shownNote: (shown: number) => string;
  solution?: readonly (number | null)[];
}): Figure {
  const { populations, stimuli } = settings;
  const undefinedSelectivity = stimuli <= 1;
  const labels = populations.map(populationLabel);
  const caption = undefinedSelectivity
    ? `${settings.captionStart}. With P = ${stimuli} stimulus the index is 1 by definition and says nothing, so no bars are drawn.`
    : `${settings.captionStart}: 1/P = ${formatShare(1 / stimuli)} is a random stimulus direction, 1 a fully structured one (model.md §6).`;
  return {
    kind: 'chart',
    id: settings.id,
    title: settings.title,
    caption: caption + settings.shownNote(populations.length),
    option: {
      ...baseOption(),
      legend: settings.solution === undefined ? { show: false } : topLegend(),
      grid: singleGrid({ legend: settings.solution !== undefined, bottom: patternAxisLayout(labels).bottom }),
      xAxis: categoryAxis(PATTERN_AXIS, labels, patternAxisLayout(labels).axis),
      yAxis: valueAxis({ name: 'selectivity χ(g)', min: 0, max: 1, nameGap: 44 }),
      series: [
        {
          type: 'bar',
          name: settings.solution === undefined ? 'χ(g)' : 'network χ(g)',
          itemStyle: { color: REFERENCE_INK },
          data: populations.map((population) => ({
            value: undefinedSelectivity ? null : finiteOrNull(population.selectivity),
            itemStyle: { color: patternColor(population.pattern) },
          })),
          markLine: undefinedSelectivity
            ? { data: [] }
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { color: REFERENCE_INK, type: 'dashed', width: 1 },
                // A white box keeps the label legible where a bar rises through the line.
                label: { formatter: '{b}', position: 'insideEndTop', backgroundColor: 'rgba(255, 255, 255, 0.85)', padding: [1, 3] },
                data: [
                  { name: 'random 1/P', yAxis: 1 / stimuli },
                  { name: 'structured', yAxis: 1 },
                ],
              },
        },
        ...(settings.solution === undefined
          ? []
          : [
              {
                type: 'scatter' as const,
                name: 'solution χ(g)',
                symbol: 'diamond',
                symbolSize: 10,
                itemStyle: { ...REFERENCE_MARKER },
                data: settings.solution.map((value) => (undefinedSelectivity ? null : finiteOrNull(value))),
              },
            ]),
      ],
    },
  };
}

/**
 * Prior probability P0(g) of a gain pattern (model.md §6): each context active with
 * probability rho = Phi(mu_v / sigma_v) for relu; linear has all gains 1. Null for
 * nonlinearities without binary gains.
 */
export function priorFraction(config: ProblemConfig, pattern: readonly number[]): number | null {
  if (config.nonlinearity === 'linear') return activeCount(pattern) === pattern.length ? 1 : 0;
  if (config.nonlinearity !== 'relu') return null;
  const rho = normalCdf(config.context.mean / config.context.std);
  let probability = 1;
  for (const gain of pattern) probability *= gain > 0 ? rho : 1 - rho;
  return probability;
}

/** Prior probability of m active contexts out of K: binomial(K, rho) for relu; linear: all K. */
export function priorActiveCount(config: ProblemConfig, contexts: number, m: number): number | null {
  if (config.nonlinearity === 'linear') return m === contexts ? 1 : 0;
  if (config.nonlinearity !== 'relu') return null;
  const rho = normalCdf(config.context.mean / config.context.std);
  let choose = 1;
  for (let i = 1; i <= m; i++) choose = (choose * (contexts - m + i)) / i;
  return choose * rho ** m * (1 - rho) ** (contexts - m);
}

function checkSolution(solution: SolutionFile): void {
  expectKind(solution, 'maxent-solution');
  if (solution.clusters !== undefined) expectArray(solution.clusters, 'clusters');
  else expectArray(solution.populations, 'populations');
  expectArray(solution.lambda, 'lambda');
  if (typeof solution.summary !== 'object' || solution.summary === null) throw invalid('summary', 'must be an object', solution.summary);
}

function maxPopulations(options: PopulationFigureOptions): number {
  const limit = options.maxPopulations ?? DEFAULT_MAX_POPULATIONS;
  if (!Number.isInteger(limit) || limit < 1) throw invalid('maxPopulations', 'must be an integer >= 1', limit);
  return limit;
}

/** Rotated tick labels when there are many patterns (90°) or long cluster labels with mean gains (30°). */
function patternAxisLayout(labels: readonly string[]): { bottom: number; axis: { rotate: number; nameGap: number } } {
  if (labels.length > 12) return { bottom: 72, axis: { rotate: 90, nameGap: 56 } };
  if (labels.some((label) => label.length > 6)) return { bottom: 96, axis: { rotate: 30, nameGap: 72 } };
  return { bottom: 56, axis: { rotate: 0, nameGap: 30 } };
}

/** The populations of a solution file: by gain pattern, or the clusters of a continuous-gain solution. */
function populationsOf(solution: SolutionFile): readonly PopulationEntry[] {
  return solution.clusters ?? solution.populations ?? [];
}

function clusterNote(solution: SolutionFile): string {
  return solution.clusters === undefined
    ? ''
    : ` Continuous gains (model.md §7): each bar is a cluster of gain vectors (k-means), labelled by its pattern (mean gain above 1/2) and mean gains; the prior has no fraction per cluster.`;
}

function shownNote(shown: number, solution: SolutionFile): string {
  const total = solution.populationsTotal ?? populationsOf(solution).length;
  return shown < total ? ` Showing the ${shown} of ${total} populations with the largest energy share.` : '';
}

export function formatShare(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(3) : 'n/a';
}
