// Flow of the latent dynamics of a low-rank network (kind `lowrank-network`;
// model.md §14): tau dkappa/dt = -kappa + (1/N) sum_i n_i phi(m_i . kappa + d_i),
// exact for a state in the span of M at finite N, without input.
import { invalid } from '@maxent/core';
import { baseOption, topLegend, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import { arrowSeries, fixedPointSeries, PLANE_GRID, PLANE_HEIGHT, PLANE_WIDTH, symmetricExtent, type Arrow } from './latentPlane.js';
import { checkLowRankNetwork, expectDrawableRank, type LowRankFixedPoint, type LowRankNetworkFile } from './lowrankResults.js';
import { OKABE_ITO, REFERENCE_INK } from './palette.js';

export interface FlowFieldOptions {
  /** Arrows per axis of the plane (R = 2), default 19; points of the curve (R = 1), default 201. */
  readonly resolution?: number;
  /** Half-width of the drawn square [-e, e]; default from the fixed points (at least 2). */
  readonly extent?: number;
}

/** The latent velocity tau dkappa/dt of the finite network at `kappa` (no input). */
export function latentVelocity(network: LowRankNetworkFile, kappa: readonly number[]): number[] {
  const phi = activation(network.nonlinearity);
  const rank = network.rank;
  const velocity = kappa.map((value) => -value);
  const count = network.m.length;
  for (let i = 0; i < count; i++) {
    const m = network.m[i];
    let z = network.bias?.[i] ?? 0;
    for (let r = 0; r < rank; r++) z += m[r] * kappa[r];
    const rate = phi(z) / count;
    const n = network.n[i];
    for (let r = 0; r < rank; r++) velocity[r] += n[r] * rate;
  }
  return velocity;
}

/**
 * R = 2: arrows of the velocity on a grid of the latent plane; R = 1: the
 * velocity against kappa. With the file's mean-field fixed points on top
 * (stable filled, saddles open, sources open diamonds).
 */
export function lowrankFlowFigure(network: LowRankNetworkFile, options: FlowFieldOptions = {}): Figure {
  checkLowRankNetwork(network);
  expectDrawableRank(network.rank);
  activation(network.nonlinearity);
  const fixedPoints = network.meanField?.fixedPoints ?? [];
  const extent = options.extent ?? symmetricExtent(fixedPoints.flatMap((point) => point.kappa), 2);
  if (!(extent > 0)) throw invalid('extent', 'must be a number > 0', extent);
  const fixedNote =
    fixedPoints.length === 0
      ? ' The file lists no mean-field fixed points.'
      : ` Marks: the ${fixedPoints.length} fixed points of the mean-field theory of the file (N → ∞; stable filled, saddles open, sources open diamonds), where a finite network's flow nearly vanishes.`;
  const source = `${network.neurons ?? network.m.length} neurons of this ${network.teacher ? 'teacher' : 'network'}, φ = ${network.nonlinearity}, no input`;
  return network.rank === 1 ? lineFlow(network, extent, options.resolution ?? 201, fixedPoints, fixedNote, source) : planeFlow(network, extent, options.resolution ?? 19, fixedPoints, fixedNote, source);
}

function planeFlow(network: LowRankNetworkFile, extent: number, resolution: number, fixedPoints: readonly LowRankFixedPoint[], fixedNote: string, source: string): Figure {
  checkResolution(resolution, 3);
  const step = (2 * extent) / (resolution - 1);
  const arrows: Arrow[] = [];
  for (let a = 0; a < resolution; a++) {
    for (let b = 0; b < resolution; b++) {
      const kappa = [-extent + a * step, -extent + b * step];
      const [dx, dy] = latentVelocity(network, kappa);
      arrows.push({ x: kappa[0], y: kappa[1], dx, dy });
    }
  }
  const series = [
    ...arrowSeries(arrows, 0.9 * step, 'velocity τ dκ/dt', OKABE_ITO.blue),
    ...fixedPointSeries(fixedPoints, (point) => [point.kappa[0], point.kappa[1]]),
  ];
  return {
    kind: 'chart',
    id: 'lowrank-network-flow',
    title: 'Flow of the latent dynamics',
    caption:
      `Velocity τ dκ/dt = −κ + (1/N) Σᵢ nᵢ φ(mᵢ · κ) of the latent state κ on a ${resolution} × ${resolution} grid, from the ` +
      `${source} (model.md §14); arrow lengths are proportional to the speed, the longest is 0.9 grid steps.` +
      fixedNote,
    width: PLANE_WIDTH,
    height: PLANE_HEIGHT,
    option: {
      ...baseOption(),
      legend: { ...topLegend(), data: series.slice(2).map((entry) => entry.name) },
      grid: { ...PLANE_GRID, outerBoundsMode: 'none' },
      xAxis: valueAxis({ name: 'κ₁', min: -extent, max: extent }),
      yAxis: valueAxis({ name: 'κ₂', min: -extent, max: extent, nameGap: 40 }),
      series,
    },
  };
}

function lineFlow(network: LowRankNetworkFile, extent: number, resolution: number, fixedPoints: readonly LowRankFixedPoint[], fixedNote: string, source: string): Figure {
  checkResolution(resolution, 2);
  const curve: [number, number][] = [];
  for (let a = 0; a < resolution; a++) {
    const kappa = -extent + (2 * extent * a) / (resolution - 1);
    curve.push([kappa, latentVelocity(network, [kappa])[0]]);
  }
  return {
    kind: 'chart',
    id: 'lowrank-network-flow',
    title: 'Flow of the latent dynamics',
    caption:
      `Velocity τ dκ/dt = −κ + (1/N) Σᵢ nᵢ φ(mᵢ κ) of the latent state κ, from the ${source} (model.md §14): ` +
      `κ grows where the curve is above 0 and shrinks below.` + fixedNote,
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: { left: 72, right: 24, top: 44, bottom: 56 },
      xAxis: valueAxis({ name: 'κ', min: -extent, max: extent }),
      yAxis: valueAxis({ name: 'τ dκ/dt', scale: true, nameGap: 44 }),
      series: [
        {
          type: 'line',
          name: 'velocity τ dκ/dt',
          showSymbol: false,
          lineStyle: { color: OKABE_ITO.blue, width: 2 },
          itemStyle: { color: OKABE_ITO.blue },
          data: curve,
          markLine: { silent: true, symbol: 'none', lineStyle: { color: REFERENCE_INK, type: 'dashed', width: 1 }, label: { show: false }, data: [{ yAxis: 0 }] },
        },
        ...fixedPointSeries(fixedPoints, (point) => [point.kappa[0], 0]),
      ],
    },
  };
}

function activation(nonlinearity: string): (z: number) => number {
  if (nonlinearity === 'tanh') return Math.tanh;
  if (nonlinearity === 'relu') return (z) => (z > 0 ? z : 0);
  throw invalid('nonlinearity', 'must be one of tanh, relu', nonlinearity);
}

function checkResolution(resolution: number, least: number): void {
  if (!Number.isInteger(resolution) || resolution < least) throw invalid('resolution', `must be an integer >= ${least}`, resolution);
}
