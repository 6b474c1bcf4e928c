import type { Rng } from '@maxent/core';

/**
 * Fast standard normal draws from a uniform stream: the ziggurat method of
 * Marsaglia & Tsang (2000, doi:10.18637/jss.v005.i08) with Doornik's (2005)
 * ZIGNOR layout, 128 layers. Most draws cost one uniform and one multiply
 * (no logarithm or trigonometry), which is what lets the exact sampler reach
 * millions of neurons per second (model.md §8). Doornik's fix for the original's
 * flaw is kept: the layer index and the value come from disjoint bits of the
 * uniform (7 bits for the layer, the other 25 for the value).
 */
const LAYERS = 128;
/** Start of the tail, R, and the common area V of the layers (Marsaglia & Tsang 2000, 128 layers). */
const TAIL_START = 3.442619855899;
const LAYER_AREA = 9.91256303526217e-3;

const edge = new Float64Array(LAYERS + 1);
const ratio = new Float64Array(LAYERS);
{
  let f = Math.exp(-0.5 * TAIL_START * TAIL_START);
  edge[0] = LAYER_AREA / f; // the base layer's pseudo-width: rectangle plus tail have area V
  edge[1] = TAIL_START;
  edge[LAYERS] = 0;
  for (let i = 2; i < LAYERS; i++) {
    edge[i] = Math.sqrt(-2 * Math.log(LAYER_AREA / edge[i - 1] + f));
    f = Math.exp(-0.5 * edge[i] * edge[i]);
  }
  for (let i = 0; i < LAYERS; i++) ratio[i] = edge[i + 1] / edge[i];
}

const TWO_POW_32 = 4294967296;
const TWO_POW_25 = 33554432;

// Normal tail beyond R (Marsaglia 1964): x = -log(u1)/R until -2 log(u2) >= x^2.
function tail(rng: Rng, negative: boolean): number {
  let x: number;
  let y: number;
  do {
    x = Math.log(1 - rng.next()) / TAIL_START;
    y = Math.log(1 - rng.next());
  } while (-2 * y < x * x);
  return negative ? x - TAIL_START : TAIL_START - x;
}

/** One standard normal draw from `rng` by the ziggurat. */
export function zigguratNormal(rng: Rng): number {
  for (;;) {
    const bits = (rng.next() * TWO_POW_32) >>> 0;
    const layer = bits & (LAYERS - 1);
    // Signed uniform in (-1, 1) from the 25 high bits.
    const u = (2 * ((bits >>> 7) + 0.5)) / TWO_POW_25 - 1;
    if (Math.abs(u) < ratio[layer]) return u * edge[layer];
    if (layer === 0) return tail(rng, u < 0);
    // Wedge: accept under the density between the layer's two edges.
    const x = u * edge[layer];
    const f0 = Math.exp(-0.5 * (edge[layer] * edge[layer] - x * x));
    const f1 = Math.exp(-0.5 * (edge[layer + 1] * edge[layer + 1] - x * x));
    if (f1 + rng.next() * (f0 - f1) < 1) return x;
  }
}
