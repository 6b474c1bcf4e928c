// Low-rank solves of model.md §14 (ring teacher, R = 2, 40 polar points, 121^2
// trapezoid nodes): conditional (target < 50 ms) and joint (target < 2 s; an
// independent NumPy implementation takes 1-10 s). Each solve must reach its
// residual, so the bench is also a smoke test. Quick mode: each task once.
import { Bench } from 'tinybench';
import { DEFAULT_RIDGE, fieldTargets, gridPoints, mixtureField, teacherPreset, trapezoidPoints } from '@maxent/constraints';
import { solveConditional, solveJoint } from '../src/index.js';

const TARGETS_MS: Record<string, number> = { conditional: 50, joint: 2000 };

export async function runLowRankBench(): Promise<boolean> {
  const points = gridPoints(2, { kind: 'polar', extent: 3, radii: 5, angles: 16 }, true);
  const problem = { rank: 2, nonlinearity: 'tanh' as const, points, targets: fieldTargets(mixtureField(teacherPreset('ring')), points), priorMStd: 1, priorNStd: 1, ridge: DEFAULT_RIDGE };
  // Quick mode runs each task once at full size: at 31^2 nodes the ridge residual checks do not hold.
  const nodes = 121;
  const grid = trapezoidPoints(2, 1, nodes, 8);
  const bench = new Bench({ time: 1000, iterations: 5, warmupIterations: 1 });
  bench.add(`conditional R=2 T=40 ${nodes}^2 nodes`, () => {
    const solution = solveConditional(problem, grid);
    if (!(solution.maxResidual < 1e-6)) throw new Error(`conditional: residual ${solution.maxResidual}`);
    return solution.klFromPrior;
  });
  bench.add(`joint R=2 T=40 ${nodes}^2 nodes`, () => {
    const solution = solveJoint(problem, grid);
    if (!solution.converged || !(solution.maxResidual < 1e-5)) throw new Error(`joint: ${solution.message}`);
    return solution.klFromPrior;
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
    console.log(`${task.name.padEnd(36)} ${`${result.latency.mean.toFixed(1)} ms`.padStart(10)} (target < ${TARGETS_MS[mode]} ms)`);
  }
  return !failed;
}
