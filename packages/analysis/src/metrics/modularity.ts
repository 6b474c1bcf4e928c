import { invalid, type Mat, type Rng } from '@maxent/core';
import { assertSquareFinite, leadingSymmetricEigenpairOfValidated, scaledByPowerOfTwo, unitScaleExponent } from '@maxent/core/internal';

/**
 * Directed modularity (Leicht & Newman 2008, doi:10.1103/PhysRevLett.100.118703)
 * of |W| with the community partition found by the algorithm of the MATLAB Brain
 * Connectivity Toolbox's `modularity_dir` (model.md §11).
 *
 * A_ij = |W_ij| is the weight of the edge i -> j; k_out = row sums, k_in = column
 * sums, m = sum A. Q = (1/m) sum_ij [A_ij - gamma k_out_i k_in_j / m] delta(c_i, c_j).
 */

export interface ModularityOptions {
  /** Resolution gamma, a finite number >= 0 (default 1): > 1 finds smaller modules, < 1 larger ones. */
  readonly gamma?: number;
  /**
   * When given, node order is shuffled with this stream before the algorithm runs,
   * as MATLAB's `randperm` does; null keeps the given order (deterministic).
   */
  readonly rng?: Rng | null;
}

export const DEFAULT_MODULARITY_OPTIONS: Readonly<Required<ModularityOptions>> = Object.freeze({
  gamma: 1,
  rng: null,
});

export interface ModularityResult {
  /** Q of the partition found; null when |W| has no weight at all (m = 0, Q is 0/0). */
  readonly q: number | null;
  /** 0-based community label per node, numbered in order of first appearance (node 0 is in community 0). */
  readonly communities: Int32Array;
}

/**
 * A split is kept only when it raises S^T B_g S above this (MATLAB's `q > 1e-10`),
 * here relative: B is that of |W| scaled to largest entry in [1, 2) (see
 * {@link unitAbsolute}), so the same W at any scale splits the same way.
 */
const SPLIT_THRESHOLD = 1e-10;

/**
 * Communities and Q of |W| by recursive spectral bisection (BCT `modularity_dir`):
 *
 * 1. B = b + b^T with b = A - gamma k_out k_in^T / m (symmetrised directed
 *    modularity matrix; the transpose MATLAB takes of the outer product cancels
 *    in the symmetrisation).
 * 2. Community g (first the whole network, with B itself as MATLAB does) is split
 *    by the signs of the leading eigenvector of B_g = B[g,g] - diag(row sums of
 *    B[g,g]) (Newman's subgroup correction); an entry >= 0 goes to +1.
 * 3. If q = s^T B_g s > 1e-10 the split is fine-tuned: with the diagonal of B_g
 *    zeroed, every node is moved once, each time the unmoved node whose flip
 *    gives the largest q (first index on ties), and the best assignment seen is
 *    kept. If all nodes end on one side, g is indivisible.
 * 4. Repeat on the newest community until none can be split.
 *
 * MATLAB permutes the nodes at random first; here the given order is kept unless
 * `rng` is passed. The result does not depend on the order in which communities
 * are examined (each split depends only on the community's node set), so labels
 * are renumbered by first appearance at the end.
 */
export function modularity(matrix: Mat, options: ModularityOptions = {}, field = 'W'): ModularityResult {
  assertSquareFinite(matrix, field);
  return modularityOfValidated(matrix, options);
}

/** The computation behind {@link modularity}, for an already validated square matrix. */
export function modularityOfValidated(matrix: Mat, options: ModularityOptions): ModularityResult {
  const { gamma, rng } = resolveOptions(options);
  const n = matrix.rows;
  const order = rng === null ? identityOrder(n) : shuffledOrder(n, rng);
  const unit = unitAbsolute(matrix.data);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const from = order[i] * n;
    for (let j = 0; j < n; j++) a[i * n + j] = unit[from + order[j]];
  }
  const b = modularityMatrix(a, n, gamma);
  if (b === null) return { q: null, communities: new Int32Array(n) };
  const labels = bisect(b.matrix, n);
  const q = partitionQuality(b.matrix, labels, n) / (2 * b.totalWeight);
  const communities = new Int32Array(n);
  for (let i = 0; i < n; i++) communities[order[i]] = labels[i];
  return { q, communities: canonicalLabels(communities) };
}

