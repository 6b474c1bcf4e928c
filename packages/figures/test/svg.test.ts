// Every figure renders to well-formed SVG that carries its axis titles, with no
// DOM (charts.md pitfalls: animation off, real minus signs, heatmap as one image).
import { describe, expect, it } from 'vitest';
import { decodeNpy, type Mat } from '@maxent/core';
import * as figures from '../src/index.js';
import type { AnalysisFile, EvaluationFile, Figure, NetworkFile, SolutionFile, SweepFile, WeightMetricsFile } from '../src/index.js';
import { axisTitles, fixture, fixtureBytes, seriesOf, svgTexts } from './helpers.js';

const solution = fixture<SolutionFile>('solution-k3.json');
const network = fixture<NetworkFile>('network-k3.json');
const analysis = fixture<AnalysisFile>('analysis-k3.json');
const mcmc = fixture<NetworkFile>('network-mcmc-k3.json');
const sweep = fixture<SweepFile>('sweep-small.json');
const transitions = fixture<SweepFile>('sweep-transitions.json');
const evaluations = ['0.05', '0.1', '0.3'].map((std) => fixture<EvaluationFile>(`evaluation-k3-s${std}.json`));
const metrics = fixture<WeightMetricsFile>('weight-metrics-100.json');
const npy = decodeNpy(fixtureBytes('weights-100.npy'));
const W: Mat = { rows: npy.shape[0], cols: npy.shape[1], data: Float64Array.from(npy.data as ArrayLike<number>) };

const all: [string, () => Figure][] = [
  ['solutionPopulationsFigure', () => figures.solutionPopulationsFigure(solution)],
  ['activeContextsFigure', () => figures.activeContextsFigure(solution)],
  ['solutionSelectivityFigure', () => figures.solutionSelectivityFigure(solution)],
  ['solutionSelectivityFigure P = 1', () => figures.solutionSelectivityFigure(fixture('solution-k1.json'))],
  ['neuronScatterFigure', () => figures.neuronScatterFigure(network)],
  ['populationComparisonFigure', () => figures.populationComparisonFigure(analysis)],
  ['populationSelectivityComparisonFigure', () => figures.populationSelectivityComparisonFigure(analysis)],
  ['weightScaleMatchFigure', () => figures.weightScaleMatchFigure(analysis)],
  ['specializationFigure', () => figures.specializationFigure(sweep)],
  ['selectivityFigure', () => figures.selectivityFigure(transitions)],
  ['sweepMismatchFigure', () => figures.sweepMismatchFigure(transitions)],
  ['evaluationR2Figure', () => figures.evaluationR2Figure(evaluations[0])],
  ['r2AgainstStimulusStdFigure', () => figures.r2AgainstStimulusStdFigure(evaluations)],
  ['mcmcTraceFigure', () => figures.mcmcTraceFigure(mcmc)],
  ['mcmcRhatFigure', () => figures.mcmcRhatFigure(mcmc)],
  ['mcmcEssFigure', () => figures.mcmcEssFigure(mcmc)],
  ['weightMatrixFigure', () => figures.weightMatrixFigure({ matrix: W, metrics })],
  ['eigenvalueFigure', () => figures.eigenvalueFigure({ eigenvalues: fixture('eigenvalues-100.json'), metrics })],
];

describe.each(all)('%s', (_, build) => {
  const figure = build();
  const svg = figures.renderSvg(figure);
  const texts = svgTexts(svg);

  it('is well-formed SVG at the figure size, with every axis title as text', () => {
    expect(svg).toContain(`width="${figure.width ?? 640}" height="${figure.height ?? 400}"`);
    const titles = axisTitles(figure);
    expect(titles.length).toBeGreaterThanOrEqual(2);
    for (const title of titles) expect(texts, title).toContain(title);
  });

  it('has no animation, no NaN, and writes negative numbers with a real minus sign', () => {
    expect(figure.option.animation).toBe(false);
    expect(svg.replace(/data:image\/png;base64,[^"]*/g, '')).not.toMatch(/NaN|undefined/);
    for (const text of texts) expect(text, text).not.toMatch(/^-\d/);
  });

  it('has an id, a title and a caption', () => {
    expect(figure.kind).toBe('chart');
    expect(figure.id).toMatch(/^[a-z0-9-]+$/);
    expect(figure.title.length).toBeGreaterThan(5);
    expect(figure.caption.length).toBeGreaterThan(40);
  });
});

describe('renderSvg', () => {
  it('draws every scatter point inside the plot, spread out (not piled at the origin)', () => {
    const figure = figures.neuronScatterFigure(network);
    const svg = figures.renderSvg(figure);
    const positions = [...svg.matchAll(/<path d="M1 0A1 1 0 1 1 1 -0.1A1 1 0 0 1 1 0" transform="matrix\(2,0,0,2,([\d.]+),([\d.]+)\)"/g)];
    expect(positions.length).toBe(seriesOf(figure).reduce((sum, entry) => sum + entry.data.length, 0));
    const xs = positions.map((match) => Number(match[1]));
    const ys = positions.map((match) => Number(match[2]));
    // The grid of singleGrid(): 72 px from the left, 24 from the right, 56 from the top, 56 from the bottom of 640 x 400.
    for (const x of xs) expect(x >= 72 && x <= 616, String(x)).toBe(true);
    for (const y of ys) expect(y >= 56 && y <= 344, String(y)).toBe(true);
    expect(new Set(positions.map((match) => `${match[1]},${match[2]}`)).size).toBeGreaterThan(590);
  });

  it('writes the heatmap as one stretched, pixelated image over its grid', () => {
    const svg = figures.renderSvg(figures.weightMatrixFigure({ matrix: W, metrics }));
    const images = svg.match(/<image [^>]*>/g) ?? [];
    expect(images.length).toBe(1);
    expect(images[0]).toContain('preserveAspectRatio="none"');
    expect(images[0]).toMatch(/width="392" height="392" x="64" y="44"/);
    expect(svg.length).toBeLessThan(400_000);
  });

  it('keeps the axes at the edge of the plot when the range spans zero', () => {
    const svg = figures.renderSvg(figures.eigenvalueFigure({ eigenvalues: fixture('eigenvalues-100.json'), metrics }));
    // The y axis line is the vertical stroke in the axis colour at the grid's left edge (x = 64), not at Re = 0.
    expect(svg).toMatch(/<path d="M64\.5 432L64\.5 48" fill="none" pointer-events="visible" stroke="#54555a"/);
    expect(svg).toContain('\u22121');
  });

  it('takes another size, and rejects a bad one', () => {
    const figure = figures.activeContextsFigure(solution);
    expect(figures.renderSvg(figure, { width: 300, height: 200 })).toContain('width="300" height="200"');
    expect(() => figures.renderSvg(figure, { width: 0 })).toThrow(/`width`/);
  });
});
