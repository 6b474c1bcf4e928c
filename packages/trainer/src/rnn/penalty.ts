import { assertNever } from '@maxent/core';
import { expmFrechetOfValidated, expmOfValidated, type Float64Arena } from '@maxent/core/internal';

/**
 * The constraint terms of model.md §12, L = L_task + gamma * L_constraint, on the
 * recurrent matrix W (n x n, rows presynaptic), and their gradients:
 *
 * - `l1`: sum |W|;
 * - `space`: sum |W| . D;
 * - `comm`: sum |W| . C;
 * - `sernn`: sum |W| . D . C;
 *
 * with C = expm(S^-1/2 |W| S^-1/2), S the diagonal of the row sums of |W| (a zero
 * row sum gives S^-1/2 = 0, as in §11), and the diagonal of C set to 0. C is
 * computed from the current W.
 */
export const REGULARIZERS = ['none', 'l1', 'space', 'comm', 'sernn'] as const;
export type Regularizer = (typeof REGULARIZERS)[number];

/**
 * How the communicability penalties are differentiated: `frechet` through expm
 * (as the original differentiates through tf.linalg.expm), or `fixed`, which
 * holds C fixed within a step (d/dW of sum |W| . M . C with C a constant): an
 * approximation, offered only as this named option.
 */
export const COMMUNICABILITY_GRADIENTS = ['frechet', 'fixed'] as const;
export type CommunicabilityGradient = (typeof COMMUNICABILITY_GRADIENTS)[number];

/**
 * L_constraint of W and, when `gradient` is given, gradient += gamma * d L_constraint / dW.
 * `distances` is D (n x n); unused by `none` and `l1`. The derivative of |w| at
 * 0 is taken as 0 (sign(0) = 0, as TensorFlow's). With `scratch` (room for
 * expmFrechetScratchLength(n) entries), the Fréchet derivative runs its products
 * there, on the arena's kernels; the result is the same to the bit.
 */
export function constraintAndGradient(
  regularizer: Regularizer,
  w: Float64Array,
  n: number,
  distances: Float64Array,
  gamma: number,
  gradient: Float64Array | null,
  mode: CommunicabilityGradient = 'frechet',
  scratch?: Float64Arena,
): number {
  switch (regularizer) {
    case 'none':
      return 0;
    case 'l1':
    case 'space': {
      const spatial = regularizer === 'space';
      let value = 0;
      for (let index = 0; index < n * n; index++) {
        const factor = spatial ? distances[index] : 1;
        value += Math.abs(w[index]) * factor;
        if (gradient !== null) gradient[index] += gamma * Math.sign(w[index]) * factor;
      }
      return value;
    }
    case 'comm':
    case 'sernn':
      return communicabilityPenalty(w, n, regularizer === 'sernn' ? distances : null, gamma, gradient, mode, scratch);
    default:
      return assertNever(regularizer);
  }
}

/**
 * sum |W| . M . C with M = D (seRNN) or 1 (`spatial` null), and its gradient.
 *
 * With A = |W|, s_i = r_i^-1/2 (r_i = sum_j A_ij), X = diag(s) A diag(s) and
 * C = e^X (diagonal zeroed): P = sum A.M.C, so with G = A.M (diagonal zeroed, since
 * the diagonal of C does not enter), dP/dC = G and, through the exponential,
 * dP/dX = L(X^T, G), the adjoint of the Fréchet derivative (<G, L(X, E)> =
 * <L(X^T, G), E> for the exponential). One call of core's expmFrechet on
 * (X^T, G) gives e^(X^T) = C^T and that L. Then by the chain rule through X_ij = s_i A_ij s_j:
 *   dP/dA_ij = M_ij C_ij + s_i s_j Y_ij + dP/dr_i,
 *   dP/dr_k = -s_k^3 / 2 * (sum_j Y_kj A_kj s_j + sum_i Y_ik s_i A_ik),
 * and dP/dW = sign(W) . dP/dA.
 */
function communicabilityPenalty(
  w: Float64Array,
  n: number,
  spatial: Float64Array | null,
  gamma: number,
  gradient: Float64Array | null,
  mode: CommunicabilityGradient,
  scratch: Float64Arena | undefined,
): number {
  const mark = scratch?.mark();
  try {
    return communicabilityTerms(w, n, spatial, gamma, gradient, mode, scratch);
  } finally {
    if (mark !== undefined) scratch?.release(mark);
  }
}

function communicabilityTerms(
  w: Float64Array,
  n: number,
  spatial: Float64Array | null,
  gamma: number,
  gradient: Float64Array | null,
  mode: CommunicabilityGradient,
  scratch: Float64Arena | undefined,
): number {
  const size = n * n;
  const a = new Float64Array(size);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let j = 0; j < n; j++) {
      const value = Math.abs(w[i * n + j]);
      a[i * n + j] = value;
      rowSum += value;
    }
    s[i] = rowSum > 0 ? 1 / Math.sqrt(rowSum) : 0;
  }
  // X^T, since the Fréchet step needs e^(X^T) and L(X^T, G); C = (e^(X^T))^T.
  const xT = new Float64Array(size);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) xT[j * n + i] = s[i] * a[i * n + j] * s[j];
  const g = new Float64Array(size);
  for (let index = 0; index < size; index++) g[index] = spatial === null ? a[index] : a[index] * spatial[index];
  for (let i = 0; i < n; i++) g[i * n + i] = 0;

  let expT: Float64Array;
  let y: Float64Array | null = null;
  if (gradient !== null && mode === 'frechet') {
    const result = expmFrechetOfValidated(xT, g, n, scratch);
    expT = result.exp.data;
    y = result.frechet.data;
  } else {
    expT = expmOfValidated({ rows: n, cols: n, data: xT }).data;
  }
  // P = sum_ij G_ij C_ij with C_ij = expT[j][i] (G's zero diagonal drops C's).
  let value = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) value += g[i * n + j] * expT[j * n + i];
  if (gradient === null) return value;

  const dA = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i !== j) dA[i * n + j] = (spatial === null ? 1 : spatial[i * n + j]) * expT[j * n + i];
    }
  }
  if (y !== null) {
    const dS = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const yij = y[i * n + j];
        dA[i * n + j] += s[i] * s[j] * yij;
        const term = yij * a[i * n + j];
        dS[i] += term * s[j];
        dS[j] += term * s[i];
      }
    }
    for (let k = 0; k < n; k++) {
      const dR = -0.5 * s[k] ** 3 * dS[k];
      for (let j = 0; j < n; j++) dA[k * n + j] += dR;
    }
  }
  for (let index = 0; index < size; index++) gradient[index] += gamma * Math.sign(w[index]) * dA[index];
  return value;
}
