import type { TaskBatch } from './batches.js';
import { featureDots, reluGainOfOutput } from './kernels.js';
import type { Activations } from './forward.js';
import type { ParameterBuffer } from './initialization.js';
import type { Network } from '@maxent/constraints';

/**
 * Loss of model.md §10 on one minibatch of B trials, with an optional L2 penalty
 * on u and w (not v: the context weights carry the gains, and the max-ent prior
 * keeps their spread):
 *
 *     L(theta) = (1/B) sum_b (z_b - y_b)^2 + (lambda / 2N) sum_i (|u_i|^2 + w_i^2)
 *
 * Mean-field parametrisation (§2, §10). With z = (1/N) sum_i w_i phi(h_i), each
 * neuron's gradient dL/dtheta_i is O(1/N), so plain gradient descent with a fixed
 * step would slow down as N grows. We hand the optimisers the *per-neuron
 * gradient* N dL/dtheta_i, which is O(1) and has a limit as N -> infinity (it
 * depends on neuron i and on the population only through the output z):
 *
 *     N dL/dw_i   = (2/B) sum_b e_b x_ib                   + lambda w_i
 *     N dL/du_ij  = w_i (2/B) sum_b e_b g_ib s_bj           + lambda u_ij
 *     N dL/dv_ik  = w_i (2/B) sum_{b in context k} e_b g_ib
 *
 * with e_b = z_b - y_b, x = phi(h), g = phi'(h). A step theta_i -= lr * N dL/dtheta_i
 * is gradient descent with learning rate lr * N, and moves every neuron by an
 * amount independent of N: the training dynamics have an N -> infinity limit
 * (the mean-field limit). The penalty is divided by N for the same reason, so
 * its per-neuron force lambda * theta_i does not depend on N either.
 *
 * Requires {@link forwardTraining} on the same batch first; overwrites
 * `activations.gain` with (dL/dz_b) g_ib (it is not needed afterwards). Returns the
 * minibatch MSE (without the penalty) and fills `gradient` (same layout as the
 * parameters). Allocates nothing.
 */
export function backward(
  network: Network,
  batch: TaskBatch,
  activations: Activations,
  weightDecay: number,
  gradient: ParameterBuffer,
): number {
  const { neurons: N, stimuli: P, contexts: K, u, w, nonlinearity } = network;
  const { size: B, stimulusByFeature: S, contextStart, target } = batch;
  const { activity: X, gain: G, output: z } = activations;
  const { u: gradU, v: gradV, w: gradW } = gradient;

  // z holds the outputs; overwrite them with dL/dz_b = 2 e_b / B. Since dz/dtheta_i
  // carries 1/N, N dL/dtheta_i = (dL/dz) (N dz/dtheta_i) needs no factor of N below.
  let sse = 0;
  for (let b = 0; b < B; b++) {
    const error = z[b] - target[b];
    sse += error * error;
    z[b] = (2 / B) * error;
  }
  const dz = z;

  const relu = nonlinearity === 'relu';
  if (relu && P <= 4) {
    reluBackwardSmall(network, batch, X, dz, weightDecay, gradient);
    return sse / B;
  }
  for (let i = 0; i < N; i++) {
    const base = i * B;
    const wi = w[i];
    // Pass 1, per context segment: the readout gradient sum_b dz_b x_ib, and
    // d_ib = dz_b g_ib (written over the gain row) with its segment sum, which is
    // the gradient of v_ik (c is one-hot). Four accumulators each: a single
    // running sum would wait on the latency of every add.
    let r0 = 0;
    let r1 = 0;
    let r2 = 0;
    let r3 = 0;
    for (let k = 0; k < K; k++) {
      let d0 = 0;
      let d1 = 0;
      let d2 = 0;
      let d3 = 0;
      let b = contextStart[k];
      const end = contextStart[k + 1];
      for (; b + 4 <= end; b += 4) {
        const t = base + b;
        const x0 = X[t];
        const x1 = X[t + 1];
        const x2 = X[t + 2];
        const x3 = X[t + 3];
        const g0 = dz[b];
        const g1 = dz[b + 1];
        const g2 = dz[b + 2];
        const g3 = dz[b + 3];
        r0 += g0 * x0;
        r1 += g1 * x1;
        r2 += g2 * x2;
        r3 += g3 * x3;
        const e0 = g0 * (relu ? Math.ceil(x0 / (x0 + 1)) : G[t]);
        const e1 = g1 * (relu ? Math.ceil(x1 / (x1 + 1)) : G[t + 1]);
        const e2 = g2 * (relu ? Math.ceil(x2 / (x2 + 1)) : G[t + 2]);
        const e3 = g3 * (relu ? Math.ceil(x3 / (x3 + 1)) : G[t + 3]);
        G[t] = e0;
        G[t + 1] = e1;
        G[t + 2] = e2;
        G[t + 3] = e3;
        d0 += e0;
        d1 += e1;
        d2 += e2;
        d3 += e3;
      }
      for (; b < end; b++) {
        const t = base + b;
        const x = X[t];
        r0 += dz[b] * x;
        const e = dz[b] * (relu ? reluGainOfOutput(x) : G[t]);
        G[t] = e;
        d0 += e;
      }
      gradV[i * K + k] = wi * (d0 + d1 + (d2 + d3));
    }
    gradW[i] = r0 + r1 + (r2 + r3) + weightDecay * wi;
    // Pass 2: stimulus weights, one dot product per feature.
    featureDots(G, base, S, P, B, wi, weightDecay, u, gradU, i * P);
  }
  return sse / B;
}

