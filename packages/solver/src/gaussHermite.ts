import { createBoundedMemo, tridiagonalEigenvalues } from '@maxent/core/internal';
import { invalid } from '@maxent/core';

/** A one-dimensional quadrature rule for E[f(z)], z ~ N(0, 1): sum_i weights[i] f(nodes[i]). */
export interface GaussianRule {
  /** Ascending. */
  readonly nodes: Float64Array;
  /** Positive, summing to 1. */
  readonly weights: Float64Array;
}

/** Newton polishing steps on the nodes after the eigenvalue solve. */
const POLISH_STEPS = 2;
/** Rescale the three-term recurrence above this magnitude (it grows like e^(z^2/4)). */
const RESCALE_ABOVE = 1e100;

/**
 * The n-point Gauss-Hermite rule for the standard normal measure (probabilists'
 * Hermite polynomials He_k), exact for polynomials of degree up to 2n - 1
 * (model.md §7 "quadrature").
 *
 * Golub-Welsch: the nodes are the eigenvalues of the symmetric Jacobi matrix of
 * the orthonormal polynomials p_k = He_k / sqrt(k!), which has zero diagonal and
 * off-diagonal sqrt(k) (its eigenvalues by implicit QL, @maxent/core). The weights
 * are not taken from the squared first components of the eigenvectors, which
 * carry an absolute error of about eps and so lose all relative precision for
 * the tiny weights of the outer nodes; instead each weight is the Christoffel
 * number 1 / sum_k p_k(z)^2, evaluated by the recurrence
 * p_{k+1} = (z p_k - sqrt(k) p_{k-1}) / sqrt(k+1) at nodes polished by Newton on
 * p_n (p_n' = sqrt(n) p_{n-1}). Nodes are symmetrised about 0.
 */
export function gaussHermite(n: number): GaussianRule {
  if (!Number.isInteger(n) || n < 1) throw invalid('nodes', 'must be an integer >= 1', n);
  return rules.valueOf(n, () => golubWelsch(n));
}

/** The n-node rule, computed (gaussHermite keeps the last few). */
function golubWelsch(n: number): GaussianRule {
  // The Jacobi matrix is tridiagonal: its eigenvalues alone, by implicit QL (O(n^2), no vectors).
  const diagonal = new Float64Array(n);
  const offDiagonal = new Float64Array(n);
  for (let k = 1; k < n; k++) offDiagonal[k - 1] = Math.sqrt(k);
  const found = tridiagonalEigenvalues(diagonal, offDiagonal, n);
  if (found === null) throw new Error(`internal: the QL iteration for the ${n}-node Gauss-Hermite rule did not converge`);
  const eigenvalues = Array.from(found).sort((a, b) => a - b);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = eigenvalues[i];
    for (let step = 0; step < POLISH_STEPS; step++) {
      const { value, previous } = orthonormalHermite(n, z);
      z -= value / (Math.sqrt(n) * previous);
    }
    nodes[i] = z;
  }
  // Symmetry of the rule: z_i = -z_(n-1-i) exactly, and the middle node of an odd rule is 0.
  for (let i = 0; i < n >> 1; i++) {
    const z = 0.5 * (nodes[n - 1 - i] - nodes[i]);
    nodes[i] = -z;
    nodes[n - 1 - i] = z;
  }
  if (n % 2 === 1) nodes[n >> 1] = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    weights[i] = christoffel(n, nodes[i]);
    total += weights[i];
  }
  // The weights sum to 1 in exact arithmetic; normalising removes the last rounding.
  for (let i = 0; i < n; i++) weights[i] /= total;
  return { nodes, weights };
}

/** Rules already computed, by n (a solve asks for the same n and 2n at every stage): shared, never modified. */
const RULE_MEMO_SIZE = 16;
const rules = createBoundedMemo<number, GaussianRule>(RULE_MEMO_SIZE);

/** p_n(z) and p_(n-1)(z) of the orthonormal Hermite polynomials, both scaled by one common positive factor. */
function orthonormalHermite(n: number, z: number): { value: number; previous: number } {
  let previous = 0;
  let value = 1;
  for (let k = 0; k < n; k++) {
    const next = (z * value - Math.sqrt(k) * previous) / Math.sqrt(k + 1);
    previous = value;
    value = next;
    if (Math.abs(value) > RESCALE_ABOVE) {
      value /= RESCALE_ABOVE;
      previous /= RESCALE_ABOVE;
    }
  }
  return { value, previous };
}

/** 1 / sum_{k < n} p_k(z)^2, with the recurrence rescaled (and the sum with it) so it never overflows. */
function christoffel(n: number, z: number): number {
  let previous = 0;
  let value = 1;
  let sum = 0;
  // sum is stored divided by scale^2; log of the scale kept in logScale.
  let logScale = 0;
  for (let k = 0; k < n; k++) {
    sum += value * value;
    const next = (z * value - Math.sqrt(k) * previous) / Math.sqrt(k + 1);
    previous = value;
    value = next;
    if (Math.abs(value) > RESCALE_ABOVE) {
      value /= RESCALE_ABOVE;
      previous /= RESCALE_ABOVE;
      sum /= RESCALE_ABOVE * RESCALE_ABOVE;
      logScale += Math.log(RESCALE_ABOVE);
    }
  }
  return Math.exp(-2 * logScale) / sum;
}
