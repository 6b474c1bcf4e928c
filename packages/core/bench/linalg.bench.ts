// Dense linear algebra at N = 100 and N = 500 on a dense Gaussian matrix
// (entries N(0, 1/N), seeded, as analysis' weight-matrix benchmark): the
// product and LU solve kernels, the matrix exponential (expm), all eigenvalues
// and the leading eigenpair of the symmetric part (Lanczos). Every result is
// checked to be finite, so the benchmark is also a smoke test.
import { Bench } from 'tinybench';
import { createRng, eigenvalues, expm, leadingSymmetricEigenpair, type Mat } from '../src/index.js';
import { multiplySquare, solveInPlace } from '../src/internal.js';
import { benchSizes } from '#bench';

const SIZES = benchSizes([100, 500]);

function gaussian(n: number, seed: number): Mat {
  const rng = createRng(seed);
  const data = new Float64Array(n * n);
  const scale = 1 / Math.sqrt(n);
  for (let index = 0; index < data.length; index++) data[index] = rng.normal() * scale;
  return { rows: n, cols: n, data };
}

function symmetricPart(matrix: Mat): Mat {
  const n = matrix.rows;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) data[i * n + j] = (matrix.data[i * n + j] + matrix.data[j * n + i]) / 2;
  }
  return { rows: n, cols: n, data };
}

function checkFinite(label: string, values: ArrayLike<number>): void {
  for (let index = 0; index < values.length; index++) {
    if (!Number.isFinite(values[index])) throw new Error(`${label}: non-finite result ${values[index]} at index ${index}`);
  }
}

/** Floating-point operations of one call, for a GFlop/s column (null: not a fixed count). */
const rows: { label: string; flops: number | null }[] = [];
const bench = new Bench({ time: 1000, iterations: 5, warmupIterations: 2 });
for (const n of SIZES) {
  const a = gaussian(n, n);
  const b = gaussian(n, n + 1);
  const symmetric = symmetricPart(a);
  const out = new Float64Array(n * n);
  const factor = new Float64Array(n * n);
  const solution = new Float64Array(n * n);
  const add = (name: string, flops: number | null, run: () => void) => {
    const label = `${name} N=${n}`;
    rows.push({ label, flops });
    bench.add(label, run);
  };
  add('multiplySquare (C = A B)', 2 * n ** 3, () => {
    multiplySquare(a.data, b.data, out, n);
    checkFinite('multiplySquare', out);
  });
  // LU with partial pivoting (2n^3/3) and two triangular solves with n right-hand sides (2n^3).
  add('solveInPlace (A X = B)', (8 / 3) * n ** 3, () => {
    factor.set(a.data);
    solution.set(b.data);
    if (!solveInPlace(factor, solution, n)) throw new Error('solveInPlace: singular');
    checkFinite('solveInPlace', solution);
  });
  add('expm', null, () => checkFinite('expm', expm(a).data));
  add('eigenvalues (Hessenberg QR)', null, () => {
    const values = eigenvalues(a);
    checkFinite('eigenvalues', values.real);
    checkFinite('eigenvalues', values.imaginary);
  });
  add('leading symmetric eigenpair (Lanczos)', null, () => {
    const pair = leadingSymmetricEigenpair(symmetric);
    checkFinite('Lanczos', [pair.value]);
    checkFinite('Lanczos', pair.vector);
  });
}
await bench.run();

let failed = false;
const width = Math.max(...rows.map((row) => row.label.length));
console.log(`${'linear algebra'.padEnd(width)}   mean          p50           samples   GFlop/s`);
bench.tasks.forEach((task, index) => {
  const { label, flops } = rows[index];
  const result = task.result;
  if (result.state !== 'completed') {
    failed = true;
    console.log(`${label}: ${result.state}${'error' in result ? ` ${String(result.error)}` : ''}`);
    return;
  }
  const { mean, p50, samplesCount } = result.latency;
  const rate = flops === null ? '' : (flops / (mean * 1e6)).toFixed(2).padStart(8);
  console.log(
    `${label.padEnd(width)}   ${`${mean.toFixed(2)} ms`.padStart(10)}    ${`${p50.toFixed(2)} ms`.padStart(10)}    ${String(samplesCount).padStart(4)}   ${rate}`,
  );
});
if (failed) process.exitCode = 1;
