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
 * Pre-activations of neuron i over a batch:
 * h[offset + b] = v[i*K + context[b]] + sum_j u[i*P + j] * S[j*B + b]  for b < B,
 * with the stimuli S stored feature-major (P x B) and c one-hot (context index).
 * With `contextStart` (trials sorted by context, batches.ts) the context drive is
 * written segment by segment instead of gathered trial by trial, which is
 * faster.
 */
export function preactivations(
  u: Float64Array,
  v: Float64Array,
  i: number,
  P: number,
  K: number,
  S: Float64Array,
  context: Int32Array | ArrayLike<number>,
  contextStart: Int32Array | undefined,
  B: number,
  h: Float64Array,
  offset: number,
): void {
  const uRow = i * P;
  const vRow = i * K;
  if (contextStart === undefined) {
    for (let b = 0; b < B; b++) h[offset + b] = v[vRow + context[b]];
  } else {
    for (let k = 0; k < K; k++) {
      const vik = v[vRow + k];
      for (let b = offset + contextStart[k], end = offset + contextStart[k + 1]; b < end; b++) h[b] = vik;
    }
  }
  let j = 0;
  for (; j + 4 <= P; j += 4) {
    const u0 = u[uRow + j];
    const u1 = u[uRow + j + 1];
    const u2 = u[uRow + j + 2];
    const u3 = u[uRow + j + 3];
    const r0 = j * B;
    const r1 = r0 + B;
    const r2 = r1 + B;
    const r3 = r2 + B;
    for (let b = 0; b < B; b++) h[offset + b] += u0 * S[r0 + b] + u1 * S[r1 + b] + u2 * S[r2 + b] + u3 * S[r3 + b];
  }
  const rest = P - j;
  if (rest === 3) {
    const u0 = u[uRow + j];
    const u1 = u[uRow + j + 1];
    const u2 = u[uRow + j + 2];
    const r0 = j * B;
    const r1 = r0 + B;
    const r2 = r1 + B;
    for (let b = 0; b < B; b++) h[offset + b] += u0 * S[r0 + b] + u1 * S[r1 + b] + u2 * S[r2 + b];
  } else if (rest === 2) {
    const u0 = u[uRow + j];
    const u1 = u[uRow + j + 1];
    const r0 = j * B;
    const r1 = r0 + B;
    for (let b = 0; b < B; b++) h[offset + b] += u0 * S[r0 + b] + u1 * S[r1 + b];
  } else if (rest === 1) {
    const u0 = u[uRow + j];
    const r0 = j * B;
    for (let b = 0; b < B; b++) h[offset + b] += u0 * S[r0 + b];
  }
}

/**
 * The training forward pass of neuron i on a context-sorted batch, fused into
 * one sweep when P <= 4: h = v_ik + sum_j u_ij s_jb for the first (up to) four
 * features, and for relu also x = relu(h) and z[b] += weight * x in the same
 * loop. Features beyond four are added by {@link preactivations}-style passes.
 * Missing features of the first group are padded with u = 0 on row 0 (0 * s = 0
 * for finite stimuli), so one loop serves every P. Returns true when relu and
 * the output were already applied; otherwise `h` holds pre-activations.
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
  relu: boolean,
  weight: number,
  z: Float64Array,
): boolean {
  const uRow = i * P;
  const vRow = i * K;
  const u0 = u[uRow];
  const u1 = P > 1 ? u[uRow + 1] : 0;
  const u2 = P > 2 ? u[uRow + 2] : 0;
  const u3 = P > 3 ? u[uRow + 3] : 0;
  const r1 = P > 1 ? B : 0;
  const r2 = P > 2 ? 2 * B : 0;
  const r3 = P > 3 ? 3 * B : 0;
  const fused = relu && P <= 4;
  for (let k = 0; k < K; k++) {
    const vik = v[vRow + k];
    const end = contextStart[k + 1];
    if (fused) {
      for (let b = contextStart[k]; b < end; b++) {
        const value = vik + u0 * S[b] + u1 * S[r1 + b] + u2 * S[r2 + b] + u3 * S[r3 + b];
        const x = 0.5 * (value + Math.abs(value));
        h[offset + b] = x;
        z[b] += weight * x;
      }
    } else {
      for (let b = contextStart[k]; b < end; b++) h[offset + b] = vik + u0 * S[b] + u1 * S[r1 + b] + u2 * S[r2 + b] + u3 * S[r3 + b];
    }
  }
  if (fused) return true;
  for (let j = 4; j < P; j++) {
    const uij = u[uRow + j];
    const r = j * B;
    for (let b = 0; b < B; b++) h[offset + b] += uij * S[r + b];
  }
  if (!relu) return false;
  reluAccumulate(z, weight, h, offset, B);
  return true;
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
 * ceil(min(x, 1)) is 0 at x = 0 and 1 for every x > 0 (subnormals included).
 * Consistent with relu'(0) = 0 of @maxent/constraints. NaN stays NaN.
 */
export function reluGainOfOutput(x: number): number {
  return Math.ceil(Math.min(x, 1));
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
