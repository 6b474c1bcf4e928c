import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { expectAllClose } from '#testing';
import { gain, mcmcEssFigure, mcmcRhatFigure, mcmcTraceFigure, OKABE_ITO, RHAT_THRESHOLD, type NetworkFile } from '../src/index.js';
import { categories, copy, fixture, seriesOf, valuesOf, colorsOf } from './helpers.js';

const network = fixture<NetworkFile>('network-mcmc-k3.json'); // 4 chains x 100 draws, K = P = 3
const diagnostics = network.diagnostics!;

describe('mcmcTraceFigure', () => {
  it('one panel per constraint function, one line per chain, the target dashed', () => {
    const figure = mcmcTraceFigure(network);
    const series = seriesOf(figure);
    expect(series.length).toBe(9 * 4);
    expect(new Set(series.map((entry) => entry.name))).toEqual(new Set(['chain 1', 'chain 2', 'chain 3', 'chain 4']));
    const targets = series.filter((entry) => entry.markLine !== undefined).map((entry) => (entry.markLine as { data: { yAxis: number }[] }).data[0].yAxis);
    expect(targets).toEqual(network.task.flat());
  });

  it("pooled over the chains, the running means end at the sampler's constraint check", () => {
    const series = seriesOf(mcmcTraceFigure(network));
    const ends = [];
    for (let q = 0; q < 9; q++) {
      const chains = series.slice(q * 4, q * 4 + 4).map((entry) => entry.data as number[][]);
      const weighted = chains.reduce((sum, trace) => sum + trace[trace.length - 1][1] * trace.length, 0);
      ends.push(weighted / chains.reduce((sum, trace) => sum + trace.length, 0));
    }
    expectAllClose(ends, diagnostics.constraintCheck.mean.flat(), { rtol: 1e-10, atol: 1e-13 });
  });

  it('draws each draw f = w phi(v_k) u_j on request', () => {
    const series = seriesOf(mcmcTraceFigure(network, { statistic: 'draws' }));
    // Panel f[1][2], chain 3: neurons 200..299.
    const trace = series[(1 * 3 + 2) * 4 + 2].data as number[][];
    const expected = Array.from({ length: 100 }, (_, draw) => {
      const i = 200 + draw;
      return [draw, network.w[i] * (network.v[i][1] > 0 ? 1 : 0) * network.u[i][2]];
    });
    expect(trace).toEqual(expected);
  });

  it('limits panels and points, and says so', () => {
    const figure = mcmcTraceFigure(network, { maxPanels: 4, maxPointsPerChain: 10 });
    expect(seriesOf(figure).length).toBe(16);
    for (const entry of seriesOf(figure)) {
      expect(entry.data.length).toBe(10);
      expect((entry.data as number[][])[9][0]).toBe(99);
    }
    expect(figure.caption).toContain('Showing 4 of the 9 functions.');
  });

  it('needs MCMC diagnostics', () => {
    const exact = copy(network);
    delete exact.diagnostics;
    expect(() => mcmcTraceFigure(exact)).toThrow(InvalidInputError);
    expect(() => mcmcRhatFigure(exact)).toThrow(/`diagnostics`: must be present/);
  });
});

describe('gain', () => {
  it('is the derivative of each nonlinearity (central differences)', () => {
    const phi: Record<string, (h: number) => number> = {
      tanh: Math.tanh,
      softplus: (h) => Math.log1p(Math.exp(h)),
      linear: (h) => h,
      relu: (h) => Math.max(0, h),
    };
    for (const [name, f] of Object.entries(phi)) {
      for (const h of [-2.1, -0.3, 0.4, 1.7]) expectAllClose(gain(name, h), (f(h + 1e-6) - f(h - 1e-6)) / 2e-6, { atol: 1e-8 });
    }
    expect(() => gain('sigmoid', 0)).toThrow(/`nonlinearity`/);
  });
});

describe('mcmcRhatFigure and mcmcEssFigure', () => {
  const names = Object.keys(diagnostics.quantities!);

  it('shows R-hat of every quantity in file order, those above 1.01 in vermillion', () => {
    const figure = mcmcRhatFigure(network);
    expect(categories(figure)).toEqual(names);
    const series = seriesOf(figure)[0];
    expect(valuesOf(series)).toEqual(names.map((name) => diagnostics.quantities![name].rhat));
    expect(colorsOf(series)).toEqual(names.map((name) => (diagnostics.quantities![name].rhat! > RHAT_THRESHOLD ? OKABE_ITO.vermillion : OKABE_ITO.blue)));
    expect(Math.max(...(valuesOf(series) as number[]))).toBe(diagnostics.rhat);
  });

  it('shows bulk and tail ESS, with the 100-per-chain line', () => {
    const figure = mcmcEssFigure(network);
    const [bulk, tail] = seriesOf(figure);
    expect(valuesOf(bulk)).toEqual(names.map((name) => diagnostics.quantities![name].essBulk));
    expect(valuesOf(tail)).toEqual(names.map((name) => diagnostics.quantities![name].essTail));
    expect((bulk.markLine as { data: { yAxis: number }[] }).data[0].yAxis).toBe(400);
  });
});
