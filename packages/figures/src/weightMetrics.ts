// Figures of a weight matrix and its measures (kind `weight-metrics`; model.md §11).
// The result file holds the measures, not the matrix nor its eigenvalues: the
// caller passes the matrix it measured and its eigenvalues (from @maxent/analysis).
import { invalid, type Mat } from '@maxent/core';
import { baseOption, formatTick, valueAxis } from './axes.js';
import type { Figure, TableFigure } from './figure.js';
import { finiteOrNull } from './numbers.js';
import { DIVERGING_RAMP, OKABE_ITO, REFERENCE_INK, SEQUENTIAL_RAMP } from './palette.js';
import { matrixRaster } from './raster.js';
import { rasterImageSeries } from './rasterSeries.js';
import type { WeightMetricsFile } from './results.js';
import { expectKind } from './results.js';

export interface WeightMatrixInput {
  /** The square matrix: a Mat from @maxent/core or its rows. */
  readonly matrix: Mat | readonly (readonly number[])[];
  /** The measures of that matrix; its modularity communities order the nodes. */
  readonly metrics?: WeightMetricsFile;
  /** `community` (default when metrics are given): nodes grouped by community; `given`: as stored. */
  readonly order?: 'community' | 'given';
}

/**
 * The matrix as a heatmap: one raster image over a value-axis grid (row i down,
 * column j across) with a continuous colour bar; signed matrices on a diverging
 * scale centred on 0, non-negative ones on a sequential scale.
 */
export function weightMatrixFigure(input: WeightMatrixInput): Figure {
  const { data, size } = squareMatrix(input.matrix);
  if (input.metrics !== undefined) {
    expectKind(input.metrics, 'weight-metrics');
    if (input.metrics.size !== size) throw invalid('metrics.size', `must equal the matrix size ${size}`, input.metrics.size);
  }
  const communities = input.metrics?.modularity?.communities;
  const byCommunity = (input.order ?? (communities === undefined ? 'given' : 'community')) === 'community';
  if (byCommunity && (communities === undefined || communities.length !== size)) {
    throw invalid('metrics.modularity.communities', `must hold one label per node (${size}) to order by community`, communities);
  }
  const order = Array.from({ length: size }, (_, i) => i);
  if (byCommunity) order.sort((a, b) => communities![a] - communities![b] || a - b);

  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) continue;
    if (data[i] < min) min = data[i];
    if (data[i] > max) max = data[i];
  }
  if (!(min <= max)) min = max = 0;
  const signed = min < 0;
  const bound = Math.max(Math.abs(min), Math.abs(max)) || 1;
  const low = signed ? -bound : 0;
  const high = signed ? bound : max > 0 ? max : 1;
  const ramp = signed ? DIVERGING_RAMP : SEQUENTIAL_RAMP;
  const raster = matrixRaster(data, size, order, ramp, low, high);

  // Community boundaries: one segment across and one down at each change of label.
  const boundaries: ([number, number] | null)[] = [];
  if (byCommunity) {
    for (let r = 1; r < size; r++) {
      if (communities![order[r]] !== communities![order[r - 1]]) boundaries.push([r, 0], [r, size], null, [0, r], [size, r], null);
    }
  }
  const nodeName = byCommunity ? 'ordered by community' : 'node order as given';
  const q = finiteOrNull(input.metrics?.modularity?.q);
  return {
    kind: 'chart',
    id: 'weight-metrics-matrix',
    title: 'Weight matrix',
    caption:
      `The ${size} x ${size} weight matrix W, entry W_ij at row i (down) and column j (across), ` +
      (signed
        ? `on a diverging scale from −${formatTick(bound)} (blue) through 0 (white) to ${formatTick(bound)} (red). `
        : `on a sequential scale from 0 to ${formatTick(high)}. `) +
      (byCommunity
        ? `Nodes are grouped by the communities of the directed modularity search (${new Set(communities).size} communities, Q = ${q === null ? 'n/a' : q.toFixed(3)}; model.md §11), with lines between them.`
        : `Nodes in their stored order.`) +
      ` Drawn as one image of ${raster.pixels} x ${raster.pixels} pixels.`,
    width: 560,
    height: 500,
    option: {
      ...baseOption(),
      // 392 x 392 pixels at the figure's size: square cells.
      grid: { left: 64, right: 104, top: 44, bottom: 64, outerBoundsMode: 'none' },
      xAxis: valueAxis({ name: `column j (${nodeName})`, min: 0, max: size, nameGap: 30 }),
      yAxis: valueAxis({ name: `row i (${nodeName})`, min: 0, max: size, inverse: true, nameGap: 44 }),
      visualMap: {
        type: 'continuous',
        min: low,
        max: high,
        calculable: false,
        seriesIndex: 0,
        dimension: 2,
        orient: 'vertical',
        right: 16,
        top: 'middle',
        itemHeight: 280,
        inRange: { color: [...ramp] },
        formatter: (value: unknown) => (typeof value === 'number' ? formatTick(Number(value.toPrecision(3))) : String(value)),
        text: [formatTick(Number(high.toPrecision(3))), formatTick(Number(low.toPrecision(3)))],
      },
      series: [
        // The datum's value (0, or low for a sequential scale) lies inside the colour bar's range.
        rasterImageSeries('W', raster.url, [0, 0], [size, size], [0, 0, signed ? 0 : low]),
        {
          type: 'line',
          name: 'community boundaries',
          silent: true,
          showSymbol: false,
          connectNulls: false,
          lineStyle: { color: REFERENCE_INK, width: 1 },
          data: boundaries,
        },
      ],
    },
  };
}

