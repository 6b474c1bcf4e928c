// Figures of spatially embedded RNNs (kinds `rnn-training` and `rnn-sweep`;
// model.md §11, §12): the measures over training, the study's scatter plots
// across networks, and the eigenvalues of the final matrices.
import { invalid } from '@maxent/core';
import { baseOption, formatTick, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import { REFERENCE_INK, seriesColor } from './palette.js';
import { expectKind } from './results.js';

/** The parts of an `rnn-training` file these figures read. */
export interface RnnTrainingFile {
  readonly kind: 'rnn-training';
  readonly epochs: readonly {
    readonly epoch: number;
    readonly accuracy: number;
    readonly measures: { readonly shannonEntropy: number; readonly modularity: { readonly q: number | null } };
  }[];
}

/** The parts of an `rnn-sweep` file these figures read. */
export interface RnnSweepFile {
  readonly kind: 'rnn-sweep';
  readonly rows: readonly {
    readonly index: number;
    readonly regularizer: string;
    readonly gamma: number;
    readonly learnt: boolean;
    readonly final: Readonly<Record<string, number | null>>;
    readonly epochs: readonly Readonly<Record<string, number | null>>[];
    readonly eigenvalues: { readonly real: readonly number[]; readonly imaginary: readonly number[] };
  }[];
}

/** Axis titles of the measures a study figure can plot. */
export const RNN_MEASURE_NAMES: Readonly<Record<string, string>> = Object.freeze({
  shannonEntropy: 'Shannon entropy H (bits)',
  modularity: 'modularity Q',
  totalWeight: 'total weight Σ|W|',
  leadingEigenvalue: 'leading eigenvalue (largest Re λ)',
  spectralEntropy: 'spectral entropy (bits)',
  communicabilityEntropy: 'communicability entropy (bits)',
  distanceCorrelation: 'corr(|W|, distance)',
  testAccuracy: 'test accuracy',
  gamma: 'γ',
});

/** Q and Shannon entropy of W over the epochs of one run (epoch 0 = initialisation), with the test accuracy. */
export function rnnTrainingFigure(file: RnnTrainingFile): Figure {
  expectKind(file, 'rnn-training');
  if (!Array.isArray(file.epochs) || file.epochs.length === 0) throw invalid('epochs', 'must be a non-empty array', file.epochs);
  const epochs = file.epochs;
  const line = (name: string, yAxisIndex: number, color: string, values: (number | null)[]) => ({
    type: 'line' as const,
    name,
    yAxisIndex,
    showSymbol: true,
    lineStyle: { color, width: 2 },
    itemStyle: { color },
    data: epochs.map((epoch, i) => [epoch.epoch, values[i]]),
  });
  return {
    kind: 'chart',
    id: 'rnn-training-measures',
    title: 'Modularity and entropy over training',
    caption:
      `Directed modularity Q and Shannon entropy H of the recurrent matrix W after every epoch (epoch 0 = initialisation; model.md §11, §12), ` +
      `and the accuracy on the fixed noisy test set (final ${formatTick(Number(epochs[epochs.length - 1].accuracy.toPrecision(3)))}).`,
    option: {
      ...baseOption(),
      legend: { show: true, top: 8 },
      grid: { left: 64, right: 72, top: 48, bottom: 56, outerBoundsMode: 'none' },
      xAxis: valueAxis({ name: 'epoch', min: 0 }),
      yAxis: [valueAxis({ name: 'Q, accuracy', min: 0, max: 1 }), { ...valueAxis({ name: 'H (bits)', scale: true }), position: 'right' as const }],
      series: [
        line('Q', 0, seriesColor(0), epochs.map((epoch) => epoch.measures.modularity.q)),
        line('test accuracy', 0, REFERENCE_INK, epochs.map((epoch) => epoch.accuracy)),
        line('H', 1, seriesColor(1), epochs.map((epoch) => epoch.measures.shannonEntropy)),
      ],
    },
  };
}

function measureOf(row: RnnSweepFile['rows'][number], key: string): number | null {
  const value = key === 'gamma' ? row.gamma : row.final[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * One measure against another across the networks of a study, one colour per
 * regulariser; learnt networks filled, the others hollow (every run is shown).
 * E.g. (shannonEntropy, modularity), (totalWeight, shannonEntropy), (gamma,
 * leadingEigenvalue) with `logX`.
 */
export function rnnStudyScatterFigure(file: RnnSweepFile, x: string, y: string, options: { readonly logX?: boolean } = {}): Figure {
  expectKind(file, 'rnn-sweep');
  for (const [field, key] of [['x', x], ['y', y]] as const) {
    if (RNN_MEASURE_NAMES[key] === undefined) throw invalid(field, `must be one of ${Object.keys(RNN_MEASURE_NAMES).join(', ')}`, key);
  }
  const groups = [...new Set(file.rows.map((row) => row.regularizer))];
  const series = groups.flatMap((group, g) => {
    const color = seriesColor(g);
    const rows = file.rows.filter((row) => row.regularizer === group);
    const points = (learnt: boolean) =>
      rows.filter((row) => row.learnt === learnt).map((row) => [measureOf(row, x), measureOf(row, y)]).filter(([a, b]) => a !== null && b !== null);
    return [
      { type: 'scatter' as const, name: `${group} (learnt)`, symbolSize: 9, itemStyle: { color }, data: points(true) },
      { type: 'scatter' as const, name: `${group} (not learnt)`, symbolSize: 9, itemStyle: { color: '#FFFFFF', borderColor: color, borderWidth: 1.5 }, data: points(false) },
    ];
  });
  const learnt = file.rows.filter((row) => row.learnt).length;
  return {
    kind: 'chart',
    id: `rnn-sweep-${y}-against-${x}`,
    title: `${RNN_MEASURE_NAMES[y]} against ${RNN_MEASURE_NAMES[x]}`,
    caption:
      `Final networks of the study (model.md §12): ${file.rows.length} runs, ${learnt} learnt (test accuracy ≥ 0.9, filled); ` +
      `runs that did not learn are drawn hollow, none is left out. Colours: ${groups.join(', ')}.`,
    option: {
      ...baseOption(),
      legend: { show: true, top: 8 },
      grid: { left: 72, right: 32, top: 56, bottom: 56, outerBoundsMode: 'none' },
      xAxis: valueAxis({ name: RNN_MEASURE_NAMES[x], scale: true, type: options.logX === true ? 'log' : 'value' }),
      yAxis: valueAxis({ name: RNN_MEASURE_NAMES[y], scale: true, nameGap: 48 }),
      series,
    },
  };
}

/** Eigenvalues of the final W of every learnt network in the complex plane, one colour per regulariser. */
export function rnnStudyEigenvalueFigure(file: RnnSweepFile): Figure {
  expectKind(file, 'rnn-sweep');
  const groups = [...new Set(file.rows.map((row) => row.regularizer))];
  let radius = 1;
  const series = groups.map((group, g) => {
    const data: [number, number][] = [];
    for (const row of file.rows) {
      if (row.regularizer !== group || !row.learnt) continue;
      const { real, imaginary } = row.eigenvalues;
      for (let i = 0; i < real.length; i++) {
        data.push([real[i], imaginary[i]]);
        radius = Math.max(radius, Math.hypot(real[i], imaginary[i]));
      }
    }
    return { type: 'scatter' as const, name: group, symbolSize: 4, itemStyle: { color: seriesColor(g), opacity: 0.6 }, data };
  });
  const extent = Math.ceil(radius * 1.05 * 10) / 10;
  const circle = Array.from({ length: 361 }, (_, degree) => [Math.cos((degree * Math.PI) / 180), Math.sin((degree * Math.PI) / 180)]);
  return {
    kind: 'chart',
    id: 'rnn-sweep-eigenvalues',
    title: 'Eigenvalues of the trained recurrent matrices',
    caption: `Eigenvalues λ of the final W of every learnt network (model.md §11, §12), by regulariser, with the unit circle dashed.`,
    width: 480,
    height: 496,
    option: {
      ...baseOption(),
      legend: { show: true, top: 8 },
      grid: { left: 64, right: 32, top: 48, bottom: 64, outerBoundsMode: 'none' },
      xAxis: valueAxis({ name: 'Re λ', min: -extent, max: extent }),
      yAxis: valueAxis({ name: 'Im λ', min: -extent, max: extent, nameGap: 44 }),
      series: [
        { type: 'line' as const, name: 'unit circle', silent: true, showSymbol: false, lineStyle: { color: REFERENCE_INK, type: 'dashed' as const, width: 1 }, data: circle },
        ...series,
      ],
    },
  };
}
