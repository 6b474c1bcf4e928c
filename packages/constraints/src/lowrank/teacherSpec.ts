import { z } from 'zod';
import { invalid } from '@maxent/core';
import { parseWithSchema } from '../validation.js';
import { checkMixtureTeacher, type MixtureTeacher } from './teacher.js';

const finite = z.number({ error: 'must be a finite number' }).finite({ error: 'must be a finite number' });

const componentSchema = z.strictObject({
  weight: z.number({ error: 'must be a positive finite number' }).positive({ error: 'must be a positive finite number' }).finite().default(1),
  mean: z.array(finite, { error: 'must be an array of 2R numbers (m then n)' }),
  covariance: z.array(z.array(finite), { error: 'must be a 2R x 2R matrix (an array of rows)' }),
});

const teacherSpecSchema = z.strictObject({
  rank: z.number({ error: 'must be an integer >= 1' }).int({ error: 'must be an integer >= 1' }).positive({ error: 'must be an integer >= 1' }),
  nonlinearity: z.literal('tanh', { error: 'must be "tanh" (Gaussian-mixture teachers have the closed form of model.md §14 for tanh)' }).default('tanh'),
  components: z.array(componentSchema, { error: 'must be an array of Gaussian components' }).min(1, { error: 'must hold at least one component' }),
});

/** The JSON form of a Gaussian or Gaussian-mixture teacher (interfaces.md `maxent lowrank teacher --spec`). */
export type TeacherSpec = z.input<typeof teacherSpecSchema>;

/**
 * A teacher from its JSON spec: `{ rank, nonlinearity: "tanh", components: [{ weight,
 * mean: [m_1..m_R, n_1..n_R], covariance: 2R x 2R over (m, n) }] }`; one component is
 * a Gaussian teacher. Errors name the field (`teacher.components.0.covariance`).
 */
export function teacherFromSpec(spec: unknown, field = 'teacher'): MixtureTeacher {
  const parsed = parseWithSchema(teacherSpecSchema, spec, { fieldPrefix: field });
  const D = 2 * parsed.rank;
  const components = parsed.components.map((component, c) => {
    const at = `${field}.components.${c}`;
    if (component.mean.length !== D) throw invalid(`${at}.mean`, `must hold 2R = ${D} numbers (m then n)`, component.mean);
    if (component.covariance.length !== D || component.covariance.some((row) => row.length !== D)) {
      throw invalid(`${at}.covariance`, `must be a ${D} x ${D} matrix`, component.covariance);
    }
    return { weight: component.weight, mean: Float64Array.from(component.mean), covariance: Float64Array.from(component.covariance.flat()) };
  });
  return checkMixtureTeacher({ rank: parsed.rank, nonlinearity: parsed.nonlinearity, components }, field);
}

/** The JSON spec of a teacher (inverse of teacherFromSpec), for the result file's config. */
export function teacherToSpec(teacher: MixtureTeacher): TeacherSpec {
  const D = 2 * teacher.rank;
  return {
    rank: teacher.rank,
    nonlinearity: teacher.nonlinearity,
    components: teacher.components.map(({ weight, mean, covariance }) => ({
      weight,
      mean: Array.from(mean),
      covariance: Array.from({ length: D }, (_, a) => Array.from(covariance.subarray(a * D, (a + 1) * D))),
    })),
  };
}
