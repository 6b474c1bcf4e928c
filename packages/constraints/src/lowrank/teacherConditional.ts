import { invalid, invertSmallMatrix } from '@maxent/core';
import type { MixtureTeacher } from './teacher.js';

/**
 * E[n | m] of a Gaussian-mixture teacher (model.md §14, the function the dynamics
 * identify through its projection): posterior component weights
 * p(c | m) ∝ w_c N(m; mu_m, C_mm) times mu_n + C_nm C_mm^-1 (m - mu_m). Needs C_mm invertible.
 */
export function teacherConditionalMean(teacher: MixtureTeacher): (m: ArrayLike<number>, out?: Float64Array) => Float64Array {
  const R = teacher.rank;
  const D = 2 * R;
  const parts = teacher.components.map((component, c) => {
    const cmm = new Float64Array(R * R);
    for (let a = 0; a < R; a++) for (let b = 0; b < R; b++) cmm[a * R + b] = component.covariance[a * D + b];
    const inverted = invertSmallMatrix(cmm, R, 1e-14);
    if (inverted === null) throw invalid(`teacher.components.${c}.covariance`, 'needs an invertible covariance of m for E[n|m]', 'a singular C_mm');
    const { inverse, logDeterminant } = inverted;
    // Regression coefficients C_nm C_mm^-1 (R x R).
    const slope = new Float64Array(R * R);
    for (let r = 0; r < R; r++) for (let s = 0; s < R; s++) for (let u = 0; u < R; u++) slope[r * R + s] += component.covariance[(R + r) * D + u] * inverse[u * R + s];
    return { component, inverse, slope, logNormaliser: Math.log(component.weight) - 0.5 * logDeterminant };
  });
  const logs = new Float64Array(parts.length);
  const centred = new Float64Array(R);
  return (m, out = new Float64Array(R)) => {
    let largest = -Infinity;
    parts.forEach(({ component, inverse, logNormaliser }, c) => {
      for (let r = 0; r < R; r++) centred[r] = m[r] - component.mean[r];
      let quadratic = 0;
      for (let r = 0; r < R; r++) for (let s = 0; s < R; s++) quadratic += centred[r] * inverse[r * R + s] * centred[s];
      logs[c] = logNormaliser - 0.5 * quadratic;
      largest = Math.max(largest, logs[c]);
    });
    let total = 0;
    for (let c = 0; c < parts.length; c++) total += Math.exp(logs[c] - largest);
    out.fill(0);
    parts.forEach(({ component, slope }, c) => {
      const posterior = Math.exp(logs[c] - largest) / total;
      for (let r = 0; r < R; r++) centred[r] = m[r] - component.mean[r];
      for (let r = 0; r < R; r++) {
        let mean = component.mean[R + r];
        for (let s = 0; s < R; s++) mean += slope[r * R + s] * centred[s];
        out[r] += posterior * mean;
      }
    });
    return out;
  };
}
