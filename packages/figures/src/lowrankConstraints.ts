// The constraints of a low-rank problem (kind `lowrank-constraints`; model.md §14):
// at each point kappa_t the target G_t, drawn as the velocity it prescribes,
// tau dkappa/dt = G_t - kappa_t.
import { invalid } from '@maxent/core';
import { baseOption, topLegend, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import { arrowSeries, PLANE_GRID, PLANE_HEIGHT, PLANE_WIDTH, symmetricExtent } from './latentPlane.js';
import { expectDrawableRank, type LowRankConstraintsFile } from './lowrankResults.js';
import { OKABE_ITO, REFERENCE_INK } from './palette.js';
import { expectArray, expectKind } from './results.js';

/** R = 2: arrows G_t - kappa_t at the points; R = 1: G_t - kappa_t against kappa_t. */
export function lowrankConstraintsFigure(constraints: LowRankConstraintsFile): Figure {
  expectKind(constraints, 'lowrank-constraints');
  expectDrawableRank(constraints.rank);
  expectArray(constraints.points, 'points');
  expectArray(constraints.G, 'G');
  const { points, G } = constraints;
  if (points.length !== G.length) throw invalid('G', `must have one row per point (${points.length})`, G.length);
  const velocity = points.map((kappa, t) => kappa.map((value, r) => G[t][r] - value));
  const caption =
    `The ${points.length} constraint points κ_t of the problem and the latent velocity their targets prescribe, τ dκ/dt = G_t − κ_t with G_t = E[n φ(m · κ_t)] (model.md §14). ` +
    `For odd φ the points cover a half-space: the other half follows by symmetry.`;
  if (constraints.rank === 1) {
    return {
      kind: 'chart',
      id: 'lowrank-constraints-targets',
      title: 'Constraints: the prescribed velocity',
      caption,
      option: {
        ...baseOption(),
        legend: { show: false },
        grid: { left: 72, right: 24, top: 24, bottom: 56 },
        xAxis: valueAxis({ name: 'κ_t', scale: true }),
        yAxis: valueAxis({ name: 'G_t − κ_t', scale: true, nameGap: 44 }),
        series: [
          {
            type: 'scatter',
            name: 'G_t − κ_t',
            symbolSize: 7,
            itemStyle: { color: OKABE_ITO.blue },
            data: points.map((kappa, t) => [kappa[0], velocity[t][0]]),
            markLine: { silent: true, symbol: 'none', label: { show: false }, lineStyle: { color: REFERENCE_INK, type: 'dashed', width: 1 }, data: [{ yAxis: 0 }] },
          },
        ],
      },
    };
  }
  const extent = symmetricExtent(points.flat(), 1);
  const spacing = nearestSpacing(points);
  const series = [
    ...arrowSeries(
      points.map((kappa, t) => ({ x: kappa[0], y: kappa[1], dx: velocity[t][0], dy: velocity[t][1] })),
      0.9 * spacing,
      'G_t − κ_t',
      OKABE_ITO.blue,
    ),
    { type: 'scatter' as const, name: 'point κ_t', symbolSize: 4, itemStyle: { color: REFERENCE_INK }, data: points.map((kappa) => [kappa[0], kappa[1]]) },
  ];
  return {
    kind: 'chart',
    id: 'lowrank-constraints-targets',
    title: 'Constraints: the prescribed velocity',
    caption: caption + ` Arrow lengths are proportional to the speed; the longest is 0.9 of the smallest distance between points.`,
    width: PLANE_WIDTH,
    height: PLANE_HEIGHT,
    option: {
      ...baseOption(),
      legend: { ...topLegend(), data: ['point κ_t'] },
      grid: { ...PLANE_GRID, outerBoundsMode: 'none' },
      xAxis: valueAxis({ name: 'κ₁', min: -extent, max: extent }),
      yAxis: valueAxis({ name: 'κ₂', min: -extent, max: extent, nameGap: 40 }),
      series,
    },
  };
}

function nearestSpacing(points: readonly (readonly number[])[]): number {
  let best = Infinity;
  for (let a = 0; a < points.length; a++) {
    for (let b = a + 1; b < points.length; b++) {
      const distance = Math.hypot(points[a][0] - points[b][0], points[a][1] - points[b][1]);
      if (distance > 0) best = Math.min(best, distance);
    }
  }
  return Number.isFinite(best) ? best : 1;
}
