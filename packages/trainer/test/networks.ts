// Networks for tests: random ones, and hand-built ones whose output is known exactly.
import { createRng, fromRows, type Mat } from '@maxent/core';
import type { Network, NonlinearityName } from '@maxent/constraints';

export function randomNetwork(
  nonlinearity: NonlinearityName,
  { neurons = 7, task = fromRows([[1, 0, 0], [0, 1, 0]]), seed = 1, scale = 1 }: { neurons?: number; task?: Mat; seed?: number; scale?: number } = {},
): Network {
  const rng = createRng(seed);
  const P = task.cols;
  const K = task.rows;
  const fill = (length: number) => Float64Array.from({ length }, () => scale * rng.normal());
  return { nonlinearity, neurons, stimuli: P, contexts: K, u: fill(neurons * P), v: fill(neurons * K), w: fill(neurons), task };
}

/**
 * A relu network that computes the select task exactly while |s_k| < gate:
 * for each context k a pair of neurons u = +-e_k, v_k = +gate, v_other = -gate,
 * w = +-c. In context k the pair gives c (s_k + gate) - c (-s_k + gate) = 2 c s_k,
 * other contexts' pairs are silent, so with N = 2K and c = K, z = s_k exactly.
 * `offset` adds a neuron pair (u = 0, v = +gate everywhere) worth `offset` in z.
 */
export function exactSelectNetwork(contexts: number, { gate = 100, offset = 0 }: { gate?: number; offset?: number } = {}): Network {
  const K = contexts;
  const neurons = 2 * K + (offset === 0 ? 0 : 2);
  const u = new Float64Array(neurons * K);
  const v = new Float64Array(neurons * K);
  const w = new Float64Array(neurons);
  const c = neurons / 2;
  for (let k = 0; k < K; k++) {
    for (const [pair, sign] of [[0, 1], [1, -1]] as const) {
      const i = 2 * k + pair;
      u[i * K + k] = sign;
      for (let l = 0; l < K; l++) v[i * K + l] = l === k ? gate : -gate;
      w[i] = sign * c;
    }
  }
  if (offset !== 0) {
    // Two constant neurons each contributing offset/2 to z: x = gate, w = N offset / (2 gate).
    for (const i of [2 * K, 2 * K + 1]) {
      for (let l = 0; l < K; l++) v[i * K + l] = gate;
      w[i] = (neurons * offset) / (2 * gate);
    }
  }
  const task = fromRows(Array.from({ length: K }, (_, k) => Array.from({ length: K }, (_, j) => (j === k ? 1 : 0))));
  return { nonlinearity: 'relu', neurons, stimuli: K, contexts: K, u, v, w, task };
}
