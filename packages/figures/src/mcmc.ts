// MCMC diagnostics of a network sampled with `maxent sample --method mcmc`
// (model.md §8). The file keeps every kept draw as a neuron, chain by chain
// (`drawsPerChain` neurons per chain, the last chain cut at `neurons`), so the
// traces of the constraint functions are recomputed from u, v, w.
import { invalid } from '@maxent/core';
import { baseOption, categoryAxis, singleGrid, topLegend, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import { finiteOrNull } from './numbers.js';
import { OKABE_ITO, REFERENCE_INK, seriesColor } from './palette.js';
import type { McmcDiagnostics, NetworkFile } from './results.js';
import { checkNetwork } from './network.js';

export interface TraceOptions {
  /** `running-mean` (default): the mean of f over the draws so far, which must settle on A; `draws`: each draw. */
  readonly statistic?: 'running-mean' | 'draws';
  /** Most constraint functions drawn, k-major (f[0][0], f[0][1], ...); default 16. */
  readonly maxPanels?: number;
  /** Most points drawn per chain and panel (evenly thinned beyond); default 1000. */
  readonly maxPointsPerChain?: number;
}

export const DEFAULT_TRACE_OPTIONS = Object.freeze({ statistic: 'running-mean' as const, maxPanels: 16, maxPointsPerChain: 1000 });

/** The R-hat above which chains are taken as not mixed, and the bulk ESS wanted per chain (the sampler's warnings). */
export const RHAT_THRESHOLD = 1.01;
export const ESS_PER_CHAIN = 100;

/** The gain phi'(h) of each nonlinearity (model.md §2, §7). */
export function gain(nonlinearity: string, h: number): number {
  switch (nonlinearity) {
    case 'relu':
      return h > 0 ? 1 : 0;
    case 'linear':
      return 1;
    case 'tanh': {
      const t = Math.tanh(h);
      return 1 - t * t;
    }
    case 'softplus':
      return 1 / (1 + Math.exp(-h));
    default:
      throw invalid('nonlinearity', 'must be relu, tanh, softplus or linear', nonlinearity);
  }
}

/**
 * Traces of the constraint functions f_kj = w phi'(v_k) u_j (model.md §3) per
 * chain, one panel per (k, j), with the task's A[k][j] dashed.
 */
export function mcmcTraceFigure(network: NetworkFile, options: TraceOptions = {}): Figure {
  const diagnostics = checkMcmc(network);
  const statistic = options.statistic ?? DEFAULT_TRACE_OPTIONS.statistic;
  const maxPanels = options.maxPanels ?? DEFAULT_TRACE_OPTIONS.maxPanels;
  const maxPoints = options.maxPointsPerChain ?? DEFAULT_TRACE_OPTIONS.maxPointsPerChain;
  if (statistic !== 'running-mean' && statistic !== 'draws') throw invalid('statistic', 'must be "running-mean" or "draws"', statistic);
  if (!Number.isInteger(maxPanels) || maxPanels < 1) throw invalid('maxPanels', 'must be an integer >= 1', maxPanels);
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw invalid('maxPointsPerChain', 'must be an integer >= 2', maxPoints);

  const contexts = network.v[0]?.length ?? 0;
  const stimuli = network.u[0]?.length ?? 0;
  const quantities: { k: number; j: number }[] = [];
  for (let k = 0; k < contexts; k++) for (let j = 0; j < stimuli; j++) quantities.push({ k, j });
  const panels = quantities.slice(0, maxPanels);
  const traces = constraintTraces(network, diagnostics, panels, statistic);

  const columns = Math.ceil(Math.sqrt(panels.length));
  const rows = Math.ceil(panels.length / columns);
  const width = 720;
  const height = 80 + rows * 190;
  const cell = { left: 64, right: 16, top: 60, bottom: 44, gapX: 40, gapY: 56 };
  const panelWidth = (width - cell.left - cell.right - cell.gapX * (columns - 1)) / columns;
  const panelHeight = (height - cell.top - cell.bottom - cell.gapY * (rows - 1)) / rows;
  const grid = panels.map((_, p) => ({
    left: cell.left + (p % columns) * (panelWidth + cell.gapX),
    top: cell.top + Math.floor(p / columns) * (panelHeight + cell.gapY),
    width: panelWidth,
    height: panelHeight,
    outerBoundsMode: 'none' as const,
  }));
  const target = network.task;
  const series = panels.flatMap((quantity, p) =>
    traces[p].map((trace, chain) => ({
      type: 'line' as const,
      name: `chain ${chain + 1}`,
      xAxisIndex: p,
      yAxisIndex: p,
      showSymbol: false,
      lineStyle: { width: 1 },
      itemStyle: { color: seriesColor(chain) },
      data: thin(trace, maxPoints),
      ...(chain === 0
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              label: { show: false },
              lineStyle: { color: REFERENCE_INK, type: 'dashed' as const, width: 1 },
              data: [{ yAxis: target[quantity.k][quantity.j] }],
            },
          }
        : {}),
    })),
  );
  const lastRow = (p: number) => Math.floor(p / columns) === rows - 1 || p + columns >= panels.length;
  return {
    kind: 'chart',
    id: 'mcmc-traces',
    title: 'MCMC traces of the constraint functions',
    caption:
      (statistic === 'running-mean'
        ? `Running mean of each constraint function f_kj = w φ'(v_k) u_j over the draws of each chain`
        : `Each draw of the constraint functions f_kj = w φ'(v_k) u_j, chain by chain`) +
      `, with the task's A[k][j] dashed: the chains should agree with each other and settle on A (model.md §8). ` +
      `${diagnostics.chains} chains of ${diagnostics.drawsPerChain} draws after ${String(diagnostics.warmup ?? 'the')} warm-up iterations.` +
      (panels.length < quantities.length ? ` Showing ${panels.length} of the ${quantities.length} functions.` : ''),
    width,
    height,
    option: {
      ...baseOption(),
      legend: topLegend(),
      title: panels.map((quantity, p) => ({
        text: `f[${quantity.k}][${quantity.j}]`,
        left: grid[p].left + grid[p].width / 2,
        top: grid[p].top - 20,
        textAlign: 'center' as const,
        textStyle: { fontSize: 12, fontWeight: 'normal' as const, color: REFERENCE_INK },
      })),
      grid,
      xAxis: panels.map((_, p) => ({ ...valueAxis({ name: 'draw', gridIndex: p, showName: lastRow(p), nameGap: 24 }), min: 0 })),
      yAxis: panels.map((_, p) =>
        valueAxis({ name: statistic === 'running-mean' ? 'running mean of f' : 'f', gridIndex: p, scale: true, showName: p % columns === 0, nameGap: 44 }),
      ),
      series,
    },
  };
}