/**
 * Q of a given partition (one integer label per node) of |W|, Leicht-Newman with
 * resolution gamma; null when |W| has no weight. Used for results and tests.
 */
export function modularityOfPartition(
  matrix: Mat,
  communities: ArrayLike<number>,
  options: Pick<ModularityOptions, 'gamma'> = {},
  field = 'W',
): number | null {
  assertSquareFinite(matrix, field);
  const { gamma } = resolveOptions(options);
  const n = matrix.rows;
  if (communities.length !== n) {
    throw invalid('communities', `must hold one label per node (${n})`, `${communities.length} labels`);
  }
  const b = modularityMatrix(unitAbsolute(matrix.data), n, gamma);
  if (b === null) return null;
  return partitionQuality(b.matrix, communities, n) / (2 * b.totalWeight);
}

/**
 * |W| times 2^-k with largest entry in [1, 2): Q and the partition do not depend
 * on the scale of W, and the power of two is exact, so at unit scale the
 * modularity matrix neither underflows (W ~ 1e-200 gave Q = 1 in one community)
 * nor meets the split threshold at a scale-dependent place (W ~ 1e-12 lost its
 * communities).
 */
function unitAbsolute(data: Float64Array): Float64Array {
  const out = scaledByPowerOfTwo(data, -unitScaleExponent(data));
  for (let index = 0; index < out.length; index++) out[index] = Math.abs(out[index]);
  return out;
}

function resolveOptions(options: ModularityOptions): Required<ModularityOptions> {
  // An option given as undefined means the default, as if it were left out.
  const gamma = options.gamma ?? DEFAULT_MODULARITY_OPTIONS.gamma;
  const rng = options.rng ?? DEFAULT_MODULARITY_OPTIONS.rng;
  if (typeof gamma !== 'number' || !Number.isFinite(gamma) || gamma < 0) {
    throw invalid('gamma', 'must be a finite number >= 0', gamma);
  }
  return { gamma, rng };
}

/** B = b + b^T, b = A - gamma k_out k_in^T / m; null when m = 0. */
function modularityMatrix(a: Float64Array, n: number, gamma: number): { matrix: Float64Array; totalWeight: number } | null {
  const kOut = new Float64Array(n);
  const kIn = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const value = a[row + j];
      kOut[i] += value;
      kIn[j] += value;
      m += value;
    }
  }
  if (m === 0) return null;
  const scale = gamma / m;
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      matrix[i * n + j] = a[i * n + j] + a[j * n + i] - scale * (kOut[i] * kIn[j] + kOut[j] * kIn[i]);
    }
  }
  return { matrix, totalWeight: m };
}

/** sum over same-community pairs of B_ij (= 2m Q). */
function partitionQuality(b: Float64Array, labels: ArrayLike<number>, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    const row = i * n;
    for (let j = 0; j < n; j++) if (labels[j] === label) sum += b[row + j];
  }
  return sum;
}

/** Recursive bisection of model.md §11 on the (possibly permuted) modularity matrix. */
function bisect(b: Float64Array, n: number): Int32Array {
  const labels = new Int32Array(n);
  let communityCount = 1;
  const unexamined: number[] = [0];
  let members: Int32Array = identityOrder(n);
  let subgroup: Float64Array = Float64Array.from(b);
  while (unexamined.length > 0) {
    const current = unexamined[0];
    const size = members.length;
    const signs = size < 2 ? null : splitSigns(subgroup, size);
    if (signs === null) {
      unexamined.shift();
    } else {
      const newLabel = communityCount++;
      for (let i = 0; i < size; i++) labels[members[i]] = signs[i] === 1 ? current : newLabel;
      unexamined.unshift(newLabel);
    }
    if (unexamined.length === 0) break;
    members = membersOf(labels, unexamined[0]);
    subgroup = subgroupMatrix(b, n, members);
  }
  return labels;
}

