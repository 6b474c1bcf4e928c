import { ProblemHasNoAnswerError } from '@maxent/core';
import { MAX_EXACT_CONTEXTS, nonlinearity, type MaxentProblem } from '@maxent/constraints';
import { axisTable, lowBitCount, patternBits } from './patterns.js';

/** The largest q over the vertices of the gain box and the vertex where it is attained. */
export interface GainBoxVertexQ {
  /** max over vertices g of sigma^4 |lambda^T g|^2. */
  readonly maxQ: number;
  /** The vertex (K gains, each an end of the range of phi'); the first in pattern order on ties (to 12 digits). */
  readonly vertex: number[];
}

/** Vertices are enumerated up to this K (2^K of them), as the exact estimator's patterns. */
export const MAX_VERTEX_CONTEXTS = MAX_EXACT_CONTEXTS;

/**
 * The domain check of model.md §5 for continuous gains: lambda is admissible iff
 * q(g) < 1 on the whole range of the gains, the box [lo, hi]^K of phi' (tanh,
 * softplus: [0, 1]). q is a convex quadratic in g, so its supremum over the box
 * is attained at a vertex, and the 2^K vertices decide; the nodes of a quadrature
 * do not (they lie inside the box, §7 "Attainability"). Throws
 * ProblemHasNoAnswerError('too-large') beyond MAX_VERTEX_CONTEXTS contexts.
 */
export function maxQOnGainBoxVertices(problem: MaxentProblem, lambda: Float64Array): GainBoxVertexQ {
  const { contexts: K, stimuli: P } = problem;
  assertVerticesEnumerable(K);
  const [lower, upper] = nonlinearity(problem.nonlinearity).gainRange;
  const s4 = problem.weightScale ** 4;
  // a(g) = lower * sum_k lambda_k + (upper - lower) * lambda^T b for the vertex g = lower + (upper - lower) b, b in {0,1}^K.
  const base = new Float64Array(P);
  for (let k = 0; k < K; k++) for (let j = 0; j < P; j++) base[j] += lower * lambda[k * P + j];
  const span = upper - lower;
  const scaled = lambda.map((x) => span * x);
  const lowBits = span === 0 ? 0 : lowBitCount(K);
  const highBits = span === 0 ? 0 : K - lowBits;
  const lowAxis = new Float64Array((1 << lowBits) * P);
  const highAxis = new Float64Array((1 << highBits) * P);
  axisTable(scaled, P, 0, lowBits, lowAxis);
  axisTable(scaled, P, lowBits, highBits, highAxis);
  // q >= 0, so -1 is below every vertex (and keeps the tie tolerance finite).
  let maxQ = -1;
  let argmax = 0;
  const lowCount = 1 << lowBits;
  for (let high = 0; high < 1 << highBits; high++) {
    for (let low = 0; low < lowCount; low++) {
      let norm2 = 0;
      for (let j = 0; j < P; j++) {
        const a = base[j] + lowAxis[low * P + j] + highAxis[high * P + j];
        norm2 += a * a;
      }
      const q = s4 * norm2;
      // Symmetric vertices tie up to rounding: the first in pattern order wins.
      if (q > maxQ + 1e-12 * Math.abs(maxQ)) {
        maxQ = q;
        argmax = high * lowCount + low;
      }
    }
  }
  const bits = span === 0 ? new Array<number>(K).fill(0) : patternBits(argmax, K);
  return { maxQ, vertex: bits.map((bit) => lower + span * bit) };
}

/** ProblemHasNoAnswerError('too-large') when the 2^K vertices of the gain box are too many to enumerate. */
export function assertVerticesEnumerable(contexts: number): void {
  if (contexts > MAX_VERTEX_CONTEXTS) {
    throw new ProblemHasNoAnswerError(
      `too many contexts for the domain check of continuous gains: K = ${contexts} needs 2^${contexts} vertices of the gain box, ` +
        `the limit is K = ${MAX_VERTEX_CONTEXTS} (model.md §5 "Domain")`,
      'too-large',
    );
  }
}
