import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { expectAllClose } from '#testing';
import {
  latentVelocity,
  lowrankConditionalMeanFigure,
  lowrankConstraintsFigure,
  lowrankDensityFigure,
  lowrankFlowFigure,
  lowrankLoadingsFigure,
  lowrankTrajectoriesFigure,
  renderSvg,
  teacherConditionalMean,
  type LowRankAnalysisFile,
  type LowRankConstraintsFile,
  type LowRankNetworkFile,
  type LowRankSolutionFile,
} from '../src/index.js';
import { densityImage } from '../src/lowrankDensity.js';
import { axes, copy, fixture, seriesNamed, seriesOf, svgTexts } from './helpers.js';

// Made by make-fixtures.sh with `maxent lowrank`: teachers of 400 neurons, joint
// solutions of their mean-field constraints, and analyses of the teachers' networks.
const bistable = fixture<LowRankNetworkFile>('lowrank-teacher-bistable.json');
const quadstable = fixture<LowRankNetworkFile>('lowrank-teacher-quadstable.json');
const bistableAnalysis = fixture<LowRankAnalysisFile>('lowrank-analysis-bistable.json');
const quadstableAnalysis = fixture<LowRankAnalysisFile>('lowrank-analysis-quadstable.json');
const bistableSolution = fixture<LowRankSolutionFile>('lowrank-solution-bistable.json');
const quadstableSolution = fixture<LowRankSolutionFile>('lowrank-solution-quadstable.json');

describe('latentVelocity', () => {
  it('vanishes at the fixed points that @maxent/analysis found for the same finite network', () => {
    for (const [network, analysis] of [
      [bistable, bistableAnalysis],
      [quadstable, quadstableAnalysis],
    ] as const) {
      expect(analysis.fixedPoints!.length).toBeGreaterThan(2);
      for (const point of analysis.fixedPoints!) {
        expectAllClose(latentVelocity(network, point.kappa), point.kappa.map(() => 0), { atol: 1e-9 });
      }
    }
  });

  it('is odd in kappa for tanh without bias, and its Jacobian at a stable point has the eigenvalues of the analysis', () => {
    const kappa = [0.7, -0.3];
    expectAllClose(latentVelocity(quadstable, kappa.map((v) => -v)), latentVelocity(quadstable, kappa).map((v) => -v), { atol: 1e-13 });
    // Finite differences at a fixed point of the rank-1 network: d(velocity)/dkappa = eigenvalue.
    const point = bistableAnalysis.fixedPoints!.find((entry) => entry.kind === 'stable')!;
    const h = 1e-5;
    const slope = (latentVelocity(bistable, [point.kappa[0] + h])[0] - latentVelocity(bistable, [point.kappa[0] - h])[0]) / (2 * h);
    expect(slope).toBeCloseTo(point.eigenvalues!.real[0], 6);
  });
});

