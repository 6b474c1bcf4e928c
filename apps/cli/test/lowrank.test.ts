import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeNpy } from '@maxent/core';
import { runMaxent, temporaryFolder } from './harness.js';

describe('maxent lowrank (interfaces.md, model.md §14)', () => {
  it('teacher -> constraints -> solve -> sample -> analyze on the bistable preset', async () => {
    const folder = temporaryFolder();
    expect((await runMaxent(['lowrank', 'teacher', '--preset', 'bistable', '--neurons', '3000', '--out', 't.json', '--quiet'], folder)).code).toBe(0);
    const teacher = JSON.parse(readFileSync(join(folder, 't.json'), 'utf8'));
    expect(teacher.kind).toBe('lowrank-network');
    expect(teacher.meanField.fixedPoints.map((p: { kind: string }) => p.kind)).toEqual(['stable', 'stable', 'source']);
    expect(Math.abs(teacher.meanField.fixedPoints[1].kappa[0] - 1.3371089)).toBeLessThan(1e-6);
    expect((await runMaxent(['lowrank', 'constraints', '--network', 't.json', '--out', 'c.json', '--quiet'], folder)).code).toBe(0);
    const constraints = JSON.parse(readFileSync(join(folder, 'c.json'), 'utf8'));
    expect(constraints.points.length).toBe(30);
    expect(constraints.gram.nullDimensions).toBeGreaterThan(10);
    const solve = await runMaxent(['lowrank', 'solve', '--constraints', 'c.json', '--out', 's.json', '--quiet'], folder);
    expect(solve.code, solve.stderr).toBe(0);
    const solution = JSON.parse(readFileSync(join(folder, 's.json'), 'utf8'));
    expect(solution.kind).toBe('lowrank-solution');
    expect(solution.maxResidual).toBeLessThan(1e-6);
    expect('lambda' in solution).toBe(false);
    expect(solution.meanField.fixedPoints.length).toBe(3);
    expect((await runMaxent(['lowrank', 'sample', '--solution', 's.json', '--neurons', '4000', '--seed', '3', '--out', 'n.json', '--quiet'], folder)).code).toBe(0);
    const first = readFileSync(join(folder, 'n.json'), 'utf8');
    expect((await runMaxent(['lowrank', 'sample', '--solution', 's.json', '--neurons', '4000', '--seed', '3', '--out', 'n.json', '--quiet'], folder)).code).toBe(0);
    expect(readFileSync(join(folder, 'n.json'), 'utf8')).toBe(first);
    const analyze = await runMaxent(['lowrank', 'analyze', '--network', 'n.json', '--teacher', 't.json', '--out', 'a.json', '--quiet'], folder);
    expect(analyze.code, analyze.stderr).toBe(0);
    const analysis = JSON.parse(readFileSync(join(folder, 'a.json'), 'utf8'));
    expect(analysis.kind).toBe('lowrank-analysis');
    expect(analysis.fixedPoints.length).toBe(3);
    expect(analysis.dissimilarity.energyDistance).toBeLessThan(0.05);
  }, 120_000);

  it.each([
    ['quadstable', 'fixed-points', false, false],
    ['ring', 'ring', true, false],
    ['cycle', 'cycle', false, true],
  ] as const)('simulate a %s teacher network (N = 20000): attractor %s, ring %s, cycle %s', async (preset, kind, ring, cycle) => {
    const folder = temporaryFolder();
    expect((await runMaxent(['lowrank', 'teacher', '--preset', preset, '--seed', '5', '--out', 't.json', '--quiet'], folder)).code).toBe(0);
    const run = await runMaxent(['lowrank', 'simulate', '--network', 't.json', '--out', 'a.json', '--quiet'], folder);
    expect(run.code, run.stderr).toBe(0);
    const analysis = JSON.parse(readFileSync(join(folder, 'a.json'), 'utf8'));
    expect(analysis.attractor.kind).toBe(kind);
    expect(analysis.ring !== null).toBe(ring);
    expect(analysis.cycle !== null).toBe(cycle);
    if (ring) expect(Math.abs(analysis.ring.radius - 0.9481)).toBeLessThan(0.02);
    if (cycle) expect(Math.abs(analysis.cycle.period / (4 * Math.PI) - 1)).toBeLessThan(0.02);
  }, 120_000);

  it('inconsistent targets from trajectories (G(-kappa) != -G(kappa)) are exit 3 with the reason', async () => {
    const folder = temporaryFolder();
    // alpha 0.1: G(1) = (1.1 - 0.9) / 0.1 = 2 but G(-1) = (-1 + 0.9) / 0.1 = -1.
    writeFileSync(join(folder, 'trajectories.npy'), encodeNpy(Float64Array.of(1, 1.1, -1, -1), [2, 2, 1]));
    const run = await runMaxent(['lowrank', 'constraints', '--trajectories', 'trajectories.npy', '--alpha', '0.1'], folder);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/inconsistent.*G\(-kappa\) = -G\(kappa\)/);
  });

  it('bad input is exit 2 naming the setting', async () => {
    const folder = temporaryFolder();
    const preset = await runMaxent(['lowrank', 'teacher', '--preset', 'bistabel'], folder);
    expect(preset.code).toBe(2);
    expect(preset.stderr).toMatch(/--preset.*bistable, ring, cycle, quadstable/);
    writeFileSync(join(folder, 'config.json'), JSON.stringify({ presett: 'ring' }));
    const config = await runMaxent(['lowrank', 'teacher', '--config', 'config.json'], folder);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/unknown key `presett`.*did you mean `preset`/);
  });
});
