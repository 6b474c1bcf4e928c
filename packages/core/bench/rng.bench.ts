// Throughput of the random draws every sampler and trainer builds on.
import { Bench } from 'tinybench';
import { createRng, truncatedNormal } from '../src/index.js';

const DRAWS = 100_000;
const rng = createRng('bench');
let sink = 0;

const bench = new Bench({ time: 500 });
bench
  .add('uniform (Alea)', () => {
    for (let i = 0; i < DRAWS; i++) sink += rng.next();
  })
  .add('normal (Box-Muller)', () => {
    for (let i = 0; i < DRAWS; i++) sink += rng.normal();
  })
  .add('truncated normal, v > 0 (relu gate)', () => {
    for (let i = 0; i < DRAWS; i++) sink += truncatedNormal(rng, 0.3, 1, 0, Infinity);
  })
  .add('truncated normal, far tail v > 3', () => {
    for (let i = 0; i < DRAWS; i++) sink += truncatedNormal(rng, 0, 1, 3, Infinity);
  });

await bench.run();
if (!Number.isFinite(sink)) throw new Error('benchmark produced a non-finite sum');
for (const task of bench.tasks) {
  const result = task.result;
  if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
  const { mean } = result.latency;
  console.log(`${task.name.padEnd(40)} ${((DRAWS / mean) * 1000 / 1e6).toFixed(1).padStart(6)} million draws/s`);
}