/**
 * The +-1 split of one community from its subgroup matrix `bg` (size x size,
 * overwritten), or null when it is indivisible (contribution <= 1e-10, or every
 * node ends on one side after fine-tuning).
 */
function splitSigns(bg: Float64Array, size: number): Int8Array | null {
  const { vector } = leadingSymmetricEigenpairOfValidated({ rows: size, cols: size, data: bg });
  const signs = new Int8Array(size);
  for (let i = 0; i < size; i++) {
    // A node whose row of B_g is exactly zero (no weight in or out) has an exactly
    // zero eigenvector entry in exact arithmetic: +1, as MATLAB's S(v1<0)=-1 gives
    // for 0, instead of the sign of rounding noise.
    signs[i] = vector[i] < 0 && !zeroRow(bg, size, i) ? -1 : 1;
  }
  const bs = new Float64Array(size);
  multiplySigns(bg, size, signs, bs);
  let q = 0;
  for (let i = 0; i < size; i++) q += signs[i] * bs[i];
  if (!(q > SPLIT_THRESHOLD)) return null;

  // Fine-tuning by single moves. Flipping s_i changes q by -4 s_i (B_g' s)_i where
  // B_g' is B_g without its diagonal; (B_g' s) is updated by one column per move,
  // so the whole pass is O(size^2) rather than MATLAB's O(size^3) recomputation.
  for (let i = 0; i < size; i++) {
    bs[i] -= bg[i * size + i] * signs[i];
    bg[i * size + i] = 0;
  }
  const trial = Int8Array.from(signs);
  const moved = new Uint8Array(size);
  let best = q;
  let running = q;
  for (let step = 0; step < size; step++) {
    let chosen = -1;
    let chosenValue = -Infinity;
    for (let i = 0; i < size; i++) {
      if (moved[i] === 1) continue;
      const value = running - 4 * trial[i] * bs[i];
      if (value > chosenValue) {
        chosenValue = value;
        chosen = i;
      }
    }
    const flipped = -trial[chosen];
    trial[chosen] = flipped;
    moved[chosen] = 1;
    running = chosenValue;
    const change = 2 * flipped;
    for (let i = 0; i < size; i++) bs[i] += bg[i * size + chosen] * change;
    if (running > best) {
      best = running;
      signs.set(trial);
    }
  }
  let sum = 0;
  for (let i = 0; i < size; i++) sum += signs[i];
  return Math.abs(sum) === size ? null : signs;
}

function multiplySigns(bg: Float64Array, size: number, signs: Int8Array, out: Float64Array): void {
  for (let i = 0; i < size; i++) {
    const row = i * size;
    let sum = 0;
    for (let j = 0; j < size; j++) sum += bg[row + j] * signs[j];
    out[i] = sum;
  }
}

function zeroRow(bg: Float64Array, size: number, i: number): boolean {
  const row = i * size;
  for (let j = 0; j < size; j++) if (bg[row + j] !== 0) return false;
  return true;
}

/** B[g,g] - diag(row sums of B[g,g]) (Newman's subgroup correction). */
function subgroupMatrix(b: Float64Array, n: number, members: Int32Array): Float64Array {
  const size = members.length;
  const out = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    const from = members[i] * n;
    let rowSum = 0;
    for (let j = 0; j < size; j++) {
      const value = b[from + members[j]];
      out[i * size + j] = value;
      rowSum += value;
    }
    out[i * size + i] -= rowSum;
  }
  return out;
}

function membersOf(labels: Int32Array, label: number): Int32Array {
  let count = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === label) count++;
  const out = new Int32Array(count);
  let next = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === label) out[next++] = i;
  return out;
}

function identityOrder(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Fisher-Yates shuffle from the given stream (MATLAB's randperm, seeded). */
function shuffledOrder(n: number, rng: Rng): Int32Array {
  const out = identityOrder(n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/** Renumbers labels 0, 1, 2, ... in order of first appearance. */
function canonicalLabels(labels: ArrayLike<number>): Int32Array {
  const map = new Map<number, number>();
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let label = map.get(labels[i]);
    if (label === undefined) {
      label = map.size;
      map.set(labels[i], label);
    }
    out[i] = label;
  }
  return out;
}