describe('lowrankFlowFigure', () => {
  it('rank 2: one arrow per grid point along the velocity, and the mean-field fixed points by kind', () => {
    const figure = lowrankFlowFigure(quadstable, { resolution: 5, extent: 2 });
    const shafts = seriesOf(figure).find((entry) => entry.type === 'line')!.data as ([number, number] | null)[];
    expect(shafts.length).toBe(25 * 3);
    let longest = 0;
    for (let k = 0; k < 25; k++) {
      const [start, end, gap] = [shafts[3 * k], shafts[3 * k + 1], shafts[3 * k + 2]];
      expect(gap).toBeNull();
      const velocity = latentVelocity(quadstable, start!);
      const drawn = [end![0] - start![0], end![1] - start![1]];
      // Parallel to the velocity (cross product 0, same direction).
      expect(Math.abs(drawn[0] * velocity[1] - drawn[1] * velocity[0])).toBeLessThan(1e-12);
      expect(drawn[0] * velocity[0] + drawn[1] * velocity[1]).toBeGreaterThanOrEqual(0);
      longest = Math.max(longest, Math.hypot(...drawn));
    }
    expect(longest).toBeCloseTo(0.9, 12); // 0.9 grid steps of 1
    const kinds = quadstable.meanField!.fixedPoints;
    expect(seriesNamed(figure, 'stable').data).toEqual(kinds.filter((p) => p.kind === 'stable').map((p) => p.kappa));
    expect(seriesNamed(figure, 'saddle').data).toEqual(kinds.filter((p) => p.kind === 'saddle').map((p) => p.kappa));
    expect(seriesNamed(figure, 'stable').data.length).toBe(4);
    expect(seriesNamed(figure, 'saddle').data.length).toBe(4);
    expect((seriesNamed(figure, 'saddle').itemStyle as { color: string }).color).toBe('#FFFFFF');
  });

  it('rank 1: the velocity curve crosses 0 at the stable points +-1.3371 (model.md §14)', () => {
    const figure = lowrankFlowFigure(bistable);
    const curve = seriesNamed(figure, 'velocity τ dκ/dt').data as [number, number][];
    expect(curve.length).toBe(201);
    for (const [kappa, velocity] of curve.filter((_, i) => i % 20 === 0)) expect(velocity).toBeCloseTo(latentVelocity(bistable, [kappa])[0], 14);
    const crossings = curve.slice(1).filter((point, i) => Math.sign(point[1]) !== Math.sign(curve[i][1]) && point[1] !== 0);
    const positive = crossings.map((point) => point[0]).filter((kappa) => kappa > 0.5);
    expect(positive.length).toBe(1);
    expect(Math.abs(positive[0] - 1.3371)).toBeLessThan(0.06); // finite N = 400 and a grid step of 0.03
    expect(seriesNamed(figure, 'stable').data).toEqual(bistable.meanField!.fixedPoints.filter((p) => p.kind === 'stable').map((p) => [p.kappa[0], 0]));
  });

  it('renders to well-formed SVG with its axis titles', () => {
    const texts = svgTexts(renderSvg(lowrankFlowFigure(quadstable)));
    expect(texts).toContain('κ₁');
    expect(texts).toContain('κ₂');
  });

  it('rejects a rank it cannot draw and unknown nonlinearities, naming the field', () => {
    const rank3 = copy(quadstable);
    rank3.rank = 3;
    rank3.m = rank3.m.map((row: number[]) => [...row, 0]);
    rank3.n = rank3.n.map((row: number[]) => [...row, 0]);
    expect(() => lowrankFlowFigure(rank3)).toThrow(InvalidInputError);
    expect(() => lowrankFlowFigure(rank3)).toThrow(/`rank`/);
    const softplus = copy(bistable);
    softplus.nonlinearity = 'softplus';
    expect(() => lowrankFlowFigure(softplus)).toThrow(/`nonlinearity`.*tanh, relu/);
    const broken = copy(bistable);
    broken.n.pop();
    expect(() => lowrankFlowFigure(broken)).toThrow(/`n`/);
  });
});

describe('lowrankTrajectoriesFigure', () => {
  it('rank 2: one path per trial, state by state, from its start, with the analysis fixed points', () => {
    const figure = lowrankTrajectoriesFigure(quadstableAnalysis);
    const trajectories = quadstableAnalysis.simulations.trajectories;
    for (let trial = 0; trial < trajectories.length; trial++) {
      expect(seriesNamed(figure, `trial ${trial + 1}`).data).toEqual(trajectories[trial].map((state) => [state[0], state[1]]));
    }
    expect(seriesNamed(figure, 'start').data).toEqual(trajectories.map((trajectory) => trajectory[0]));
    expect(seriesNamed(figure, 'stable').data).toEqual(quadstableAnalysis.fixedPoints!.filter((p) => p.kind === 'stable').map((p) => p.kappa));
    // Every trial ends near a stable point of quadstable (radius 1.8251 on the axes, model.md §14).
    for (const trajectory of trajectories) expect(Math.hypot(...trajectory[trajectory.length - 1])).toBeGreaterThan(1.5);
  });

  it('rank 1: kappa against time, and rejects trajectories of the wrong length', () => {
    const figure = lowrankTrajectoriesFigure(bistableAnalysis);
    const { times, trajectories } = bistableAnalysis.simulations;
    expect(seriesNamed(figure, 'trial 1').data).toEqual(trajectories[0].map((state, t) => [times[t], state[0]]));
    const broken = copy(bistableAnalysis);
    broken.simulations.trajectories[0].pop();
    expect(() => lowrankTrajectoriesFigure(broken)).toThrow(/`simulations.trajectories`/);
  });
});