/**
 * Per panel, per chain: [draw, value] pairs of f_kj (or of its running mean).
 * Neuron i is draw i mod D of chain floor(i / D), D = drawsPerChain.
 */
export function constraintTraces(
  network: NetworkFile,
  diagnostics: McmcDiagnostics,
  quantities: readonly { k: number; j: number }[],
  statistic: 'running-mean' | 'draws',
): number[][][][] {
  const draws = diagnostics.drawsPerChain;
  const chains = Math.ceil(network.w.length / draws);
  return quantities.map(({ k, j }) => {
    const perChain: number[][][] = [];
    for (let chain = 0; chain < chains; chain++) {
      const trace: number[][] = [];
      let sum = 0;
      const end = Math.min(network.w.length, (chain + 1) * draws);
      for (let i = chain * draws; i < end; i++) {
        const f = network.w[i] * gain(network.nonlinearity, network.v[i][k]) * network.u[i][j];
        sum += f;
        const draw = i - chain * draws;
        trace.push([draw, statistic === 'running-mean' ? sum / (draw + 1) : f]);
      }
      perChain.push(trace);
    }
    return perChain;
  });
}

/** Split R-hat (rank-normalised) of every quantity the sampler checked, with the 1.01 threshold. */
export function mcmcRhatFigure(network: NetworkFile): Figure {
  const diagnostics = checkMcmc(network);
  const names = quantityNames(diagnostics);
  const quantities = diagnostics.quantities!;
  return {
    kind: 'chart',
    id: 'mcmc-rhat',
    title: 'MCMC convergence: R-hat per quantity',
    caption:
      `Split, rank-normalised R-hat of each quantity over the ${diagnostics.chains} chains (model.md §8): near 1 when the chains agree; ` +
      `points above the dashed line at ${RHAT_THRESHOLD} (vermillion) have not mixed: run longer.`,
    option: {
      ...baseOption(),
      grid: singleGrid({ legend: false, bottom: 64 }),
      xAxis: categoryAxis('quantity', names, { rotate: names.length > 10 ? 90 : 0, nameGap: names.length > 10 ? 50 : 30 }),
      yAxis: valueAxis({ name: 'split R-hat', scale: true, nameGap: 52 }),
      series: [
        {
          type: 'scatter',
          name: 'R-hat',
          symbolSize: 8,
          data: names.map((name) => {
            const value = finiteOrNull(quantities[name].rhat);
            return { value, itemStyle: { color: value !== null && value > RHAT_THRESHOLD ? OKABE_ITO.vermillion : OKABE_ITO.blue } };
          }),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: REFERENCE_INK, type: 'dashed', width: 1 },
            label: { formatter: String(RHAT_THRESHOLD), position: 'insideEndTop' },
            data: [{ yAxis: RHAT_THRESHOLD }],
          },
        },
      ],
    },
  };
}

