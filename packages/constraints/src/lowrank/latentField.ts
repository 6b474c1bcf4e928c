/**
 * The mean-field latent dynamics of a rank-R network (model.md §14):
 * `tau dkappa/dt = -kappa + G(kappa)`, `G(kappa) = E_p[ n phi(m . kappa + d) ]`, for a
 * teacher's loading distribution, a finite network (the average over its neurons)
 * or a solution's p(m) and E[n|m].
 */
export interface LatentField {
  readonly rank: number;
  /**
   * G(kappa) into `g` (length R) and, when given, dG/dkappa into `jacobian`
   * (R x R row-major, entry (r, s) = dG_r / dkappa_s = E[ n_r m_s phi'(z) ]).
   */
  evaluate(kappa: Float64Array, g: Float64Array, jacobian?: Float64Array): void;
}

/** The flow F(kappa) = -kappa + G(kappa) and its Jacobian -I + dG/dkappa, into `flow` and `jacobian`. */
export function latentFlow(field: LatentField, kappa: Float64Array, flow: Float64Array, jacobian?: Float64Array): void {
  const R = field.rank;
  field.evaluate(kappa, flow, jacobian);
  for (let r = 0; r < R; r++) {
    flow[r] -= kappa[r];
    if (jacobian !== undefined) jacobian[r * R + r] -= 1;
  }
}