/**
 * The same gradient for relu with P <= 4 (the select tasks), two neurons per
 * sweep over the batch: each trial's dz_b and stimulus are loaded once for both
 * (typed-array loads, each with its bounds check, are what this loop spends its
 * time on). Nothing is written back.
 *
 * The readout gradient needs no sum of its own. With e_b = dz_b 1[h_ib > 0],
 * relu gives x_ib = 1[h_ib > 0] h_ib, so
 *
 *     sum_b dz_b x_ib = sum_b e_b (v_ik(b) + sum_j u_ij s_jb) = sum_k v_ik D_ik + sum_j u_ij A_ij
 *
 * where D_ik = sum_{b in k} e_b and A_ij = sum_b e_b s_jb are the context and
 * stimulus sums the other gradients need anyway (equal up to rounding). That
 * leaves five running sums per neuron, ten for the pair. Measured at N = 1000,
 * B = 128 inside training (bench/phases.ts): one neuron per sweep with its own
 * readout sum and the gain as ceil(min(x, 1)) ~650 us; this pair loop with that
 * gain ~550 us; with the branch-free gain of kernels.ts ~380 us. Four neurons
 * per sweep (twenty sums, spilled from V8's sixteen registers) were no faster.
 *
 * Missing features (P < 4) are padded with row 0 of S and their sums discarded.
 * The last neuron of an odd N takes a one-neuron loop.
 */
function reluBackwardSmall(
  network: Network,
  batch: TaskBatch,
  X: Float64Array,
  dz: Float64Array,
  weightDecay: number,
  gradient: ParameterBuffer,
): void {
  const { neurons: N, stimuli: P, contexts: K, u, v, w } = network;
  const { size: B, stimulusByFeature: S, contextStart } = batch;
  const { u: gradU, v: gradV, w: gradW } = gradient;
  const r1 = P > 1 ? B : 0;
  const r2 = P > 2 ? 2 * B : 0;
  const r3 = P > 3 ? 3 * B : 0;
  let i = 0;
  for (; i + 2 <= N; i += 2) {
    const xa = i * B;
    const xb = xa + B;
    const qa = i * K;
    const qb = qa + K;
    const wa = w[i];
    const wb = w[i + 1];
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let c0 = 0;
    let c1 = 0;
    let c2 = 0;
    let c3 = 0;
    let readoutA = 0;
    let readoutB = 0;
    for (let k = 0; k < K; k++) {
      let driveA = 0;
      let driveB = 0;
      for (let b = contextStart[k], end = contextStart[k + 1]; b < end; b++) {
        const g = dz[b];
        // dz_b * 1[x > 0], reluGainOfOutput inlined (branch-free).
        const ya = X[xa + b];
        const yb = X[xb + b];
        const ea = g * Math.ceil(ya / (ya + 1));
        const eb = g * Math.ceil(yb / (yb + 1));
        const s0 = S[b];
        const s1 = S[r1 + b];
        const s2 = S[r2 + b];
        const s3 = S[r3 + b];
        driveA += ea;
        a0 += ea * s0;
        a1 += ea * s1;
        a2 += ea * s2;
        a3 += ea * s3;
        driveB += eb;
        c0 += eb * s0;
        c1 += eb * s1;
        c2 += eb * s2;
        c3 += eb * s3;
      }
      const vA = v[qa + k];
      const vB = v[qb + k];
      readoutA += vA * driveA;
      readoutB += vB * driveB;
      gradV[qa + k] = wa * driveA;
      gradV[qb + k] = wb * driveB;
    }
    reluNeuronGradient(i, P, wa, readoutA, a0, a1, a2, a3, u, weightDecay, gradU, gradW);
    reluNeuronGradient(i + 1, P, wb, readoutB, c0, c1, c2, c3, u, weightDecay, gradU, gradW);
  }
  for (; i < N; i++) {
    const x0 = i * B;
    const q = i * K;
    const wi = w[i];
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    let readout = 0;
    for (let k = 0; k < K; k++) {
      let drive = 0;
      for (let b = contextStart[k], end = contextStart[k + 1]; b < end; b++) {
        const x = X[x0 + b];
        const e = dz[b] * Math.ceil(x / (x + 1));
        drive += e;
        a0 += e * S[b];
        a1 += e * S[r1 + b];
        a2 += e * S[r2 + b];
        a3 += e * S[r3 + b];
      }
      readout += v[q + k] * drive;
      gradV[q + k] = wi * drive;
    }
    reluNeuronGradient(i, P, wi, readout, a0, a1, a2, a3, u, weightDecay, gradU, gradW);
  }
}

/**
 * Finishes neuron i of {@link reluBackwardSmall} from its sums A_ij (a0..a3) and
 * sum_k v_ik D_ik (`readout`): the stimulus-weight and readout gradients.
 */
function reluNeuronGradient(
  i: number,
  P: number,
  wi: number,
  readout: number,
  a0: number,
  a1: number,
  a2: number,
  a3: number,
  u: Float64Array,
  weightDecay: number,
  gradU: Float64Array,
  gradW: Float64Array,
): void {
  const row = i * P;
  const u0 = u[row];
  let sum = readout + u0 * a0;
  gradU[row] = wi * a0 + weightDecay * u0;
  if (P > 1) {
    const u1 = u[row + 1];
    sum += u1 * a1;
    gradU[row + 1] = wi * a1 + weightDecay * u1;
  }
  if (P > 2) {
    const u2 = u[row + 2];
    sum += u2 * a2;
    gradU[row + 2] = wi * a2 + weightDecay * u2;
  }
  if (P > 3) {
    const u3 = u[row + 3];
    sum += u3 * a3;
    gradU[row + 3] = wi * a3 + weightDecay * u3;
  }
  gradW[i] = sum + weightDecay * wi;
}
