import { ProblemHasNoAnswerError, zeros } from '@maxent/core';
import { createBoundedMemo } from '@maxent/core/internal';
import type { MaxentProblem } from '@maxent/constraints';
import { maxQOnGainBoxVertices } from './gainBox.js';
import { tensorPoints, type ContextRule, type GainPoints } from './gainPoints.js';
import { dampedNewton } from './newton.js';
import { createPointDualWorkspace } from './pointDual.js';
import { pointEstimatorOf } from './pointEstimator.js';

/**
 * The task is out of reach at this weight scale (model.md §7 "Attainability"):
 * the minimiser of the dual lies on or beyond the edge of the admissible set.
 * A ProblemHasNoAnswerError with reason 'unattainable' (the CLI exits 3) that
 * also carries the smallest attainable weight scale.
 */
export class UnattainableTaskError extends ProblemHasNoAnswerError {
  constructor(
    message: string,
    /** The smallest attainable weightScale: the upper end of the bisection's bracket (attainable). */
    readonly smallestWeightScale: number,
    /** The bisection's last bracket [not attainable, attainable]. */
    readonly bracket: readonly [number, number],
  ) {
    super(message, 'unattainable');
  }
}

/** The threshold of attainability found by bisection on sigma. */
export interface AttainabilityThreshold {
  /** Upper end of the final bracket: attainable. */
  readonly smallestWeightScale: number;
  /** [not attainable, attainable], relative width at most THRESHOLD_PRECISION. */
  readonly bracket: readonly [number, number];
  /** Whether `weightScale` of the problem itself is attainable. */
  readonly attainable: boolean;
  /** The points that decided each probe, in words. */
  readonly rule: string;
}

/** Relative width of the final bracket: 1e-4, so 3 significant digits are safe. */
const THRESHOLD_PRECISION = 1e-4;
/** Newton steps per probe (a warm-started attainable probe needs far fewer). */
const PROBE_ITERATIONS = 100;
/** A probe's minimiser counts as found when its residual is below this (relative to the targets' scale). */
const PROBE_RESIDUAL = 1e-8;
/** A probe whose iterate comes this close to q = 1 at a vertex has stalled against the edge of the domain. */
const PRESSED_AGAINST_WALL = 1e-9;
/** Doublings of sigma tried to find an attainable upper end. */
const MAX_DOUBLINGS = 40;
/** The boundary-resolving rule is used while its tensor product has at most this many points. */
const MAX_BOUNDARY_RULE_POINTS = 300_000;
/** The rule covers mu_v +- this many sigma_v (prior mass beyond: 1.5e-23). */
const RULE_HALF_WIDTH = 10;

/**
 * Draws of a Monte Carlo estimator that decide attainability when the boundary
 * rule is too large (K >= 4): the first 20000 of the estimator's own draws, an
 * independent Monte Carlo sample in its own right. Over 200000 draws the
 * thresholds of the select task moved by 1-2% (K = 4, 6, 8), far less than
 * the overestimate of draws that miss the vertices; the bisection is 10x cheaper.
 */
const MONTE_CARLO_DECISION_DRAWS = 20_000;
/** screenAttainability decides before the full solve only this far below the threshold: 5%. */
const SCREEN_MARGIN = 0.05;
/** Thresholds kept per process (a sweep along sigma asks for the same one at every point). */
const THRESHOLD_MEMO_SIZE = 32;

/** The points that decide attainability, with their description for messages. */
export interface DecisionPoints {
  readonly points: GainPoints;
  /** In words, for messages. */
  readonly rule: string;
  /** Identifies the points together with the problem's prior and nonlinearity (memo key). */
  readonly key: string;
}

/**
 * The points of the probes (see attainabilityThreshold): the boundary-resolving
 * rule while its tensor product has at most 300000 points; above, the first
 * 20000 draws of a Monte Carlo estimator, or a quadrature estimator's own points.
 */
