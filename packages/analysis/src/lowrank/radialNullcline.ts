import { invalid, resolveOptions } from '@maxent/core';
import { latentFlow, type LatentField } from '@maxent/constraints';

/**
 * What attracts the flow around the origin of a rank-2 latent space (model.md §14):
 * - `ring`: a continuum of near-fixed points, the angular drift along the curve slow
 *   next to the radial relaxation onto it;
 * - `cycle`: a closed curve without fixed points on it (the angle turns one way all round);
 * - `fixed-points`: the curve carries isolated fixed points (the angular flow changes sign,
 *   as between quadstable's stable points and saddles);
 * - `none`: the radial flow does not turn inward along some ray within the extent.
 */
export type ClosedCurveKind = 'ring' | 'cycle' | 'fixed-points' | 'none';

export interface RadialNullcline {
  readonly kind: ClosedCurveKind;
  /** Smallest, mean and largest radius of the curve (null for `none`). */
  readonly radius: { readonly min: number; readonly mean: number; readonly max: number } | null;
  /** Mean radial relaxation rate -d F_r / dr on the curve, 1 / tau. */
  readonly radialRate: number | null;
  /** Largest and smallest signed angular speed F_theta / r on the curve, rad / tau. */
  readonly angularSpeed: { readonly min: number; readonly max: number } | null;
  /** max |angular speed| / mean radial rate: radians drifted per relaxation time. */
  readonly slowness: number | null;
  /** Period in tau of one turn along the curve, integral of d theta / |omega| (cycle only). */
  readonly period: number | null;
}

export interface RadialNullclineOptions {
  /** Rays are scanned over (0, extent]. Default 3. */
  readonly extent?: number;
  /** Number of rays (angles). Default 48. */
  readonly angles?: number;
  /** Radial scan steps along each ray before the crossing is refined. Default 15. */
  readonly scanSteps?: number;
  /** A curve whose slowness is below this is a ring. Default 0.08. */
  readonly ringSlowness?: number;
}

// Ring slowness 0.08: sampled ring networks (N = 20000) measure 0.012-0.036, the
// quadstable preset (mean field and N = 20000) 0.15-0.17, the cycle preset 0.87.
export const RADIAL_NULLCLINE_DEFAULTS = Object.freeze({ extent: 3, angles: 48, scanSteps: 15, ringSlowness: 0.08 });

const REFINE_STEPS = 40;

/**
 * Classify the attracting closed curve of a rank-2 latent flow from its radial
 * nullcline: along each ray from the origin, the first radius where the radial flow
 * F_r = F . u turns from outward to inward. Fixed points around the origin lie on this
 * curve (F_r = F_theta = 0), so the sign pattern of the angular flow F_theta on it tells
 * isolated fixed points (sign changes) from a periodic orbit (one sign), and the size of
 * F_theta next to the radial relaxation tells a slow manifold (ring) from either. A
 * trajectory-only criterion cannot: quadstable trajectories settle at equal radius and
 * stop turning, as on a ring.
 */
export function radialNullcline(field: LatentField, options: RadialNullclineOptions = {}): RadialNullcline {
  if (field.rank !== 2) throw invalid('rank', 'the radial nullcline needs R = 2', field.rank);
  const settings = resolveOptions(RADIAL_NULLCLINE_DEFAULTS, options);
  if (!(settings.extent > 0)) throw invalid('extent', 'must be a positive number', settings.extent);
  if (!Number.isInteger(settings.angles) || settings.angles < 3) throw invalid('angles', 'must be an integer >= 3', settings.angles);
  if (!Number.isInteger(settings.scanSteps) || settings.scanSteps < 2) throw invalid('scanSteps', 'must be an integer >= 2', settings.scanSteps);
  if (!(settings.ringSlowness > 0)) throw invalid('ringSlowness', 'must be a positive number', settings.ringSlowness);
  const kappa = new Float64Array(2);
  const flow = new Float64Array(2);
  const jacobian = new Float64Array(4);
  const radii = new Float64Array(settings.angles);
  const omega = new Float64Array(settings.angles);
  let rate = 0;
  for (let a = 0; a < settings.angles; a++) {
    const theta = (2 * Math.PI * a) / settings.angles;
    const c = Math.cos(theta);
    const s = Math.sin(theta);
    const radial = (r: number): number => {
      kappa[0] = r * c;
      kappa[1] = r * s;
      latentFlow(field, kappa, flow);
      return flow[0] * c + flow[1] * s;
    };
    const r = inwardCrossing(radial, settings.extent, settings.scanSteps);
    if (r === null) return { kind: 'none', radius: null, radialRate: null, angularSpeed: null, slowness: null, period: null };
    kappa[0] = r * c;
    kappa[1] = r * s;
    latentFlow(field, kappa, flow, jacobian);
    radii[a] = r;
    omega[a] = (-flow[0] * s + flow[1] * c) / r;
    rate -= c * (jacobian[0] * c + jacobian[1] * s) + s * (jacobian[2] * c + jacobian[3] * s);
  }
  const radialRate = rate / settings.angles;
  const fastest = Math.max(...omega.map(Math.abs));
  const slowness = fastest / radialRate;
  const positive = omega.every((w) => w > 0);
  const negative = omega.every((w) => w < 0);
  const kind: ClosedCurveKind = slowness < settings.ringSlowness ? 'ring' : positive || negative ? 'cycle' : 'fixed-points';
  let period: number | null = null;
  if (kind === 'cycle') {
    // Period of the turn by the midpoint rule in theta: integral of d theta / |omega|.
    period = 0;
    for (const w of omega) period += (2 * Math.PI) / settings.angles / Math.abs(w);
  }
  const mean = radii.reduce((x, y) => x + y, 0) / settings.angles;
  return {
    kind,
    radius: { min: Math.min(...radii), mean, max: Math.max(...radii) },
    radialRate,
    angularSpeed: { min: Math.min(...omega), max: Math.max(...omega) },
    slowness,
    period,
  };
}

/** First radius in (0, extent] where f turns from positive to non-positive, refined by the Illinois rule; null if none. */
function inwardCrossing(f: (r: number) => number, extent: number, steps: number): number | null {
  let previous = f(extent / steps);
  for (let k = 2; k <= steps; k++) {
    const r = (extent * k) / steps;
    const value = f(r);
    if (previous > 0 && value <= 0) return illinois(f, r - extent / steps, previous, r, value);
    previous = value;
  }
  return null;
}

/** Regula falsi with the Illinois modification on a bracket [a, b] with f(a) > 0 >= f(b). */
function illinois(f: (r: number) => number, a: number, fa: number, b: number, fb: number): number {
  let side = 0;
  for (let step = 0; step < REFINE_STEPS; step++) {
    if (fb === 0 || Math.abs(b - a) <= 1e-13 * Math.abs(b)) return b;
    const c = (a * fb - b * fa) / (fb - fa);
    const fc = f(c);
    if (fc * fb > 0) {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = b;
      fa = fb;
      b = c;
      fb = fc;
      side = 1;
    }
  }
  return b;
}
