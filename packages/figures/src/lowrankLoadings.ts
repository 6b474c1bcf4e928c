// The loadings of a low-rank network (kind `lowrank-network`; model.md §14): each
// neuron's m_r against its n_s, one panel per pair (r, s).
import { invalid } from '@maxent/core';
import { baseOption, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import { checkLowRankNetwork, type LowRankNetworkFile } from './lowrankResults.js';
import { OKABE_ITO } from './palette.js';
import { subsampleIndices } from './subsample.js';

export interface LoadingScatterOptions {
  /** Above this many neurons a seeded random subsample is drawn; default 5000. */
  readonly maxPoints?: number;
  /** Seed of the subsample; default 1. */
  readonly seed?: number | string;
}

const MAX_RANK = 3;

/**
 * Scatter matrix of the loadings: panel (row s, column r) plots m_r (across)
 * against n_s (up) for every drawn neuron. The dynamics see n only through
 * E[n | m] (model.md §14), so the panels show what the dynamics pin down (the
 * trend) and what they leave free (the spread).
 */
export function lowrankLoadingsFigure(network: LowRankNetworkFile, options: LoadingScatterOptions = {}): Figure {
  checkLowRankNetwork(network);
  const rank = network.rank;
  if (rank > MAX_RANK) throw invalid('rank', `must be at most ${MAX_RANK} for a scatter matrix of the loadings`, rank);
  const maxPoints = options.maxPoints ?? 5000;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(maxPoints) || maxPoints < 1) throw invalid('maxPoints', 'must be an integer >= 1', maxPoints);
  const total = network.m.length;
  const drawn = subsampleIndices(total, maxPoints, seed);
  const side = rank === 1 ? 440 : rank === 2 ? 250 : 170;
  const gap = 56;
  const left = 72;
  const top = 24;
  const grids = [];
  const xAxes = [];
  const yAxes = [];
  const series = [];
  for (let s = 0; s < rank; s++) {
    for (let r = 0; r < rank; r++) {
      const index = s * rank + r;
      grids.push({ left: left + r * (side + gap), top: top + s * (side + gap), width: side, height: side });
      xAxes.push(valueAxis({ name: sub('m', r, rank), gridIndex: index, scale: true }));
      yAxes.push(valueAxis({ name: sub('n', s, rank), gridIndex: index, scale: true, nameGap: 40 }));
      series.push({
        type: 'scatter' as const,
        name: `${sub('m', r, rank)} against ${sub('n', s, rank)}`,
        xAxisIndex: index,
        yAxisIndex: index,
        symbolSize: 3,
        large: false,
        itemStyle: { color: OKABE_ITO.blue, opacity: 0.35 },
        data: Array.from(drawn, (i) => [network.m[i][r], network.n[i][s]]),
      });
    }
  }
  const shown = drawn.length;
  return {
    kind: 'chart',
    id: 'lowrank-network-loadings',
    title: 'Loadings: m against n',
    caption:
      `Each point is a neuron i: its loading ${rank === 1 ? 'mᵢ against nᵢ' : 'm_r,i (across) against n_s,i (up), one panel per pair (r, s)'}, ` +
      `J = (1/N) M Nᵀ (model.md §14). The dynamics constrain only the mean of n given m; the spread about it is invisible to them.` +
      (shown < total ? ` A seeded random subsample of ${shown} of the ${total} neurons is drawn (seed ${seed}).` : ` All ${total} neurons are drawn.`),
    width: left + rank * side + (rank - 1) * gap + 24,
    height: top + rank * side + (rank - 1) * gap + 56,
    option: { ...baseOption(), legend: { show: false }, grid: grids, xAxis: xAxes, yAxis: yAxes, series },
  };
}

function sub(letter: string, index: number, rank: number): string {
  return rank === 1 ? letter : `${letter}${'₁₂₃'[index]}`;
}
