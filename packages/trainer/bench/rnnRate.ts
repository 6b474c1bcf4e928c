// RNN training throughput alone (bench/rnn.ts), per CPU second and per wall
// second, for each product kernel: `pnpm --filter @maxent/trainer bench:rnn`.
import { PYTORCH_TRIALS_PER_SECOND, RNN_BATCH, rnnStep } from './rnn.js';

const steps = Number(process.argv[2] ?? 40);
for (const regularizer of ['l1', 'sernn'] as const) {
  for (const kernel of ['simd', 'javascript'] as const) {
    const step = rnnStep(regularizer, kernel);
    for (let warm = 0; warm < 3; warm++) step();
    const cpu = process.cpuUsage();
    const wall = performance.now();
    for (let s = 0; s < steps; s++) step();
    const seconds = (performance.now() - wall) / 1000;
    const used = process.cpuUsage(cpu);
    const perCpu = (steps * RNN_BATCH) / ((used.user + used.system) / 1e6);
    const perWall = (steps * RNN_BATCH) / seconds;
    const ratio = perCpu / PYTORCH_TRIALS_PER_SECOND[regularizer];
    console.log(`rnn ${regularizer} ${kernel}: ${Math.round(perCpu)} trials per CPU second (${ratio.toFixed(2)} x PyTorch float64), ${Math.round(perWall)} per wall second`);
  }
}