export function attainabilityPoints(problem: MaxentProblem, estimatorPoints: GainPoints, estimatorName: string): DecisionPoints {
  const K = problem.contexts;
  const rule = boundaryContextRule(problem);
  if (rule.values.length ** K <= MAX_BOUNDARY_RULE_POINTS) {
    return {
      points: tensorPoints(problem, rule, 'estimator'),
      rule: `a ${rule.values.length}^${K}-point rule clustered at the gain-box vertices`,
      key: 'boundary-rule',
    };
  }
  const caveat = 'which resolve the gain-box vertices poorly, so the threshold may be overestimated';
  const estimator = problem.estimator;
  if (estimator.kind === 'montecarlo' && estimatorPoints.count > MONTE_CARLO_DECISION_DRAWS) {
    const count = MONTE_CARLO_DECISION_DRAWS;
    return {
      points: { contexts: K, count, gains: estimatorPoints.gains.subarray(0, count * K), weights: new Float64Array(count).fill(1 / count) },
      rule: `the first ${count} of the estimator's ${estimatorPoints.count} Monte Carlo draws, ${caveat}`,
      key: `montecarlo:${String(estimator.seed)}:${count}`,
    };
  }
  return { points: estimatorPoints, rule: `the ${estimatorName}'s own ${estimatorPoints.count} points, ${caveat}`, key: JSON.stringify(estimator) };
}

/**
 * The smallest attainable weight scale of `problem`'s task (model.md §7
 * "Attainability"), by bisection on sigma through the scaling identity of §5:
 * (A, sigma) is the problem (A / sigma^2, 1) with lambda = lambda~ / sigma^2, so
 * every probe solves the same dual at sigma = 1 over the same gain points with
 * targets A / sigma^2, warm-started from the last attainable probe. A probe is
 * attainable when Newton finds the minimiser (residual below 1e-8) and q < 1 at
 * every vertex of the gain box at it.
 *
 * The threshold is a property of the task, the prior and the points, not of the
 * problem's own sigma: the bisection always starts at sigma = 1 and is kept per
 * process, so every point of a sweep along sigma reports the same digits
 * whichever worker ran it, and only the first pays for it.
 *
 * The points of the probes must resolve the gains near the vertices, where the
 * integrand (1 - q)^(-1/2) of a lambda near the edge peaks. Gauss-Hermite does
 * not: for tanh the gain 1 is reached at v = 0 (g = 1 - v^2 + ...), where the
 * peak has width of order sqrt(1 - q), and 24 nodes put the threshold of the
 * 2-context select task at about 1.55 instead of 1.003. So the probes use a
 * trapezoid rule in u with v = c + s sinh(u) (boundaryContextRule): nodes
 * clustered geometrically at the point where phi' reaches its maximum (tanh:
 * c = 0, s = 1e-3, step 0.35, 0.5 from K = 3 on), or spread over the prior (softplus and others:
 * c = mu_v, s = sigma_v, step 0.2). When its tensor product exceeds 300000
 * points (K >= 4), other points decide (attainabilityPoints), and `rule` says so.
 */
export function attainabilityThreshold(problem: MaxentProblem, estimatorPoints: GainPoints, estimatorName: string): AttainabilityThreshold {
  const decision = attainabilityPoints(problem, estimatorPoints, estimatorName);
  const { smallestWeightScale, bracket } = memoisedThreshold(problem, decision);
  const sigma0 = problem.weightScale;
  const [lower, upper] = bracket;
  // A threshold on sigma (§5): only inside the final bracket does the problem's own sigma need a probe.
  const attainable = sigma0 >= upper ? true : sigma0 <= lower ? false : probeAttainable(problem, decision.points, sigma0, zerosLike(problem)).attainable;
  return { smallestWeightScale, bracket, attainable, rule: decision.rule };
}

