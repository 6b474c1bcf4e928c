// The density p(m) of a joint low-rank solution (kind `lowrank-solution`, mode
// joint; model.md §14): p(m) ∝ p0(m) exp(s² |a(m)|² / 2), tilted away from the prior.
import { invalid } from '@maxent/core';
import { baseOption, formatTick, topLegend, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import { PLANE_GRID, PLANE_HEIGHT, PLANE_WIDTH } from './latentPlane.js';
import { matrixRaster } from './raster.js';
import { rasterImageSeries } from './rasterSeries.js';
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
    // Show where the density is above 1% of its peak, rounded out to a symmetric range.
    const peak = Math.max(...values.filter(Number.isFinite));
    const reach = Math.max(...axis.filter((_, i) => values[i] >= 0.01 * peak).map(Math.abs));
    const extent = Math.min(Math.ceil(reach + 0.5), Math.max(...axis.map(Math.abs)));
    const prior = axis.map((m) => Math.exp(-(m * m) / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI)));
    return {
      kind: 'chart',
      id: 'lowrank-solution-density',
      title: 'Density of the loadings p(m)',
      caption: `${intro} (dashed), on the solver's grid. Diamonds: its ${modes.length} modes. The dynamics do not fix p(m): a teacher with other loadings can give the same flow.`,
      option: {
        ...baseOption(),
        legend: topLegend(),
        grid: { left: 72, right: 24, top: 44, bottom: 56 },
        xAxis: valueAxis({ name: 'm', min: -extent, max: extent }),
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
  const { size, high, low, top, image } = densityImage(axis, density as readonly (readonly number[])[]);
  const raster = matrixRaster(image, size, Array.from({ length: size }, (_, i) => i), SEQUENTIAL_RAMP, 0, high || 1);
  return {
    kind: 'chart',
    id: 'lowrank-solution-density',
    title: 'Density of the loadings p(m)',
    caption: `${intro}, on the solver's grid (${size} × ${size} of its ${axis.length} × ${axis.length} nodes shown, where p(m) is above 1% of its peak), drawn as one image; crosses: its ${modes.length} modes. The dynamics do not fix p(m): a teacher with other loadings can give the same flow.`,
    width: PLANE_WIDTH + 72,
    height: PLANE_HEIGHT,
    option: {
      ...baseOption(),
      legend: { show: false },
      grid: { ...PLANE_GRID, right: PLANE_GRID.right + 72, outerBoundsMode: 'none' },
      xAxis: valueAxis({ name: 'm₁', min: low, max: top }),
      yAxis: valueAxis({ name: 'm₂', min: low, max: top, nameGap: 40 }),
      visualMap: {
        type: 'continuous',
        min: 0,
        max: high,
        calculable: false,
        seriesIndex: 0,
        dimension: 2,
        orient: 'vertical',
        right: 16,
        top: 'middle',
        itemHeight: 240,
        inRange: { color: [...SEQUENTIAL_RAMP] },
        text: [formatTick(Number(high.toPrecision(3))), '0'],
      },
      series: [
        // The datum's value lies inside the colour bar's range.
        rasterImageSeries('p(m)', raster.url, [low, low], [top, top], [low, low, 0]),
        { type: 'scatter', name: 'modes', symbol: 'path://M-1,-1L1,1M1,-1L-1,1', symbolSize: 12, itemStyle: { color: 'none', borderColor: REFERENCE_INK, borderWidth: 2 }, data: modes.map((mode) => [mode[0], mode[1]]) },
      ],
    },
  };
}

/**
 * The nodes of a rank-2 density drawn as an image: the square of nodes where p(m)
 * is above 1% of its peak (rounded out), as `size` x `size` row-major values with
 * row r the r-th highest m2 and column c the c-th m1; `low`, `top` are the image's
 * edges in m, half a grid step beyond the outer nodes.
 */
export function densityImage(axis: readonly number[], rows: readonly (readonly number[])[]) {
  let high = 0;
  for (let i = 0; i < axis.length; i++) {
    if (!Array.isArray(rows[i]) || rows[i].length !== axis.length) throw invalid('pm.grid.density', `must be ${axis.length} x ${axis.length}`, rows[i]?.length);
    for (const value of rows[i]) if (Number.isFinite(value)) high = Math.max(high, value);
  }
  // Show the nodes of the square that holds nearly all the mass: where the density is above 1% of its peak.
  let reach = 0;
  for (let i = 0; i < axis.length; i++) for (let j = 0; j < axis.length; j++) if (rows[i][j] >= 0.01 * high) reach = Math.max(reach, Math.abs(axis[i]), Math.abs(axis[j]));
  const shown = axis.map((_, i) => i).filter((i) => Math.abs(axis[i]) <= Math.ceil(reach + 0.5) + 1e-9);
  const size = shown.length;
  // Image row r is the r-th highest m2, column c the c-th m1; one cell per node, edges half a step out.
  const image = new Float64Array(size * size);
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) image[r * size + c] = rows[shown[c]][shown[size - 1 - r]];
  const half = axis.length > 1 ? (axis[1] - axis[0]) / 2 : 0.5;
  const low = axis[shown[0]] - half;
  const top = axis[shown[size - 1]] + half;
  return { size, high, low, top, image, nodes: shown.map((i) => axis[i]) };
}

function nearest(axis: readonly number[], value: number): number {
  let best = 0;
  for (let i = 1; i < axis.length; i++) if (Math.abs(axis[i] - value) < Math.abs(axis[best] - value)) best = i;
  return best;
}
