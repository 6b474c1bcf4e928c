/**
 * Inner loops shared by the forward and backward passes (model.md §2, §10),
 * over row-major Float64Array. They are the hot path of training, written for
 * V8: no allocation, no calls per element, and the sum over the P stimulus
 * features unrolled four features at a time, so every loop over the batch is
 * a flat loop of independent multiply-adds. (A generic inner `for j < P` loop
 * ran at about half the speed: V8 does not unroll loops whose bound is not a
 * compile-time constant.)
 */

/**
 * Pre-activations of neuron i over a batch (the evaluation forward pass, contexts
 * in any order):
 * h[b] = v[i*K + context[b]] + sum_j u[i*P + j] * S[j*B + b]  for b < B,
 * with the stimuli S stored feature-major (P x B) and c one-hot (context index).
 * A last block of fewer than four features is padded with u = 0 on its first
 * row, as in the kernels below (0 * s = 0 for finite stimuli, so the sums are
 * those of the shorter block).
 */
export function preactivations(
  u: Float64Array,
  v: Float64Array,
  i: number,
  P: number,
  K: number,
  S: Float64Array,
  context: ArrayLike<number>,
  B: number,
  h: Float64Array,
): void {
  const uRow = i * P;
  const vRow = i * K;
  for (let b = 0; b < B; b++) h[b] = v[vRow + context[b]];
  for (let j = 0; j < P; j += 4) {
    const u0 = u[uRow + j];
    const u1 = j + 1 < P ? u[uRow + j + 1] : 0;
    const u2 = j + 2 < P ? u[uRow + j + 2] : 0;
    const u3 = j + 3 < P ? u[uRow + j + 3] : 0;
    const r0 = j * B;
    const r1 = j + 1 < P ? r0 + B : r0;
    const r2 = j + 2 < P ? r0 + 2 * B : r0;
    const r3 = j + 3 < P ? r0 + 3 * B : r0;
    for (let b = 0; b < B; b++) h[b] += u0 * S[r0 + b] + u1 * S[r1 + b] + u2 * S[r2 + b] + u3 * S[r3 + b];
  }
}

/**
 * Pre-activations of neuron i on a context-sorted training batch:
 * h[offset + b] = v_ik + sum_j u_ij s_jb, the context drive added segment by
 * segment. (relu with P <= 4, the common case, goes through
 * {@link reluForwardSmall} instead.)
 */
export function forwardRowSorted(
  u: Float64Array,
  v: Float64Array,
  i: number,
  P: number,
  K: number,
  S: Float64Array,
  contextStart: Int32Array,
  B: number,
  h: Float64Array,
  offset: number,
): void {
  const uRow = i * P;
  const vRow = i * K;
  // The first (up to) four features in one sweep, padded with u = 0 on row 0.
  const u0 = u[uRow];
  const u1 = P > 1 ? u[uRow + 1] : 0;
  const u2 = P > 2 ? u[uRow + 2] : 0;
  const u3 = P > 3 ? u[uRow + 3] : 0;
  const r1 = P > 1 ? B : 0;
  const r2 = P > 2 ? 2 * B : 0;
  const r3 = P > 3 ? 3 * B : 0;
  for (let k = 0; k < K; k++) {
    const vik = v[vRow + k];
    const end = contextStart[k + 1];
    for (let b = contextStart[k]; b < end; b++) h[offset + b] = vik + u0 * S[b] + u1 * S[r1 + b] + u2 * S[r2 + b] + u3 * S[r3 + b];
  }
  for (let j = 4; j < P; j++) {
    const uij = u[uRow + j];
    const r = j * B;
    for (let b = 0; b < B; b++) h[offset + b] += uij * S[r + b];
  }
}

/**
 * The whole relu training forward pass for P <= 4 (model.md §2): for every
 * neuron i and trial b, X[i*B + b] = x_ib = relu(v_ik + sum_j u_ij s_jb), and
 * z[b] = sum_i w_i x_ib (unscaled: the caller applies 1/N).
 *
 * Four neurons per sweep over the batch: each trial's stimulus (four loads) and
 * z[b] (a load and a store) then serve four neurons instead of one, which took
 * this pass from about 450 to 250 us per step at N = 1000, B = 128 (every typed
 * array access costs a bounds check besides the load, and V8 keeps none of it
 * in registers across neurons). Sixteen u's, four v's and four w's live in
 * locals. Missing features (P < 4) are padded with u = 0 on row 0 of S
 * (0 * s = 0 for finite stimuli), so one loop serves every P <= 4; the last
 * N mod 4 neurons take a one-neuron loop.
 */