/**
 * Monte Carlo estimators only (where the full solve is the expensive part): an
 * UnattainableTaskError when the task is out of reach by more than 5% at this
 * weight scale, decided on attainabilityPoints before the full solve; null
 * when it may be attainable, and the full solve decides as for every estimator.
 */
export function screenAttainability(problem: MaxentProblem, estimatorPoints: GainPoints, estimatorName: string): UnattainableTaskError | null {
  if (problem.estimator.kind !== 'montecarlo') return null;
  const decision = attainabilityPoints(problem, estimatorPoints, estimatorName);
  const sigma0 = problem.weightScale;
  if (probeAttainable(problem, decision.points, sigma0, zerosLike(problem)).attainable) return null;
  const threshold = memoisedThreshold(problem, decision);
  const [lower, upper] = threshold.bracket;
  if (!(sigma0 < lower * (1 - SCREEN_MARGIN))) return null;
  return unattainableError(
    problem,
    { ...threshold, attainable: false, rule: decision.rule },
    `on ${decision.rule.replace(/, which .*$/, '')}, the dual has no admissible minimiser, and the weightScale lies more than ` +
      `${100 * SCREEN_MARGIN}% below the threshold (bracket [${lower.toPrecision(5)}, ${upper.toPrecision(5)}]), so the solve over all ` +
      `${estimatorPoints.count} draws was skipped`,
  );
}

/** The out-of-reach error of `problem`: `how` says what showed it. */
export function unattainableError(problem: MaxentProblem, threshold: AttainabilityThreshold, how: string): UnattainableTaskError {
  const [lower, upper] = threshold.bracket;
  return new UnattainableTaskError(
    `not attainable at weightScale ${problem.weightScale}: ${how}. With ${problem.nonlinearity} gains the dual is not steep, and below a threshold ` +
      `weight scale the task is out of reach (model.md §7 "Attainability"). The smallest attainable weightScale is ${threeDigits(upper)} ` +
      `(bisection on sigma through the scaling identity of model.md §5, decided by ${threshold.rule}: ` +
      `not attainable at ${lower.toPrecision(5)}, attainable at ${upper.toPrecision(5)})`,
    upper,
    threshold.bracket,
  );
}

const thresholdMemo = createBoundedMemo<string, { smallestWeightScale: number; bracket: readonly [number, number] }>(THRESHOLD_MEMO_SIZE);

/** bisectThreshold, kept per process under everything it depends on (the task, prior, nonlinearity and points; not sigma). */
function memoisedThreshold(problem: MaxentProblem, decision: DecisionPoints): { smallestWeightScale: number; bracket: readonly [number, number] } {
  const key = JSON.stringify([
    decision.key,
    problem.nonlinearity,
    problem.contextMean,
    problem.contextStd,
    problem.task.rows,
    problem.task.cols,
    Array.from(problem.task.data),
  ]);
  return thresholdMemo.valueOf(key, () => bisectThreshold(problem, decision.points));
}

/** The bisection of attainabilityThreshold, from sigma = 1. */
function bisectThreshold(problem: MaxentProblem, points: GainPoints): { smallestWeightScale: number; bracket: readonly [number, number] } {
  // lambda~ of the last attainable probe (at sigma = 1): a starting point inside the domain.
  let start: Float64Array = zerosLike(problem);
  const probe = (sigma: number): boolean => {
    const outcome = probeAttainable(problem, points, sigma, start);
    if (outcome.attainable) start = outcome.lambda;
    return outcome.attainable;
  };
  let lower = 1;
  let upper = 1;
  let doublings = 0;
  if (probe(1)) {
    // Halve until a probe fails.
    do {
      upper = lower;
      lower /= 2;
      if (++doublings > MAX_DOUBLINGS) return { smallestWeightScale: 0, bracket: [0, upper] };
    } while (probe(lower));
  } else {
    // Double until a probe succeeds: the targets A / sigma^2 shrink to 0, which is attainable at lambda = 0.
    do {
      lower = upper;
      upper *= 2;
      if (++doublings > MAX_DOUBLINGS) throw new Error(`internal: no attainable weightScale up to ${upper}`);
    } while (!probe(upper));
  }
  while (upper / lower - 1 > THRESHOLD_PRECISION) {
    const middle = Math.sqrt(lower * upper);
    if (probe(middle)) upper = middle;
    else lower = middle;
  }
  return { smallestWeightScale: upper, bracket: [lower, upper] };
}

