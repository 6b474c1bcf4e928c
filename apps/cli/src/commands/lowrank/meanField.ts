import { latentFlow, type LatentField } from '@maxent/constraints';
import { cycleMeasures, latentFixedPoints, radialNullcline, type FixedPoint } from '@maxent/analysis';

/** The `meanField` section of lowrank files: fixed points with stability, ring radius, cycle period (model.md §14). */
export interface MeanFieldSummary {
  readonly fixedPoints: FixedPoint[];
  /** Mean radius of the marginal fixed points (a ring attractor), else of a slow radial nullcline (a finite-N ring), or null. */
  readonly ringRadius: number | null;
  /** Period in tau of the limit cycle (no stable or marginal fixed point, the flow turns one way round the nullcline), or null. */
  readonly period: number | null;
  readonly cycleRadius: number | null;
}

const CYCLE_STEP = 0.05;
const CYCLE_STEPS = 2000;

export function meanFieldSummary(field: LatentField): MeanFieldSummary {
  const fixedPoints = latentFixedPoints(field, { marginalTolerance: 1e-6 });
  const marginal = fixedPoints.filter((p) => p.kind === 'marginal');
  if (field.rank !== 2) return { fixedPoints, ringRadius: null, period: null, cycleRadius: null };
  if (marginal.length > 0) return { fixedPoints, ringRadius: marginal.reduce((a, p) => a + Math.hypot(...p.kappa), 0) / marginal.length, period: null, cycleRadius: null };
  // A finite network's ring has no marginal points (finite-N drift), so the nullcline decides.
  const curve = radialNullcline(field);
  if (curve.kind === 'ring') return { fixedPoints, ringRadius: curve.radius?.mean ?? null, period: null, cycleRadius: null };
  let period: number | null = null;
  let cycleRadius: number | null = null;
  if (curve.kind === 'cycle' && !fixedPoints.some((p) => p.kind === 'stable')) {
    const latents = integrate(field, Float64Array.of(0.5, 0.1));
    const cycle = cycleMeasures(latents, CYCLE_STEPS + 1, CYCLE_STEP);
    period = cycle.period;
    cycleRadius = cycle.period === null ? null : cycle.radius;
  }
  return { fixedPoints, ringRadius: null, period, cycleRadius };
}

/** Heun's method on tau dkappa/dt = F(kappa), records every step. */
function integrate(field: LatentField, start: Float64Array): Float64Array {
  const R = field.rank;
  const out = new Float64Array((CYCLE_STEPS + 1) * R);
  const kappa = Float64Array.from(start);
  const k1 = new Float64Array(R);
  const k2 = new Float64Array(R);
  const trial = new Float64Array(R);
  out.set(kappa);
  for (let step = 1; step <= CYCLE_STEPS; step++) {
    latentFlow(field, kappa, k1);
    for (let r = 0; r < R; r++) trial[r] = kappa[r] + CYCLE_STEP * k1[r];
    latentFlow(field, trial, k2);
    for (let r = 0; r < R; r++) kappa[r] += 0.5 * CYCLE_STEP * (k1[r] + k2[r]);
    out.set(kappa, step * R);
  }
  return out;
}