describe('lowrankLoadingsFigure', () => {
  it('rank 2: panel (s, r) plots m_r against n_s for every neuron', () => {
    const figure = lowrankLoadingsFigure(quadstable);
    const series = seriesOf(figure);
    expect(series.length).toBe(4);
    for (let s = 0; s < 2; s++) {
      for (let r = 0; r < 2; r++) {
        const panel = series[s * 2 + r];
        expect(panel.xAxisIndex).toBe(s * 2 + r);
        expect(panel.data).toEqual(quadstable.m.map((row, i) => [row[r], quadstable.n[i][s]]));
      }
    }
    expect(figure.caption).toContain('All 400 neurons are drawn.');
  });

  it('draws a seeded subsample above maxPoints and says so', () => {
    const figure = lowrankLoadingsFigure(bistable, { maxPoints: 50, seed: 4 });
    const points = seriesOf(figure)[0].data as [number, number][];
    expect(points.length).toBe(50);
    expect(figure.caption).toContain('A seeded random subsample of 50 of the 400 neurons is drawn (seed 4).');
    const neurons = new Map(bistable.m.map((row, i) => [row[0], bistable.n[i][0]]));
    for (const [m, n] of points) expect(neurons.get(m)).toBe(n);
    expect(lowrankLoadingsFigure(bistable, { maxPoints: 50, seed: 4 }).option).toEqual(figure.option);
    expect(() => lowrankLoadingsFigure(bistable, { maxPoints: 0 })).toThrow(/`maxPoints`/);
  });
});

describe('teacherConditionalMean', () => {
  it('is 2m for bistable (n = 2m + xi, model.md §14) and odd for the symmetric quadstable mixture', () => {
    for (const m of [-2, -0.5, 0, 1.3]) expect(teacherConditionalMean(bistable.teacher!, [m])[0]).toBeCloseTo(2 * m, 12);
    const at = teacherConditionalMean(quadstable.teacher!, [0.4, -1.1]);
    expectAllClose(teacherConditionalMean(quadstable.teacher!, [-0.4, 1.1]), at.map((v) => -v), { atol: 1e-12 });
    // Far inside one component, the mean is that component's n mean (2.31, 2.31).
    expectAllClose(teacherConditionalMean(quadstable.teacher!, [0.87, 0.87]), [2.31, 2.31], { atol: 0.02 });
  });
});

describe('lowrankConditionalMeanFigure', () => {
  it('rank 1: the solution curve value by value and the teacher closed form 2m', () => {
    const figure = lowrankConditionalMeanFigure(bistableSolution, bistable);
    const table = bistableSolution.conditionalMean!;
    expect(seriesNamed(figure, 'solution').data).toEqual(table.m.map((m, i) => [m[0], table.values[i][0]]));
    const teacher = seriesNamed(figure, 'teacher').data as [number, number][];
    expectAllClose(teacher.map((point) => point[1]), table.m.map((m) => 2 * m[0]), { atol: 1e-12 });
    expect(seriesOf(lowrankConditionalMeanFigure(bistableSolution)).map((entry) => entry.name)).toEqual(['solution']);
  });

  it('rank 2: teacher against solution at the grid points within 2 sigma_m, and needs the teacher', () => {
    const figure = lowrankConditionalMeanFigure(quadstableSolution, quadstable);
    const table = quadstableSolution.conditionalMean!;
    const inside = table.m.map((m, i) => ({ m, value: table.values[i] })).filter(({ m }) => Math.hypot(...m) <= 2 + 1e-9);
    for (const s of [0, 1]) {
      const points = seriesOf(figure)[s].data as [number, number][];
      expect(points.length).toBe(inside.length);
      expectAllClose(points.map((point) => point[1]), inside.map(({ value }) => value[s]), { rtol: 0, atol: 0 });
      expectAllClose(points.map((point) => point[0]), inside.map(({ m }) => teacherConditionalMean(quadstable.teacher!, m)[s]), { atol: 1e-12 });
    }
    expect(() => lowrankConditionalMeanFigure(quadstableSolution)).toThrow(/`teacher`/);
    expect(() => lowrankConditionalMeanFigure(quadstableSolution, bistable)).toThrow(/`teacher.rank`/);
  });
});

