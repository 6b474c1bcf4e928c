import { invalid } from '@maxent/core';
import type { LoadingComponent, MixtureTeacher } from './teacher.js';

/** The teacher presets of model.md §14 "Teachers". */
export const TEACHER_PRESETS = ['bistable', 'ring', 'cycle', 'quadstable'] as const;
export type TeacherPreset = (typeof TEACHER_PRESETS)[number];

/** One zero-mean Gaussian over (m, n) with m ~ N(0, I), Cov(n, m) = sigmaNM and Var n_r = varianceN. */
function gaussian(sigmaNM: readonly (readonly number[])[], varianceN: number): LoadingComponent {
  const R = sigmaNM.length;
  const D = 2 * R;
  const covariance = new Float64Array(D * D);
  for (let r = 0; r < R; r++) {
    covariance[r * D + r] = 1;
    covariance[(R + r) * D + R + r] = varianceN;
    for (let s = 0; s < R; s++) {
      covariance[(R + r) * D + s] = sigmaNM[r][s];
      covariance[s * D + R + r] = sigmaNM[r][s];
    }
  }
  return { weight: 1, mean: new Float64Array(D), covariance };
}

/**
 * A preset teacher (model.md §14): `bistable` (R = 1, n = 2m + xi: fixed points
 * +-1.3371), `ring` (Sigma_nm = 1.6 I, Var n_r = 4: ring of radius 0.9481), `cycle`
 * (Sigma_nm = [[1.6, -0.8], [0.8, 1.6]], Var n_r = 4: limit cycle of radius 0.9481,
 * period 4 pi tau), `quadstable` (four components at (+-.87, +-.87) in m and
 * (+-2.31, +-2.31) in n, covariance .25 I: four stable points on the axes at radius 1.8251).
 */
export function teacherPreset(name: TeacherPreset): MixtureTeacher {
  switch (name) {
    case 'bistable':
      return { rank: 1, nonlinearity: 'tanh', components: [gaussian([[2]], 5)] };
    case 'ring':
      return { rank: 2, nonlinearity: 'tanh', components: [gaussian([[1.6, 0], [0, 1.6]], 4)] };
    case 'cycle':
      return { rank: 2, nonlinearity: 'tanh', components: [gaussian([[1.6, -0.8], [0.8, 1.6]], 4)] };
    case 'quadstable': {
      const components: LoadingComponent[] = [];
      for (const a of [1, -1]) {
        for (const b of [1, -1]) {
          const covariance = new Float64Array(16);
          for (let i = 0; i < 4; i++) covariance[i * 4 + i] = 0.25;
          components.push({ weight: 0.25, mean: Float64Array.of(0.87 * a, 0.87 * b, 2.31 * a, 2.31 * b), covariance });
        }
      }
      return { rank: 2, nonlinearity: 'tanh', components };
    }
    default:
      throw invalid('teacher', `must be one of ${TEACHER_PRESETS.join(', ')}`, name);
  }
}
