// Simulated latent trajectories of a finite low-rank network (kind
// `lowrank-analysis`; model.md §14), with the fixed points the analysis found.
import { invalid } from '@maxent/core';
import { baseOption, topLegend, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import { fixedPointSeries, PLANE_GRID, PLANE_HEIGHT, PLANE_WIDTH, symmetricExtent } from './latentPlane.js';
import { expectDrawableRank, type LowRankAnalysisFile } from './lowrankResults.js';
import { expectArray, expectKind } from './results.js';
import { REFERENCE_INK, seriesColor } from './palette.js';

/** R = 2: paths in the latent plane from their starts (small circles); R = 1: kappa against time. */
export function lowrankTrajectoriesFigure(analysis: LowRankAnalysisFile): Figure {
  expectKind(analysis, 'lowrank-analysis');
  expectDrawableRank(analysis.rank);
  const simulations = analysis.simulations;
  if (typeof simulations !== 'object' || simulations === null) throw invalid('simulations', 'must be an object', simulations);
  expectArray(simulations.trajectories, 'simulations.trajectories');
  expectArray(simulations.times, 'simulations.times');
  const trajectories = simulations.trajectories;
  for (const trajectory of trajectories) {
    if (!Array.isArray(trajectory) || trajectory.length !== simulations.times.length) {
      throw invalid('simulations.trajectories', `must hold one state per time (${simulations.times.length}) in each trial`, trajectory?.length);
    }
  }
  const fixedPoints = analysis.fixedPoints ?? [];
  const fixedNote =
    fixedPoints.length === 0 ? '' : ` Marks: the ${fixedPoints.length} fixed points of the finite network (stable filled, saddles open, sources open diamonds).`;
  const run = `${trajectories.length} trials of duration ${simulations.duration} τ (${simulations.method}, α = ${simulations.alpha}), latents read off the full state by least squares`;
  if (analysis.rank === 1) {
    return {
      kind: 'chart',
      id: 'lowrank-analysis-trajectories',
      title: 'Latent trajectories',
      caption: `Latent state κ(t) of the finite network in ${run} (model.md §14); dashed lines are the stable fixed points.` + fixedNote,
      option: {
        ...baseOption(),
        legend: { show: false },
        grid: { left: 72, right: 24, top: 24, bottom: 56 },
        xAxis: valueAxis({ name: 'time t / τ', min: 0, max: simulations.times[simulations.times.length - 1] }),
        yAxis: valueAxis({ name: 'κ', scale: true, nameGap: 44 }),
        series: trajectories.map((trajectory, trial) => ({
          type: 'line' as const,
          name: `trial ${trial + 1}`,
          showSymbol: false,
          lineStyle: { color: seriesColor(trial), width: 1.5 },
          itemStyle: { color: seriesColor(trial) },
          data: trajectory.map((state, t) => [simulations.times[t], state[0]]),
          ...(trial === 0
            ? {
                markLine: {
                  silent: true,
                  symbol: 'none',
                  lineStyle: { color: REFERENCE_INK, type: 'dashed' as const, width: 1 },
                  label: { show: false },
                  data: fixedPoints.filter((point) => point.kind === 'stable').map((point) => ({ yAxis: point.kappa[0] })),
                },
              }
            : {}),
        })),
      },
    };
  }
  const extent = symmetricExtent([...trajectories.flat(2), ...fixedPoints.flatMap((point) => point.kappa)], 1);
  const series = [
    ...trajectories.map((trajectory, trial) => ({
      type: 'line' as const,
      name: `trial ${trial + 1}`,
      showSymbol: false,
      lineStyle: { color: seriesColor(trial), width: 1.5 },
      itemStyle: { color: seriesColor(trial) },
      data: trajectory.map((state) => [state[0], state[1]]),
    })),
    {
      type: 'scatter' as const,
      name: 'start',
      symbol: 'circle',
      symbolSize: 6,
      itemStyle: { color: '#FFFFFF', borderColor: REFERENCE_INK, borderWidth: 1 },
      data: trajectories.map((trajectory) => [trajectory[0][0], trajectory[0][1]]),
    },
    ...fixedPointSeries(fixedPoints, (point) => [point.kappa[0], point.kappa[1]]),
  ];
  return {
    kind: 'chart',
    id: 'lowrank-analysis-trajectories',
    title: 'Latent trajectories',
    caption: `Paths of the latent state (κ₁, κ₂) of the finite network in ${run} (model.md §14), from their starts (small open circles).` + fixedNote,
    width: PLANE_WIDTH,
    height: PLANE_HEIGHT,
    option: {
      ...baseOption(),
      legend: { ...topLegend(), data: series.slice(trajectories.length).map((entry) => entry.name) },
      grid: { ...PLANE_GRID, outerBoundsMode: 'none' },
      xAxis: valueAxis({ name: 'κ₁', min: -extent, max: extent }),
      yAxis: valueAxis({ name: 'κ₂', min: -extent, max: extent, nameGap: 40 }),
      series,
    },
  };
}
