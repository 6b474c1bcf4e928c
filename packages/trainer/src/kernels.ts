/**
 * Inner loops shared by the forward and backward passes (model.md §2, §10),
 * over row-major Float64Array. They are the hot path of training, so they are
 * written for V8: no allocation, no calls per element, four trials per
 * iteration (four independent accumulators hide the latency of the
 * multiply-adds and share the loop overhead of the short loop over P).
 */

/**
 * Pre-activations of neuron i over a batch:
 * h[offset + b] = v[i*K + context[b]] + sum_j u[i*P + j] * S[j*B + b]  for b < B,
 * with the stimuli S stored feature-major (P x B) and c one-hot (context index).
 */
export function preactivations(
  u: Float64Array,
  v: Float64Array,
  i: number,
  P: number,
  K: number,
  S: Float64Array,
  context: Int32Array | ArrayLike<number>,
  B: number,
  h: Float64Array,
  offset: number,
): void {
  const uRow = i * P;
  const vRow = i * K;
  let b = 0;
  for (; b + 4 <= B; b += 4) {
    let h0 = v[vRow + context[b]];
    let h1 = v[vRow + context[b + 1]];
    let h2 = v[vRow + context[b + 2]];
    let h3 = v[vRow + context[b + 3]];
    for (let j = 0; j < P; j++) {
      const uij = u[uRow + j];
      const r = j * B + b;
      h0 += uij * S[r];
      h1 += uij * S[r + 1];
      h2 += uij * S[r + 2];
      h3 += uij * S[r + 3];
    }
    h[offset + b] = h0;
    h[offset + b + 1] = h1;
    h[offset + b + 2] = h2;
    h[offset + b + 3] = h3;
  }
  for (; b < B; b++) {
    let value = v[vRow + context[b]];
    for (let j = 0; j < P; j++) value += u[uRow + j] * S[j * B + b];
    h[offset + b] = value;
  }
}

/** z[b] += weight * x[offset + b] for b < B. */
export function accumulate(z: Float64Array, weight: number, x: Float64Array, offset: number, B: number): void {
  for (let b = 0; b < B; b++) z[b] += weight * x[offset + b];
}

/** relu in place with the output accumulated: x = max(h, 0); z[b] += weight * x. */
export function reluAccumulate(z: Float64Array, weight: number, x: Float64Array, offset: number, B: number): void {
  for (let b = 0; b < B; b++) {
    // Math.max compiles to a branch-free max: relu gates are close to 50/50,
    // so a branch would mispredict about half the time.
    const value = Math.max(x[offset + b], 0);
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
