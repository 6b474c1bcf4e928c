import { invalid } from '@maxent/core';

/** Ring-attractor measures from latent trajectories (model.md §14). */
export interface RingMeasures {
  /** Mean |kappa| over the trials' final states. */
  readonly radius: number;
  /** Spread (standard deviation) of the final radii. */
  readonly radiusSpread: number;
  /** Mean |d theta / dt| over the last tenth of the run, radians per tau: slow drift along the ring. */
  readonly drift: number;
}

/** Limit-cycle measures from one long latent trajectory (model.md §14). */
export interface CycleMeasures {
  /** Mean |kappa| over the second half of the run. */
  readonly radius: number;
  /** 2 pi / mean angular speed over the second half, in tau; null unless one turn fits in the simulated time. */
  readonly period: number | null;
}

function checkShape(latents: Float64Array, trials: number, records: number, rank: number): void {
  if (rank !== 2) throw invalid('rank', 'ring and cycle measures need R = 2', rank);
  if (latents.length !== trials * records * rank || records < 2) throw invalid('latents', `must be trials x records x 2 with records >= 2`, `${latents.length} numbers`);
}

/** Angle difference wrapped to (-pi, pi]. */
function angleStep(x0: number, y0: number, x1: number, y1: number): number {
  let d = Math.atan2(y1, x1) - Math.atan2(y0, x0);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d <= -Math.PI) d += 2 * Math.PI;
  return d;
}

/** Ring radius (final states) and drift (angular speed at the end) over trials x records x 2 latents sampled every `dt` tau. */
export function ringMeasures(latents: Float64Array, trials: number, records: number, dt: number): RingMeasures {
  checkShape(latents, trials, records, 2);
  const radii: number[] = [];
  let drift = 0;
  const window = Math.max(1, Math.floor(records / 10));
  for (let trial = 0; trial < trials; trial++) {
    const last = (trial * records + records - 1) * 2;
    radii.push(Math.hypot(latents[last], latents[last + 1]));
    let turned = 0;
    for (let k = records - 1 - window; k < records - 1; k++) {
      const at = (trial * records + k) * 2;
      turned += angleStep(latents[at], latents[at + 1], latents[at + 2], latents[at + 3]);
    }
    drift += Math.abs(turned) / (window * dt);
  }
  const radius = radii.reduce((a, b) => a + b, 0) / trials;
  const radiusSpread = Math.sqrt(radii.reduce((a, r) => a + (r - radius) ** 2, 0) / trials);
  return { radius, radiusSpread, drift: drift / trials };
}

/**
 * Cycle radius and period from the second half of one trajectory (records x 2, sampled
 * every `dt` tau). A period longer than the whole simulated time is not a cycle seen
 * (settled trajectories still turn by round-off or finite-N drift): it is null.
 */
export function cycleMeasures(latents: Float64Array, records: number, dt: number): CycleMeasures {
  checkShape(latents, 1, records, 2);
  const from = Math.floor(records / 2);
  let radius = 0;
  let turned = 0;
  for (let k = from; k < records; k++) radius += Math.hypot(latents[2 * k], latents[2 * k + 1]);
  for (let k = from; k + 1 < records; k++) turned += angleStep(latents[2 * k], latents[2 * k + 1], latents[2 * k + 2], latents[2 * k + 3]);
  const time = (records - 1 - from) * dt;
  const speed = Math.abs(turned) / time;
  const period = (2 * Math.PI) / speed;
  return { radius: radius / (records - from), period: period <= (records - 1) * dt ? period : null };
}
