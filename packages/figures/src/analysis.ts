// Figures of an analysis file (kind `analysis`) with a comparison against a
// max-ent solution (model.md §10, §15).
import { invalid } from '@maxent/core';
import { baseOption, categoryAxis, singleGrid, topLegend, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import { finiteOrNull } from './numbers.js';
import { OKABE_ITO, patternColor, patternLabel, REFERENCE_INK, REFERENCE_MARKER } from './palette.js';
import { populationsToShow } from './populationOrder.js';
import type { AnalysisFile, ComparedPopulation, ComparisonSection } from './results.js';
import { expectArray, expectKind } from './results.js';
import { formatShare, selectivityBars, type PopulationFigureOptions } from './solution.js';

const PATTERN_AXIS = 'gain pattern g (digit k: active in context k)';

/** Energy share per gain pattern: the network's (bars) against the solution's (diamonds). */
export function populationComparisonFigure(analysis: AnalysisFile, options: PopulationFigureOptions = {}): Figure {
  const comparison = checkComparison(analysis);
  const shown = comparedToShow(comparison.populations, options);
  const labels = shown.map((population) => patternLabel(population.pattern));
  return {
    kind: 'chart',
    id: 'analysis-population-comparison',
    title: 'Populations of the network against the max-ent solution',
    caption:
      `Share of output-weight energy ε(g) in each gain pattern g: the network (bars) and the max-ent solution at σ = ${comparison.weightScale} (diamonds). ` +
      `Their total-variation distance is ${formatShare(comparison.tvDistance)} (0: the same shares, 1: disjoint).` +
      shownNote(shown.length, comparison.populations.length),
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: singleGrid({ bottom: labels.length > 12 ? 72 : 56 }),
      xAxis: categoryAxis(PATTERN_AXIS, labels, { rotate: labels.length > 12 ? 90 : 0, nameGap: labels.length > 12 ? 56 : 30 }),
      yAxis: valueAxis({ name: 'energy share ε(g)', min: 0, nameGap: 44 }),
      series: [
        {
          type: 'bar',
          name: 'network',
          itemStyle: { color: REFERENCE_INK },
          data: shown.map((population) => ({ value: finiteOrNull(population.energyShare.network), itemStyle: { color: patternColor(population.pattern) } })),
        },
        {
          type: 'scatter',
          name: `solution (σ = ${comparison.weightScale})`,
          symbol: 'diamond',
          symbolSize: 10,
          itemStyle: { ...REFERENCE_MARKER },
          data: shown.map((population) => finiteOrNull(population.energyShare.solution)),
        },
      ],
    },
  };
}

/** Selectivity per gain pattern: the network's (bars) against the solution's (diamonds). */
export function populationSelectivityComparisonFigure(analysis: AnalysisFile, options: PopulationFigureOptions = {}): Figure {
  const comparison = checkComparison(analysis);
  const shown = comparedToShow(comparison.populations, options);
  const stimuli = analysis.stimuli ?? analysis.populations[0]?.direction?.length ?? 0;
  return selectivityBars({
    id: 'analysis-selectivity-comparison',
    title: 'Selectivity of the network against the max-ent solution',
    populations: shown.map((population) => ({
      pattern: population.pattern,
      fraction: population.fraction.network ?? Number.NaN,
      energyShare: population.energyShare.network ?? Number.NaN,
      selectivity: population.selectivity.network,
    })),
    solution: shown.map((population) => population.selectivity.solution),
    stimuli,
    captionStart:
      `Selectivity index χ(g) of each population of the network (bars) and of the max-ent solution at σ = ${comparison.weightScale} (diamonds); ` +
      `their energy-weighted mean absolute difference is ${formatShare(comparison.meanAbsSelectivityDifference)}`,
    shownNote: (count) => shownNote(count, comparison.populations.length),
  });
}

/**
 * Total-variation distance between the network's energy shares and the solution's
 * along the weight scale sigma, with the best match marked (model.md §15; today's
 * files hold the energy-share match `bestWeightScale`, not yet the joint mismatch).
 */
export function weightScaleMatchFigure(analysis: AnalysisFile): Figure {
  const comparison = checkComparison(analysis);
  const best = comparison.bestWeightScale;
  if (best === undefined || best === null) {
    throw invalid('comparison.bestWeightScale', 'must be present (run maxent analyze with --solution and without --no-weight-scale-search)', best);
  }
  expectArray(best.evaluations, 'comparison.bestWeightScale.evaluations');
  const curve = [...best.evaluations].sort((a, b) => a.weightScale - b.weightScale);
  const side = best.atBoundary ? ` The minimum lies at the end of the searched range, so it is a limit of the max-ent family rather than a match at that σ.` : '';
  return {
    kind: 'chart',
    id: 'analysis-weight-scale-match',
    title: 'Which weight scale matches the network best',
    caption:
      `Total-variation distance between the network's energy shares and those of the max-ent solution at weight scale σ (log axis). ` +
      `The best match (circle) is σ = ${best.weightScale.toPrecision(4)} with distance ${formatShare(best.tvDistance)}; ` +
      `the dashed line is the σ of the compared solution, ${comparison.weightScale}.` +
      side,
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: singleGrid(),
      xAxis: valueAxis({ name: 'weight scale σ', type: 'log' }),
      yAxis: valueAxis({ name: 'TV distance of energy shares', min: 0, nameGap: 44 }),
      series: [
        {
          type: 'line',
          name: 'TV distance',
          symbol: 'circle',
          symbolSize: 4,
          itemStyle: { color: OKABE_ITO.blue },
          data: curve.map((point) => [point.weightScale, finiteOrNull(point.tvDistance)]),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: REFERENCE_INK, type: 'dashed', width: 1 },
            label: { formatter: `compared σ = ${comparison.weightScale}`, position: 'insideEndTop' },
            data: [{ xAxis: comparison.weightScale }],
          },
        },
        {
          type: 'scatter',
          name: 'best match',
          symbol: 'circle',
          symbolSize: 12,
          itemStyle: { color: 'transparent', borderColor: OKABE_ITO.vermillion, borderWidth: 2 },
          data: [[best.weightScale, finiteOrNull(best.tvDistance)]],
        },
      ],
    },
  };
}

function checkComparison(analysis: AnalysisFile): ComparisonSection {
  expectKind(analysis, 'analysis');
  const comparison = analysis.comparison;
  if (typeof comparison !== 'object' || comparison === null) {
    throw invalid('comparison', 'must be present (run maxent analyze with --solution)', comparison);
  }
  expectArray(comparison.populations, 'comparison.populations');
  return comparison;
}

function comparedToShow(populations: readonly ComparedPopulation[], options: PopulationFigureOptions): ComparedPopulation[] {
  const limit = options.maxPopulations ?? 32;
  if (!Number.isInteger(limit) || limit < 1) throw invalid('maxPopulations', 'must be an integer >= 1', limit);
  const keyed = populations.map((population) => ({ pattern: population.pattern, energyShare: population.energyShare.network, population }));
  return populationsToShow(keyed, limit).map((entry) => entry.population);
}

function shownNote(shown: number, total: number): string {
  return shown < total ? ` Showing the ${shown} of ${total} patterns with the largest energy share in the network.` : '';
}