describe('lowrankDensityFigure', () => {
  it('rank 1: the density curve integrates to 1, its modes lie at local maxima, the prior is N(0, 1)', () => {
    const figure = lowrankDensityFigure(bistableSolution);
    const curve = seriesNamed(figure, 'solution p(m)').data as [number, number][];
    const grid = bistableSolution.pm!.grid!;
    expect(curve).toEqual(grid.axis.map((m, i) => [m, (grid.density as number[])[i]]));
    let integral = 0;
    for (let i = 1; i < curve.length; i++) integral += ((curve[i][0] - curve[i - 1][0]) * (curve[i][1] + curve[i - 1][1])) / 2;
    expect(integral).toBeCloseTo(1, 2);
    const prior = seriesNamed(figure, 'prior p₀(m)').data as [number, number][];
    expect(prior[Math.floor(prior.length / 2)][1]).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 1);
    const modes = seriesNamed(figure, 'modes').data as [number, number][];
    expect(modes.length).toBe(bistableSolution.pm!.modes.length);
    const peak = Math.max(...curve.map((point) => point[1]));
    for (const [, value] of modes) expect(value).toBeGreaterThan(0.9 * peak);
  });

  it('rank 2: one image pixel per grid node where the density has mass, value by value; the mass sums to 1', () => {
    const { axis, density } = quadstableSolution.pm!.grid! as { axis: number[]; density: number[][] };
    const { size, image, nodes, low, top, high } = densityImage(axis, density);
    const step = axis[1] - axis[0];
    const first = axis.indexOf(nodes[0]);
    for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) expect(image[r * size + c]).toBe(density[first + c][first + size - 1 - r]);
    expect(low).toBeCloseTo(nodes[0] - step / 2, 12);
    expect(top).toBeCloseTo(nodes[size - 1] + step / 2, 12);
    expect(high).toBe(Math.max(...density.flat()));
    // Nearly all the mass of the whole grid lies in the drawn square (trapezoid = sum at vanishing edges).
    const mass = image.reduce((sum, value) => sum + value, 0) * step * step;
    expect(mass).toBeCloseTo(1, 2);
    const figure = lowrankDensityFigure(quadstableSolution);
    expect(seriesNamed(figure, 'modes').data).toEqual(quadstableSolution.pm!.modes);
    expect(quadstableSolution.pm!.modes.length).toBe(4); // four clusters near the teacher's components (model.md §14)
    expect(axes(figure, 'xAxis')[0].min).toBe(low);
  });

  it('rejects a solution without p(m)', () => {
    const conditional = copy(bistableSolution);
    conditional.pm = null;
    expect(() => lowrankDensityFigure(conditional)).toThrow(/`pm.grid`/);
  });
});

describe('lowrankConstraintsFigure', () => {
  const constraints = fixture<LowRankConstraintsFile>('lowrank-constraints-quadstable.json');
  it('rank 2: an arrow at each point along G_t - kappa_t, which is the teacher network velocity there up to finite N', () => {
    const figure = lowrankConstraintsFigure(constraints);
    const shafts = seriesOf(figure).find((entry) => entry.type === 'line')!.data as ([number, number] | null)[];
    expect(shafts.length).toBe(3 * constraints.points.length);
    constraints.points.forEach((kappa, t) => {
      expect(shafts[3 * t]).toEqual([kappa[0], kappa[1]]);
      const drawn = [shafts[3 * t + 1]![0] - kappa[0], shafts[3 * t + 1]![1] - kappa[1]];
      const target = [constraints.G[t][0] - kappa[0], constraints.G[t][1] - kappa[1]];
      expect(Math.abs(drawn[0] * target[1] - drawn[1] * target[0])).toBeLessThan(1e-12);
      // The mean-field target and the 400-neuron teacher's own velocity (an independent route) point the same way.
      const finite = latentVelocity(quadstable, kappa);
      expect(finite[0] * target[0] + finite[1] * target[1]).toBeGreaterThan(0);
    });
  });

  it('rank 1: G_t - kappa_t against kappa_t', () => {
    const rank1 = fixture<LowRankConstraintsFile>('lowrank-constraints-bistable.json');
    const figure = lowrankConstraintsFigure(rank1);
    expect(seriesOf(figure)[0].data).toEqual(rank1.points.map((kappa, t) => [kappa[0], rank1.G[t][0] - kappa[0]]));
    const broken = copy(rank1);
    broken.G.pop();
    expect(() => lowrankConstraintsFigure(broken)).toThrow(/`G`/);
  });
});
