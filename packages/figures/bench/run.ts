// renderSvg at the sizes of charts.md: a scatter of 10^4 neurons (drawn in full,
// maxPoints raised) and a 500 x 500 weight matrix drawn as one raster image.
// Each output must be a non-empty SVG with no NaN, so the benchmark is also a
// smoke test. Run: pnpm --filter @maxent/figures bench (compiled with esbuild,
// run under node: scripts/bench.mjs).
import { Bench } from 'tinybench';
import { createRng } from '@maxent/core';
import { neuronScatterFigure, renderSvg, weightMatrixFigure, type NetworkFile } from '../src/index.js';

const NEURONS = 10_000;
const SIZE = 500;

function randomNetwork(neurons: number): NetworkFile {
  const rng = createRng('bench/network');
  const rows = (length: number) => Array.from({ length: neurons }, () => Array.from({ length }, () => rng.normal()));
  return {
    schemaVersion: 1,
    kind: 'network',
    config: {},
    versions: {},
    nonlinearity: 'relu',
    neurons,
    u: rows(3),
    v: rows(3),
    w: Array.from({ length: neurons }, () => rng.normal()),
    task: [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
  };
}

function randomMatrix(size: number) {
  const rng = createRng('bench/matrix');
  const data = new Float64Array(size * size);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  return { rows: size, cols: size, data };
}

const network = randomNetwork(NEURONS);
const matrix = randomMatrix(SIZE);
const scatter = neuronScatterFigure(network, { maxPoints: NEURONS });
const heatmap = weightMatrixFigure({ matrix });
const sizes = new Map<string, number>();

function check(name: string, svg: string): void {
  // NaN anywhere but inside an inline image's base64 would be a broken coordinate.
  if (!svg.startsWith('<svg') || svg.length < 1000 || svg.replace(/data:image\/png;base64,[^"]*/g, '').includes('NaN')) throw new Error(`${name}: bad SVG (${svg.length} characters)`);
  sizes.set(name, svg.length);
}

const cases: [string, () => void][] = [
  [`scatter ${NEURONS} points: build`, () => void neuronScatterFigure(network, { maxPoints: NEURONS })],
  [`scatter ${NEURONS} points: renderSvg`, () => check(`scatter ${NEURONS} points: renderSvg`, renderSvg(scatter))],
  [`heatmap ${SIZE}x${SIZE}: build (raster + PNG)`, () => void weightMatrixFigure({ matrix })],
  [`heatmap ${SIZE}x${SIZE}: renderSvg`, () => check(`heatmap ${SIZE}x${SIZE}: renderSvg`, renderSvg(heatmap))],
];

const bench = new Bench({ time: 1000, iterations: 5, warmupIterations: 1 });
for (const [name, run] of cases) bench.add(name, run);
await bench.run();

let failed = false;
console.log('case                                        mean         p50      samples   SVG size');
bench.tasks.forEach((task, index) => {
  const name = cases[index][0];
  const result = task.result;
  if (result.state !== 'completed') {
    failed = true;
    console.log(`${name}: ${result.state}${'error' in result ? ` ${String(result.error)}` : ''}`);
    return;
  }
  const { mean, p50, samplesCount } = result.latency;
  if (!Number.isFinite(mean)) failed = true;
  const size = sizes.get(name);
  console.log(
    `${name.padEnd(42)} ${`${mean.toFixed(1)} ms`.padStart(10)} ${`${p50.toFixed(1)} ms`.padStart(10)} ${String(samplesCount).padStart(8)}   ${size === undefined ? '' : `${(size / 1e6).toFixed(2)} MB`}`,
  );
});
if (failed) process.exitCode = 1;