function zerosLike(problem: MaxentProblem): Float64Array {
  return new Float64Array(problem.contexts * problem.stimuli);
}

/** One probe: the dual of (A / sigma^2, 1) over `points` from `start`; attainable iff its minimiser is found and admissible. */
function probeAttainable(
  problem: MaxentProblem,
  points: GainPoints,
  sigma: number,
  start: Float64Array,
): { attainable: boolean; lambda: Float64Array } {
  const task = zeros(problem.task.rows, problem.task.cols);
  for (let i = 0; i < task.data.length; i++) task.data[i] = problem.task.data[i] / (sigma * sigma);
  const scaled: MaxentProblem = { ...problem, task, weightScale: 1 };
  // Feasible tasks only reach here, and tanh and softplus gains have no null relations.
  const estimator = pointEstimatorOf(createPointDualWorkspace(scaled, points), []);
  const lambda = Float64Array.from(start);
  const steps = dampedNewton(estimator, lambda, { tolerance: 1e-12, maxIterations: PROBE_ITERATIONS });
  let next = steps.next();
  while (!next.done) {
    // The rule's points reach the vertices to about 1e-7, so its own walls lie just beyond the true
    // ones: an iterate pressed against a vertex's wall is Newton stalling there, the task out of reach.
    if (maxQOnGainBoxVertices(scaled, lambda).maxQ > 1 - PRESSED_AGAINST_WALL) return { attainable: false, lambda };
    next = steps.next();
  }
  const found = next.value.converged || next.value.maxResidual <= PROBE_RESIDUAL * estimator.scale;
  const admissible = maxQOnGainBoxVertices(scaled, lambda).maxQ < 1;
  return { attainable: found && admissible, lambda };
}

/**
 * The one-dimensional rule of the probes: the trapezoid rule in u with
 * v = c + s sinh(u) over mu_v +- 10 sigma_v, weights h s cosh(u) N(v; mu_v,
 * sigma_v^2) normalised to sum 1 (see attainabilityThreshold for c, s and h).
 * In u the integrand is analytic in a strip of fixed width however close the
 * peak at the vertex, so the rule converges geometrically where Gauss-Hermite
 * in v stalls.
 */
export function boundaryContextRule(problem: MaxentProblem): ContextRule {
  const mean = problem.contextMean;
  const std = problem.contextStd;
  const clustered = problem.nonlinearity === 'tanh';
  const centre = clustered ? 0 : mean;
  const stretch = clustered ? 1e-3 : std;
  // K = 3 takes a coarser step for tanh (41 instead of 59 nodes per context, 69000 points in all).
  const step = clustered ? (problem.contexts <= 2 ? 0.35 : 0.5) : 0.2;
  const first = Math.floor(Math.asinh((mean - RULE_HALF_WIDTH * std - centre) / stretch) / step);
  const last = Math.ceil(Math.asinh((mean + RULE_HALF_WIDTH * std - centre) / stretch) / step);
  const count = last - first + 1;
  const values = new Float64Array(count);
  const weights = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    const u = (first + i) * step;
    const v = centre + stretch * Math.sinh(u);
    const z = (v - mean) / std;
    values[i] = v;
    weights[i] = stretch * Math.cosh(u) * Math.exp(-0.5 * z * z);
    total += weights[i];
  }
  for (let i = 0; i < count; i++) weights[i] /= total;
  return { values, weights };
}

/** sigma to 3 significant digits, as messages name it. */
export function threeDigits(x: number): string {
  return x.toPrecision(3);
}
