import type { TaskBatch } from './batches.js';
import { dot } from './kernels.js';
import type { Activations } from './forward.js';
import type { ParameterBuffer } from './initialization.js';
import type { Network } from './network.js';

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

  for (let i = 0; i < N; i++) {
    const base = i * B;
    const wi = w[i];
    // Pass 1: readout gradient, and d_b = (dL/dz_b) g_ib written over the gain row.
    let readout = 0;
    if (nonlinearity === 'relu') {
      for (let b = 0; b < B; b++) {
        const x = X[base + b];
        readout += dz[b] * x;
        G[base + b] = x > 0 ? dz[b] : 0;
      }
    } else {
      for (let b = 0; b < B; b++) {
        readout += dz[b] * X[base + b];
        G[base + b] *= dz[b];
      }
    }
    gradW[i] = readout + weightDecay * wi;
    // Context weights: c is one-hot, so the gradient of v_ik sums d over context k's segment.
    for (let k = 0; k < K; k++) {
      let drive = 0;
      for (let b = base + contextStart[k], end = base + contextStart[k + 1]; b < end; b++) drive += G[b];
      gradV[i * K + k] = wi * drive;
    }
    // Pass 2: stimulus weights, one dot product per feature.
    for (let j = 0; j < P; j++) gradU[i * P + j] = wi * dot(G, base, S, j * B, B) + weightDecay * u[i * P + j];
  }
  return sse / B;
}