/** Bulk and tail effective sample sizes of every quantity, with the 100-per-chain line. */
export function mcmcEssFigure(network: NetworkFile): Figure {
  const diagnostics = checkMcmc(network);
  const names = quantityNames(diagnostics);
  const quantities = diagnostics.quantities!;
  const wanted = ESS_PER_CHAIN * diagnostics.chains;
  return {
    kind: 'chart',
    id: 'mcmc-ess',
    title: 'MCMC efficiency: effective sample size per quantity',
    caption:
      `Bulk (circles) and tail (triangles) effective sample size of each quantity, out of ${diagnostics.chains * diagnostics.drawsPerChain} draws (model.md §8). ` +
      `Below the dashed line (${ESS_PER_CHAIN} per chain, ${wanted}) estimates are unreliable: draw more or thin less.`,
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: singleGrid({ bottom: 64 }),
      xAxis: categoryAxis('quantity', names, { rotate: names.length > 10 ? 90 : 0, nameGap: names.length > 10 ? 50 : 30 }),
      yAxis: valueAxis({ name: 'effective sample size', min: 0, nameGap: 52 }),
      series: [
        {
          type: 'scatter',
          name: 'bulk ESS',
          symbol: 'circle',
          symbolSize: 8,
          itemStyle: { color: OKABE_ITO.blue },
          data: names.map((name) => finiteOrNull(quantities[name].essBulk)),
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { color: REFERENCE_INK, type: 'dashed', width: 1 },
            label: { formatter: `${ESS_PER_CHAIN} per chain`, position: 'insideEndTop' },
            data: [{ yAxis: wanted }],
          },
        },
        {
          type: 'scatter',
          name: 'tail ESS',
          symbol: 'triangle',
          symbolSize: 8,
          itemStyle: { color: OKABE_ITO.orange },
          data: names.map((name) => finiteOrNull(quantities[name].essTail)),
        },
      ],
    },
  };
}

function checkMcmc(network: NetworkFile): McmcDiagnostics {
  checkNetwork(network);
  const diagnostics = network.diagnostics;
  if (typeof diagnostics !== 'object' || diagnostics === null) {
    throw invalid('diagnostics', 'must be present: sample the network with `maxent sample --method mcmc`', diagnostics);
  }
  if (!Number.isInteger(diagnostics.drawsPerChain) || diagnostics.drawsPerChain < 1) {
    throw invalid('diagnostics.drawsPerChain', 'must be an integer >= 1', diagnostics.drawsPerChain);
  }
  return diagnostics;
}

function quantityNames(diagnostics: McmcDiagnostics): string[] {
  if (typeof diagnostics.quantities !== 'object' || diagnostics.quantities === null) {
    throw invalid('diagnostics.quantities', 'must be an object of per-quantity diagnostics', diagnostics.quantities);
  }
  return Object.keys(diagnostics.quantities);
}

/** At most `limit` points, evenly spaced, keeping the last (where a running mean has settled). */
function thin(trace: number[][], limit: number): number[][] {
  if (trace.length <= limit) return trace;
  const step = (trace.length - 1) / (limit - 1);
  return Array.from({ length: limit }, (_, i) => trace[Math.round(i * step)]);
}
