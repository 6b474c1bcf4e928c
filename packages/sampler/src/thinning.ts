import { deriveSeed, invalid } from '@maxent/core';
import { essMean } from './diagnostics.js';
import { constraintChains, drawMcmcNeurons, mcmcDiagnostics, type AutoThinReport, type McmcDraws, type McmcDrawOptions, type NetworkDiagnostics } from './mcmcNeurons.js';
import type { SolutionLaw } from './network.js';

/**
 * Settings of thin auto. Neurons of an MCMC network are correlated along each
 * chain, so the network-level means of the constraint functions f fluctuate more
 * than those of an exact draw of the same size: by sqrt(N / ESS). Thin auto keeps
 * every t-th state with t chosen so that ESS(f_kj) >= target x N for every f_kj,
 * i.e. standard errors of mean f at most sqrt(2) those of independent draws.
 */
export const AUTO_THIN = Object.freeze({
  /** The essRatio to reach: ESS of every f_kj >= N / 2. */
  target: 0.5,
  /** Draws per chain of the pilot run that estimates the autocorrelation times. */
  pilotDraws: 1000,
  /** Draws of the network at most (the first from the pilot's estimate, then redraws). */
  rounds: 4,
  /** The largest thinning chosen unless the caller sets its own cap. */
  maxThin: 10_000,
});

/**
 * Largest integrated autocorrelation time tau = S / ESS_mean over the constraint
 * functions in a pilot run at thin 1 (its own seed stream, so it never overlaps
 * the kept draws). Geyer's truncation biases tau low when it is comparable to the
 * pilot's length: the verification of the kept draw catches that.
 */
export function pilotTau(solution: SolutionLaw, options: McmcDrawOptions & { readonly chains: number }): number {
  const run = drawMcmcNeurons(solution, { ...options, neurons: options.chains * AUTO_THIN.pilotDraws, seed: deriveSeed(options.seed, 'pilot'), thin: 1 });
  const draws = run.chains * run.drawsPerChain;
  let tau = 1;
  for (const chains of constraintChains(solution.problem, run)) tau = Math.max(tau, draws / essMean(chains));
  // A constant f (ESS = S) gives 1; NaN cannot arise with pilotDraws >= 4.
  return tau;
}

/** The draws thin auto keeps, their diagnostics (with the autoThin report) and nothing else. */
export interface AutoThinned {
  readonly draws: McmcDraws;
  readonly diagnostics: NetworkDiagnostics;
}

/**
 * thin auto: a pilot estimates tau_max, the network is drawn at thin = ceil(tau_max)
 * (ESS per kept draw about 1 when tau >> 1; about 0.75 for an AR(1) chain), and the
 * achieved essRatio is verified on the kept draw itself. Below the target it is
 * redrawn at ceil(thin / essRatio) (tau of the kept draw in chain iterations), at
 * most AUTO_THIN.rounds draws and maxThin. Every round uses the master seed, so the
 * result is the fixed-thin draw at the chosen thinning, bytes and all.
 */
export function autoThinnedDraws(solution: SolutionLaw, options: McmcDrawOptions & { readonly chains: number; readonly maxThin?: number }): AutoThinned {
  const { maxThin: cap, ...drawOptions } = options;
  const maxThin = cap ?? AUTO_THIN.maxThin;
  if (!Number.isInteger(maxThin) || maxThin < 1) throw invalid('maxThin', 'must be an integer >= 1', maxThin);
  const { target } = AUTO_THIN;
  const tau = pilotTau(solution, drawOptions);
  const rounds: { thin: number; essRatio: number }[] = [];
  let thin = Math.min(maxThin, Math.ceil(tau));
  for (;;) {
    const draws = drawMcmcNeurons(solution, { ...drawOptions, thin });
    const diagnostics = mcmcDiagnostics(solution, draws);
    const ratio = diagnostics.essRatio;
    rounds.push({ thin, essRatio: ratio });
    const reached = ratio >= target;
    // NaN (fewer than 4 draws per chain) cannot be verified: stop, reported as not reached.
    const next = Math.min(maxThin, Math.max(thin + 1, Math.ceil(thin / ratio)));
    if (reached || !(ratio > 0) || thin >= maxThin || rounds.length >= AUTO_THIN.rounds) {
      const report: AutoThinReport = { target, pilotDraws: AUTO_THIN.pilotDraws, pilotTau: tau, rounds, reached };
      const warnings = reached ? diagnostics.warnings : [...diagnostics.warnings, notReached(report, thin, maxThin)];
      return { draws, diagnostics: { ...diagnostics, warnings, autoThin: report } };
    }
    thin = next;
  }
}

function notReached(report: AutoThinReport, thin: number, maxThin: number): string {
  const last = report.rounds[report.rounds.length - 1].essRatio;
  const why = thin >= maxThin ? `the largest thinning allowed is ${maxThin}` : `${report.rounds.length} draws were made`;
  return (
    `thin auto: the constraint functions have ESS / N = ${Number.isFinite(last) ? last.toFixed(3) : 'unknown (too few draws per chain)'} < ${report.target} at thinning ${thin} (${why}): ` +
    'network-level means fluctuate more than for independent neurons; use --method exact if the nonlinearity allows, the blocked variant, or a larger --thin'
  );
}
