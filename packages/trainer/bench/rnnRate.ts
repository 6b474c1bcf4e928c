// RNN training throughput alone (bench/rnn.ts) for each product kernel:
// `pnpm --filter @maxent/trainer bench:rnn [windows]`. The machine is shared, so
// the steps are timed in windows of 4 and the report gives the median and the
// best window, per CPU second of this process (process.cpuUsage) and per wall
// second; the best window is the closest to a quiet machine.
import { PYTORCH_TRIALS_PER_SECOND, RNN_BATCH, rnnStep } from './rnn.js';

const windows = Number(process.argv[2] ?? 12);
const stepsPerWindow = 4;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

for (const regularizer of ['l1', 'sernn'] as const) {
  for (const kernel of ['simd', 'javascript'] as const) {
    const step = rnnStep(regularizer, kernel);
    // Enough steps for V8 to tier the wasm kernels up from its baseline compiler (Liftoff) to TurboFan.
    for (let warm = 0; warm < 10; warm++) step();
    const perCpu: number[] = [];
    const perWall: number[] = [];
    for (let window = 0; window < windows; window++) {
      const cpu = process.cpuUsage();
      const wall = performance.now();
      for (let s = 0; s < stepsPerWindow; s++) step();
      const used = process.cpuUsage(cpu);
      perCpu.push((stepsPerWindow * RNN_BATCH) / ((used.user + used.system) / 1e6));
      perWall.push((stepsPerWindow * RNN_BATCH) / ((performance.now() - wall) / 1000));
    }
    const anchor = PYTORCH_TRIALS_PER_SECOND[regularizer];
    const cpuMedian = median(perCpu);
    const cpuBest = Math.max(...perCpu);
    console.log(
      `rnn ${regularizer} ${kernel}: trials per CPU second median ${Math.round(cpuMedian)} (${(cpuMedian / anchor).toFixed(2)} x PyTorch float64), ` +
        `best ${Math.round(cpuBest)} (${(cpuBest / anchor).toFixed(2)} x); per wall second median ${Math.round(median(perWall))}, best ${Math.round(Math.max(...perWall))}`,
    );
  }
}