export interface EigenvalueInput {
  /** Eigenvalues of the signed W: real and imaginary parts (e.g. `eigenvalues(W)` of @maxent/analysis). */
  readonly eigenvalues: { readonly real: ArrayLike<number>; readonly imaginary: ArrayLike<number> };
  readonly metrics?: WeightMetricsFile;
}

/** The eigenvalues of W in the complex plane, with the unit circle; equal scales on both axes. */
export function eigenvalueFigure(input: EigenvalueInput): Figure {
  const { real, imaginary } = input.eigenvalues ?? {};
  if (real === undefined || imaginary === undefined || real.length !== imaginary.length) {
    throw invalid('eigenvalues', 'must have `real` and `imaginary` parts of equal length', input.eigenvalues);
  }
  if (input.metrics !== undefined) expectKind(input.metrics, 'weight-metrics');
  const points: [number, number][] = [];
  let radius = 0;
  let leading = -Infinity;
  for (let i = 0; i < real.length; i++) {
    points.push([real[i], imaginary[i]]);
    radius = Math.max(radius, Math.hypot(real[i], imaginary[i]));
    leading = Math.max(leading, real[i]);
  }
  const extent = niceExtent(Math.max(1, radius) * 1.05);
  const circle = Array.from({ length: 361 }, (_, degree) => [Math.cos((degree * Math.PI) / 180), Math.sin((degree * Math.PI) / 180)]);
  return {
    kind: 'chart',
    id: 'weight-metrics-eigenvalues',
    title: 'Eigenvalues of the weight matrix',
    caption:
      `The ${real.length} eigenvalues λ of W in the complex plane, with the unit circle dashed: ` +
      `spectral radius ${formatTick(Number(radius.toPrecision(4)))}, leading eigenvalue (largest real part) ${formatTick(Number(leading.toPrecision(4)))} (model.md §11). ` +
      `Eigenvalues outside the circle grow under the linear recurrence h ← W h.`,
    width: 480,
    height: 496,
    option: {
      ...baseOption(),
      legend: { show: false },
      grid: { left: 64, right: 32, top: 48, bottom: 64, outerBoundsMode: 'none' },
      xAxis: valueAxis({ name: 'Re λ', min: -extent, max: extent }),
      yAxis: valueAxis({ name: 'Im λ', min: -extent, max: extent, nameGap: 44 }),
      series: [
        {
          type: 'line',
          name: 'unit circle',
          silent: true,
          showSymbol: false,
          lineStyle: { color: REFERENCE_INK, type: 'dashed', width: 1 },
          data: circle,
        },
        {
          type: 'scatter',
          name: 'eigenvalues',
          symbolSize: 5,
          itemStyle: { color: OKABE_ITO.blue, opacity: 0.8 },
          data: points,
        },
      ],
    },
  };
}

/** The measures of the file as a table (rows: measure, value). */
export function weightMetricsTable(metrics: WeightMetricsFile): TableFigure {
  expectKind(metrics, 'weight-metrics');
  const communities = Array.isArray(metrics.modularity?.communities) ? new Set(metrics.modularity.communities).size : null;
  return {
    kind: 'table',
    id: 'weight-metrics-table',
    title: 'Weight-matrix measures',
    caption: `The measures of model.md §11 for the ${metrics.size} x ${metrics.size} matrix; entropies in bits; "null" where a measure is undefined.`,
    columns: ['measure', 'value'],
    rows: [
      ['nodes N', metrics.size],
      ['Shannon entropy (bits)', finiteOrNull(metrics.shannonEntropy)],
      ['communicability entropy (bits)', finiteOrNull(metrics.communicabilityEntropy)],
      ['modularity Q', finiteOrNull(metrics.modularity?.q)],
      ['communities', communities],
      ['leading eigenvalue', finiteOrNull(metrics.leadingEigenvalue)],
      ['ln leading eigenvalue', finiteOrNull(metrics.logLeadingEigenvalue)],
      ['spectral radius', finiteOrNull(metrics.spectralRadius)],
      ['spectral entropy (bits)', finiteOrNull(metrics.spectralEntropy)],
      ['total weight', finiteOrNull(metrics.totalWeight)],
    ],
  };
}

function squareMatrix(matrix: WeightMatrixInput['matrix']): { data: ArrayLike<number>; size: number } {
  if (matrix !== null && typeof matrix === 'object' && 'data' in matrix) {
    if (matrix.rows !== matrix.cols || matrix.rows < 1) throw invalid('matrix', 'must be square with at least one row', `${matrix.rows} x ${matrix.cols}`);
    return { data: matrix.data, size: matrix.rows };
  }
  if (!Array.isArray(matrix) || matrix.length === 0) throw invalid('matrix', 'must be a non-empty square matrix', matrix);
  const size = matrix.length;
  const data = new Float64Array(size * size);
  matrix.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== size) throw invalid(`matrix[${i}]`, `must have ${size} entries (square matrix)`, row);
    for (let j = 0; j < size; j++) data[i * size + j] = typeof row[j] === 'number' ? row[j] : Number.NaN;
  });
  return { data, size };
}

/** A round bound at or above x: 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of 10. */
function niceExtent(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * power >= x) return step * power;
  return 10 * power;
}
