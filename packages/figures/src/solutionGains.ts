// The law of the continuous gains of a max-ent solution (kind `maxent-solution`
// with `gains`; model.md §7): per-context histograms of g_k.
import { invalid } from '@maxent/core';
import { baseOption, categoryAxis, singleGrid, topLegend, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import { finiteOrNull } from './numbers.js';
import { seriesColor } from './palette.js';
import type { SolutionFile } from './results.js';

/** `gains` of a continuous-gain solution file (interfaces.md). */
export interface GainLaw {
  readonly histograms: { readonly edges: readonly number[]; readonly mass: readonly (readonly number[])[] };
  readonly mean: readonly number[];
}

/** One bar series per context: the mass of g_k in each bin of [0, 1], with E[g_k] in the legend. */
export function solutionGainsFigure(solution: SolutionFile & { readonly gains?: GainLaw; readonly estimator?: string }): Figure {
  const gains = solution.gains;
  if (typeof gains !== 'object' || gains === null || !Array.isArray(gains.histograms?.edges) || !Array.isArray(gains.histograms?.mass)) {
    throw invalid('gains', 'must hold histograms { edges, mass } (a solution with continuous gains)', gains);
  }
  const { edges, mass } = gains.histograms;
  const bins = edges.slice(0, -1).map((edge, b) => `${edge.toFixed(1)}–${edges[b + 1].toFixed(1)}`);
  return {
    kind: 'chart',
    id: 'solution-gains',
    title: 'Distribution of the gains',
    caption:
      `Under the max-ent solution at σ = ${solution.config.weightScale}, the share of neurons whose gain g_k = φ'(v_k) in context k ` +
      `falls in each bin of [0, 1] (model.md §7), one colour per context, with the mean gain E[g_k] in the legend. ` +
      `Binary gains would sit in the two end bins only.` +
      (solution.estimator === 'quadrature' ? ' With the quadrature estimator the gains take only the values at its nodes, so the histogram is lumpy.' : ''),
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: singleGrid(),
      xAxis: categoryAxis('gain g_k', bins, { rotate: 0, nameGap: 30 }),
      yAxis: valueAxis({ name: 'share of neurons', min: 0, nameGap: 44 }),
      series: mass.map((row, k) => ({
        type: 'bar',
        name: `context ${k + 1} (E[g] = ${typeof gains.mean?.[k] === 'number' ? gains.mean[k].toFixed(2) : 'n/a'})`,
        itemStyle: { color: seriesColor(k) },
        data: row.map((value: number) => finiteOrNull(value)),
      })),
    },
  };
}
