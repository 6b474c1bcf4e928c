// Networks sampled from the low-rank max-ent solutions reproduce their teachers'
// dynamics (model.md §14 "Checks"), N = 20000: an end-to-end check across
// constraints, solver, sampler, trainer and analysis (so it lives with the app
// that depends on all of them).
import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed } from '@maxent/core';
import {
  DEFAULT_RIDGE,
  defaultPriorPoints,
  fieldTargets,
  gridPoints,
  mixtureField,
  networkField,
  teacherPreset,
  type LowRankProblem,
  type TeacherPreset,
} from '@maxent/constraints';
import { solveConditional, solveJoint, type LowRankSolution } from '@maxent/solver';
import { sampleSolutionNetwork } from '@maxent/sampler';
import { simulateLowRank, statesInSpan } from '@maxent/trainer';
import { cycleMeasures, latentFixedPoints, radialNullcline, ringMeasures } from '@maxent/analysis';

const N = 20_000;

function presetSolution(name: TeacherPreset, mode: 'conditional' | 'joint'): LowRankSolution {
  const teacher = teacherPreset(name);
  const R = teacher.rank;
  const points = R === 1 ? gridPoints(1, { kind: 'square', extent: 4, count: 61 }, true) : gridPoints(2, { kind: 'polar', extent: 3, radii: 5, angles: 16 }, true);
  const problem: LowRankProblem = { rank: R, nonlinearity: 'tanh', points, targets: fieldTargets(mixtureField(teacher), points), priorMStd: 1, priorNStd: 1, ridge: DEFAULT_RIDGE };
  const prior = defaultPriorPoints(R, 1, createRng(1));
  return mode === 'conditional' ? solveConditional(problem, prior) : solveJoint(problem, prior);
}

describe('sampled low-rank networks, N = 20000 (model.md §14 "Checks")', () => {
  it.each(['conditional', 'joint'] as const)('bistable (%s): exactly 3 fixed points in each of 20 networks, the stable one within 3 SE of 1.3371', (mode) => {
    const solution = presetSolution('bistable', mode);
    const stable: number[] = [];
    for (let k = 0; k < 20; k++) {
      const network = sampleSolutionNetwork(solution, N, createRng(deriveSeed(1, mode, k)));
      const points = latentFixedPoints(networkField(network), { extent: 3, startsPerDimension: 13 });
      expect(points.length).toBe(3);
      expect(points.map((p) => p.kind)).toEqual(['stable', 'stable', 'source']);
      stable.push(points[1].kappa[0]);
    }
    const mean = stable.reduce((a, b) => a + b, 0) / stable.length;
    const sd = Math.sqrt(stable.reduce((a, x) => a + (x - mean) ** 2, 0) / (stable.length - 1));
    expect(Math.abs(mean - 1.3371)).toBeLessThan((3 * sd) / Math.sqrt(stable.length));
  }, 120_000);

  it('ring (conditional): trajectories settle at radius within 0.02 of 0.9481', () => {
    const solution = presetSolution('ring', 'conditional');
    for (let k = 0; k < 2; k++) {
      const network = sampleSolutionNetwork(solution, N, createRng(deriveSeed(2, k)));
      const starts = Float64Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 1.5 * Math.cos((Math.PI * i) / 8) : 1.5 * Math.sin((Math.PI * (i - 1)) / 8)));
      const simulation = simulateLowRank(network, statesInSpan(network, starts), { alpha: 0.1, steps: 400, recordEvery: 10 });
      const ring = ringMeasures(simulation.latents, simulation.trials, simulation.records, 1);
      expect(Math.abs(ring.radius - 0.9481)).toBeLessThan(0.02);
      expect(radialNullcline(networkField(network)).kind).toBe('ring');
    }
  }, 120_000);

  it('cycle (joint): period within 2% of 4 pi tau', () => {
    const solution = presetSolution('cycle', 'joint');
    expect(solution.converged, solution.message).toBe(true);
    for (let k = 0; k < 2; k++) {
      const network = sampleSolutionNetwork(solution, N, createRng(deriveSeed(3, k)));
      const simulation = simulateLowRank(network, statesInSpan(network, Float64Array.of(0.5, 0)), { alpha: 0.05, steps: 2000, recordEvery: 2 });
      const cycle = cycleMeasures(simulation.latents, simulation.records, 0.1);
      expect(cycle.period).not.toBeNull();
      expect(Math.abs((cycle.period ?? 0) / (4 * Math.PI) - 1)).toBeLessThan(0.02);
      expect(Math.abs(cycle.radius - 0.9481)).toBeLessThan(0.05);
      expect(radialNullcline(networkField(network)).kind).toBe('cycle');
    }
  }, 120_000);

  it.each(['conditional', 'joint'] as const)('quadstable (%s): 4 stable points and 4 saddles in every network', (mode) => {
    const solution = presetSolution('quadstable', mode);
    for (let k = 0; k < 3; k++) {
      const network = sampleSolutionNetwork(solution, N, createRng(deriveSeed(4, mode, k)));
      const kinds = latentFixedPoints(networkField(network), { extent: 3, startsPerDimension: 13 }).map((p) => p.kind);
      expect(kinds.filter((kind) => kind === 'stable').length).toBe(4);
      expect(kinds.filter((kind) => kind === 'saddle').length).toBe(4);
      // No ring and no cycle: the fixed points sit on the attracting curve, and a settled trajectory has no period.
      expect(radialNullcline(networkField(network)).kind).toBe('fixed-points');
      const simulation = simulateLowRank(network, statesInSpan(network, Float64Array.of(1.5 * Math.cos(0.3), 1.5 * Math.sin(0.3))), { alpha: 0.05, steps: 400, recordEvery: 2 });
      expect(cycleMeasures(simulation.latents, simulation.records, 0.1).period).toBeNull();
    }
  }, 240_000);
});