export function reluForwardSmall(
  u: Float64Array,
  v: Float64Array,
  w: Float64Array,
  N: number,
  P: number,
  K: number,
  S: Float64Array,
  contextStart: Int32Array,
  B: number,
  X: Float64Array,
  z: Float64Array,
): void {
  const r1 = P > 1 ? B : 0;
  const r2 = P > 2 ? 2 * B : 0;
  const r3 = P > 3 ? 3 * B : 0;
  z.fill(0, 0, B);
  let i = 0;
  for (; i + 4 <= N; i += 4) {
    const pa = i * P;
    const pb = pa + P;
    const pc = pb + P;
    const pd = pc + P;
    const a0 = u[pa];
    const a1 = P > 1 ? u[pa + 1] : 0;
    const a2 = P > 2 ? u[pa + 2] : 0;
    const a3 = P > 3 ? u[pa + 3] : 0;
    const b0 = u[pb];
    const b1 = P > 1 ? u[pb + 1] : 0;
    const b2 = P > 2 ? u[pb + 2] : 0;
    const b3 = P > 3 ? u[pb + 3] : 0;
    const c0 = u[pc];
    const c1 = P > 1 ? u[pc + 1] : 0;
    const c2 = P > 2 ? u[pc + 2] : 0;
    const c3 = P > 3 ? u[pc + 3] : 0;
    const d0 = u[pd];
    const d1 = P > 1 ? u[pd + 1] : 0;
    const d2 = P > 2 ? u[pd + 2] : 0;
    const d3 = P > 3 ? u[pd + 3] : 0;
    const wa = w[i];
    const wb = w[i + 1];
    const wc = w[i + 2];
    const wd = w[i + 3];
    const xa = i * B;
    const xb = xa + B;
    const xc = xb + B;
    const xd = xc + B;
    const qa = i * K;
    const qb = qa + K;
    const qc = qb + K;
    const qd = qc + K;
    for (let k = 0; k < K; k++) {
      const va = v[qa + k];
      const vb = v[qb + k];
      const vc = v[qc + k];
      const vd = v[qd + k];
      for (let b = contextStart[k], end = contextStart[k + 1]; b < end; b++) {
        const s0 = S[b];
        const s1 = S[r1 + b];
        const s2 = S[r2 + b];
        const s3 = S[r3 + b];
        const ha = va + a0 * s0 + a1 * s1 + a2 * s2 + a3 * s3;
        const hb = vb + b0 * s0 + b1 * s1 + b2 * s2 + b3 * s3;
        const hc = vc + c0 * s0 + c1 * s1 + c2 * s2 + c3 * s3;
        const hd = vd + d0 * s0 + d1 * s1 + d2 * s2 + d3 * s3;
        // relu (kernels.ts `relu`) inlined: branch-free, exact.
        const ya = 0.5 * (ha + Math.abs(ha));
        const yb = 0.5 * (hb + Math.abs(hb));
        const yc = 0.5 * (hc + Math.abs(hc));
        const yd = 0.5 * (hd + Math.abs(hd));
        X[xa + b] = ya;
        X[xb + b] = yb;
        X[xc + b] = yc;
        X[xd + b] = yd;
        z[b] += wa * ya + wb * yb + (wc * yc + wd * yd);
      }
    }
  }
  for (; i < N; i++) {
    const p = i * P;
    const u0 = u[p];
    const u1 = P > 1 ? u[p + 1] : 0;
    const u2 = P > 2 ? u[p + 2] : 0;
    const u3 = P > 3 ? u[p + 3] : 0;
    const wi = w[i];
    const x0 = i * B;
    for (let k = 0; k < K; k++) {
      const vik = v[i * K + k];
      for (let b = contextStart[k], end = contextStart[k + 1]; b < end; b++) {
        const h = vik + u0 * S[b] + u1 * S[r1 + b] + u2 * S[r2 + b] + u3 * S[r3 + b];
        const x = 0.5 * (h + Math.abs(h));
        X[x0 + b] = x;
        z[b] += wi * x;
      }
    }
  }
}

