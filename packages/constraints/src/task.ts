import { zeros, type Mat } from '@maxent/core';

/** Built-in tasks of model.md §1; any other task is just a matrix. */
export const TASK_NAMES = ['select', 'select-of'] as const;
export type TaskName = (typeof TASK_NAMES)[number];

/** `select`: P = K, A = I (context k reports stimulus k). */
export function selectTask(contexts: number): Mat {
  const out = zeros(contexts, contexts);
  for (let k = 0; k < contexts; k++) out.data[k * contexts + k] = 1;
  return out;
}

/** `select-of(P)`: K contexts over P stimuli, context k reports stimulus k mod P. */
export function selectOfTask(contexts: number, stimuli: number): Mat {
  const out = zeros(contexts, stimuli);
  for (let k = 0; k < contexts; k++) out.data[k * stimuli + (k % stimuli)] = 1;
  return out;
}
