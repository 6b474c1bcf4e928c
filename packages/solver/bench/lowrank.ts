// Low-rank solves of model.md §14 (ring and quadstable teachers, R = 2, 40 polar points,
// 121^2 trapezoid nodes): conditional (target < 50 ms) and joint (target < 2 s; an
// independent NumPy implementation takes 1-10 s). Each solve must reach its residual,
// so the bench is also a smoke test. The outputs the CLI writes are timed apart from
// the solves: E[n|m] on the 41^2 report grid, and one evaluation of the solution's
// latent field (fixed points and flow fields take hundreds to thousands of them).
// Wall time and CPU time (process.cpuUsage: the machine may be shared) per call.
import { Bench } from 'tinybench';
import { DEFAULT_RIDGE, fieldTargets, gridPoints, mixtureField, teacherPreset, trapezoidPoints, type TeacherPreset } from '@maxent/constraints';
import { conditionalMean, solutionField, solveConditional, solveJoint, type LowRankSolution } from '../src/index.js';

const TARGETS_MS: Record<string, number> = { conditional: 50, joint: 2000 };

export async function runLowRankBench(): Promise<boolean> {
  const points = gridPoints(2, { kind: 'polar', extent: 3, radii: 5, angles: 16 }, true);
  const problemOf = (name: TeacherPreset) => ({ rank: 2, nonlinearity: 'tanh' as const, points, targets: fieldTargets(mixtureField(teacherPreset(name)), points), priorMStd: 1, priorNStd: 1, ridge: DEFAULT_RIDGE });
  // Quick mode runs each task once at full size: at 31^2 nodes the ridge residual checks do not hold.
  const nodes = 121;
  const grid = trapezoidPoints(2, 1, nodes, 8);
  const bench = new Bench({ time: 1000, iterations: 5, warmupIterations: 1 });
  const cpu = new Map<string, { total: number; calls: number }>();
  const timed = (name: string, task: () => number) => {
    cpu.set(name, { total: 0, calls: 0 });
    bench.add(name, () => {
      const start = process.cpuUsage();
      const value = task();
      const used = process.cpuUsage(start);
      const entry = cpu.get(name);
      if (entry !== undefined) {
        entry.total += (used.user + used.system) / 1000;
        entry.calls++;
      }
      if (!Number.isFinite(value)) throw new Error(`${name}: not finite`);
      return value;
    });
  };
  const solutions = new Map<string, LowRankSolution>();
  for (const name of ['ring', 'quadstable'] as const) {
    const problem = problemOf(name);
    timed(`conditional ${name} R=2 T=40 ${nodes}^2 nodes`, () => {
      const solution = solveConditional(problem, grid);
      if (!(solution.maxResidual < 1e-6)) throw new Error(`conditional: residual ${solution.maxResidual}`);
      solutions.set(name, solution);
      return solution.klFromPrior;
    });
    timed(`joint ${name} R=2 T=40 ${nodes}^2 nodes`, () => {
      const solution = solveJoint(problem, grid);
      if (!solution.converged || !(solution.maxResidual < 1e-5)) throw new Error(`joint: ${solution.message}`);
      return solution.klFromPrior;
    });
  }
  const axis = Array.from({ length: 41 }, (_, k) => -4 + (8 * k) / 40);
  timed('output: E[n|m] on the 41^2 report grid (ring, conditional)', () => {
    const solution = solutions.get('ring') ?? solveConditional(problemOf('ring'), grid);
    let sum = 0;
    for (const x of axis) for (const y of axis) sum += conditionalMean(solution, [x, y])[0];
    return sum;
  });
  timed(`output: build the solution's latent field on ${nodes}^2 nodes (ring, conditional)`, () => {
    const solution = solutions.get('ring') ?? solveConditional(problemOf('ring'), grid);
    const g = new Float64Array(2);
    solutionField(solution).evaluate(Float64Array.of(0.4, -0.3), g);
    return g[0];
  });
  let field: ReturnType<typeof solutionField> | null = null;
  const g = new Float64Array(2);
  const jacobian = new Float64Array(4);
  timed(`output: one evaluation of that field, with its Jacobian`, () => {
    field ??= solutionField(solutions.get('ring') ?? solveConditional(problemOf('ring'), grid));
    field.evaluate(Float64Array.of(0.4, -0.3), g, jacobian);
    return g[0] + jacobian[0];
  });
  await bench.run();
  let failed = false;
  for (const task of bench.tasks) {
    const result = task.result;
    if (result.state !== 'completed') {
      failed = true;
      console.log(`${task.name}: ${result.state}${'error' in result ? ` ${String(result.error)}` : ''}`);
      continue;
    }
    const mode = task.name.split(' ')[0];
    const used = cpu.get(task.name);
    const cpuText = used === undefined || used.calls === 0 ? '' : `, CPU ${(used.total / used.calls).toFixed(1)} ms`;
    const target = TARGETS_MS[mode] === undefined ? '' : ` (target < ${TARGETS_MS[mode]} ms)`;
    console.log(`${task.name.padEnd(66)} ${`${result.latency.mean.toFixed(1)} ms`.padStart(10)} wall${cpuText}${target}`);
  }
  return !failed;
}