/**
 * out[outOffset + j] = scale * sum_b d[dOffset + b] * S[j*B + b] + decay * u[outOffset + j]
 * for j < P: the stimulus-weight gradient of one neuron (backward.ts), four
 * features per pass so each d_b is loaded once per four products.
 */
export function featureDots(
  d: Float64Array,
  dOffset: number,
  S: Float64Array,
  P: number,
  B: number,
  scale: number,
  decay: number,
  u: Float64Array,
  out: Float64Array,
  outOffset: number,
): void {
  let j = 0;
  for (; j + 4 <= P; j += 4) {
    const r0 = j * B;
    const r1 = r0 + B;
    const r2 = r1 + B;
    const r3 = r2 + B;
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (let b = 0; b < B; b++) {
      const value = d[dOffset + b];
      a0 += value * S[r0 + b];
      a1 += value * S[r1 + b];
      a2 += value * S[r2 + b];
      a3 += value * S[r3 + b];
    }
    out[outOffset + j] = scale * a0 + decay * u[outOffset + j];
    out[outOffset + j + 1] = scale * a1 + decay * u[outOffset + j + 1];
    out[outOffset + j + 2] = scale * a2 + decay * u[outOffset + j + 2];
    out[outOffset + j + 3] = scale * a3 + decay * u[outOffset + j + 3];
  }
  for (; j < P; j++) out[outOffset + j] = scale * dot(d, dOffset, S, j * B, B) + decay * u[outOffset + j];
}

/** z[b] += weight * x[offset + b] for b < B. */
export function accumulate(z: Float64Array, weight: number, x: Float64Array, offset: number, B: number): void {
  for (let b = 0; b < B; b++) z[b] += weight * x[offset + b];
}

/**
 * relu(h) = (h + |h|) / 2 without a branch. Exact in floating point (h + h and the
 * halving are exact; h + |h| = 0 for h <= 0) up to overflow beyond 8e307.
 * relu gates are open about half the time, so `h > 0 ? h : 0` and Math.max
 * (which V8 compiles with branches for NaN and -0) mispredict about every other
 * element; this form took the relu forward kernel from ~520 to ~300 us per
 * step at N = 1000, B = 128 (bench/run.ts).
 */
export function relu(h: number): number {
  return 0.5 * (h + Math.abs(h));
}

/**
 * The relu gain 1[x > 0] of an output x = relu(h) >= 0, without a branch:
 * ceil(x / (x + 1)) is 0 at x = 0 and 1 for every finite x > 0 (x / (x + 1) lies
 * in (0, 1]; for subnormal x it is x itself). Consistent with relu'(0) = 0 of
 * @maxent/constraints. NaN stays NaN (and x = Infinity gives NaN: the run has
 * diverged). The earlier ceil(min(x, 1)) was not branch-free: V8 compiles
 * Math.min with compare-and-jump (for NaN and -0), so it mispredicted whenever
 * x >= 1 was as unpredictable as it is in training (about 170 us per step of
 * the relu backward pass at N = 1000, B = 128; the division costs far less).
 */
export function reluGainOfOutput(x: number): number {
  return Math.ceil(x / (x + 1));
}

/** relu in place with the output accumulated: x = relu(h); z[b] += weight * x. */
export function reluAccumulate(z: Float64Array, weight: number, x: Float64Array, offset: number, B: number): void {
  for (let b = 0; b < B; b++) {
    const h = x[offset + b];
    const value = 0.5 * (h + Math.abs(h));
    x[offset + b] = value;
    z[b] += weight * value;
  }
}

/** sum_b a[aOffset + b] * c[cOffset + b] for b < B, with four accumulators. */
export function dot(a: Float64Array, aOffset: number, c: Float64Array, cOffset: number, B: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let b = 0;
  for (; b + 4 <= B; b += 4) {
    s0 += a[aOffset + b] * c[cOffset + b];
    s1 += a[aOffset + b + 1] * c[cOffset + b + 1];
    s2 += a[aOffset + b + 2] * c[cOffset + b + 2];
    s3 += a[aOffset + b + 3] * c[cOffset + b + 3];
  }
  for (; b < B; b++) s0 += a[aOffset + b] * c[cOffset + b];
  return s0 + s1 + (s2 + s3);
}
