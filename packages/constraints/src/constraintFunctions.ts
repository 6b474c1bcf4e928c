import type { Nonlinearity } from './nonlinearity.js';

/**
 * f_kj(theta) = w * phi'(v_k) * u_j (model.md §3), written into `out` (length K*P,
 * row-major: index k*P + j). Returns `out`.
 */
export function constraintValues(
  phi: Nonlinearity,
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  w: number,
  out: Float64Array = new Float64Array(v.length * u.length),
): Float64Array {
  const stimuli = u.length;
  for (let k = 0; k < v.length; k++) {
    const wg = w * phi.derivative(v[k]);
    for (let j = 0; j < stimuli; j++) out[k * stimuli + j] = wg * u[j];
  }
  return out;
}
