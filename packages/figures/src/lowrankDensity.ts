// The density p(m) of a joint low-rank solution (kind `lowrank-solution`, mode
// joint; model.md §14): p(m) ∝ p0(m) exp(s² |a(m)|² / 2), tilted away from the prior.
import { invalid } from '@maxent/core';
import { baseOption, formatTick, topLegend, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import { PLANE_GRID, PLANE_HEIGHT, PLANE_SIDE, PLANE_WIDTH } from './latentPlane.js';
import type { LowRankSolutionFile } from './lowrankResults.js';
import { expectDrawableRank } from './lowrankResults.js';
import { OKABE_ITO, REFERENCE_INK, SEQUENTIAL_RAMP } from './palette.js';
import { expectArray, expectKind } from './results.js';

/** The solution's p(m) on its grid (R = 1: a curve, R = 2: a heat map), with its modes and the prior N(0, σ_m²). */
export function lowrankDensityFigure(solution: LowRankSolutionFile): Figure {
  expectKind(solution, 'lowrank-solution');
  expectDrawableRank(solution.rank);
  const pm = solution.pm;
  if (pm === null || pm === undefined || pm.grid === null || pm.grid === undefined) {
    throw invalid('pm.grid', 'must hold the density on a grid (a joint solution of rank 1 or 2)', pm);
  }
  const { axis, density } = pm.grid;
  expectArray(axis, 'pm.grid.axis');
  expectArray(density, 'pm.grid.density');
  if (density.length !== axis.length) throw invalid('pm.grid.density', `must have one entry per axis node (${axis.length})`, density.length);
  const sigma = solution.config?.priorMStd ?? 1;
  const modes = pm.modes ?? [];
  const intro = `Density p(m) of the loadings m of the joint max-ent solution (model.md §14), tilted from the prior N(0, ${formatTick(sigma)}²)`;
  if (solution.rank === 1) {
    const values = density as readonly number[];
    const prior = axis.map((m) => Math.exp(-(m * m) / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI)));
    return {
      kind: 'chart',
      id: 'lowrank-solution-density',
      title: 'Density of the loadings p(m)',
      caption: `${intro} (dashed). Diamonds: its ${modes.length} modes. The dynamics do not fix p(m): a teacher with other loadings can give the same flow.`,
      option: {
        ...baseOption(),
        legend: topLegend(),
        grid: { left: 72, right: 24, top: 44, bottom: 56 },
        xAxis: valueAxis({ name: 'm', min: axis[0], max: axis[axis.length - 1] }),
        yAxis: valueAxis({ name: 'density', min: 0, nameGap: 44 }),
        series: [
          { type: 'line', name: 'solution p(m)', showSymbol: false, lineStyle: { color: OKABE_ITO.blue, width: 2 }, itemStyle: { color: OKABE_ITO.blue }, data: axis.map((m, i) => [m, values[i]]) },
          { type: 'line', name: 'prior p₀(m)', showSymbol: false, lineStyle: { color: REFERENCE_INK, width: 1, type: 'dashed' }, itemStyle: { color: REFERENCE_INK }, data: axis.map((m, i) => [m, prior[i]]) },
          {
            type: 'scatter',
            name: 'modes',
            symbol: 'diamond',
            symbolSize: 10,
            itemStyle: { color: REFERENCE_INK },
            data: modes.map((mode) => [mode[0], values[nearest(axis, mode[0])]]),
          },
        ],
      },
    };
  }
  const rows = density as readonly (readonly number[])[];
  const cells: [number, number, number][] = [];
  let high = 0;
  for (let i = 0; i < axis.length; i++) {
    if (!Array.isArray(rows[i]) || rows[i].length !== axis.length) throw invalid('pm.grid.density', `must be ${axis.length} x ${axis.length}`, rows[i]?.length);
    for (let j = 0; j < axis.length; j++) {
      cells.push([axis[i], axis[j], rows[i][j]]);
      high = Math.max(high, rows[i][j]);
    }
  }
  // Show the square that holds nearly all the mass: where the density is above 1e-3 of its peak.
  let reach = 0;
  for (const [x, y, value] of cells) if (value >= 1e-3 * high) reach = Math.max(reach, Math.abs(x), Math.abs(y));
  const step = axis.length > 1 ? axis[1] - axis[0] : 1;
  const extent = Math.min(Math.abs(axis[0]), Math.ceil(reach + step));
  const shown = cells.filter(([x, y]) => Math.abs(x) <= extent + 1e-9 && Math.abs(y) <= extent + 1e-9);
  const cellPixels = Math.ceil((PLANE_SIDE * step) / (2 * extent)) + 1;
  return {
    kind: 'chart',
    id: 'lowrank-solution-density',
    title: 'Density of the loadings p(m)',
    caption: `${intro}, on the solver's ${axis.length} × ${axis.length} grid; crosses: its ${modes.length} modes. The dynamics do not fix p(m): a teacher with other loadings can give the same flow.`,
    width: PLANE_WIDTH + 72,
    height: PLANE_HEIGHT,
    option: {
      ...baseOption(),
      legend: { show: false },
      grid: { ...PLANE_GRID, outerBoundsMode: 'none' },
      xAxis: valueAxis({ name: 'm₁', min: -extent, max: extent }),
      yAxis: valueAxis({ name: 'm₂', min: -extent, max: extent, nameGap: 40 }),
      visualMap: {
        type: 'continuous',
        min: 0,
        max: high,
        calculable: false,
        seriesIndex: 0,
        dimension: 2,
        orient: 'vertical',
        right: 8,
        top: 'middle',
        itemHeight: 240,
        inRange: { color: [...SEQUENTIAL_RAMP] },
        text: [formatTick(Number(high.toPrecision(3))), '0'],
      },
      series: [
        { type: 'scatter', name: 'p(m)', symbol: 'rect', symbolSize: cellPixels, silent: true, data: shown },
        { type: 'scatter', name: 'modes', symbol: 'path://M-1,-1L1,1M1,-1L-1,1', symbolSize: 12, itemStyle: { color: 'none', borderColor: REFERENCE_INK, borderWidth: 2 }, data: modes.map((mode) => [mode[0], mode[1]]) },
      ],
    },
  };
}

function nearest(axis: readonly number[], value: number): number {
  let best = 0;
  for (let i = 1; i < axis.length; i++) if (Math.abs(axis[i] - value) < Math.abs(axis[best] - value)) best = i;
  return best;
}
