/**
 * Adam as Keras implements it (tf.keras.optimizers.Adam, the optimiser of the
 * original seRNN code), which differs from optimizers.ts' textbook form in where
 * epsilon enters: the bias correction is folded into the step size,
 *   alpha_t = lr sqrt(1 - beta2^t) / (1 - beta1^t),  theta -= alpha_t m / (sqrt(v) + epsilon),
 * so epsilon is added to the uncorrected sqrt(v) ("epsilon hat" of Kingma & Ba
 * 2015, section 2). Keras' defaults: beta1 0.9, beta2 0.999, epsilon 1e-7.
 */
export interface KerasAdamSettings {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

export interface KerasAdam {
  step(parameters: Float64Array, gradient: Float64Array): void;
}

export function createKerasAdam(settings: KerasAdamSettings, size: number): KerasAdam {
  const { learningRate, beta1, beta2, epsilon } = settings;
  const first = new Float64Array(size);
  const second = new Float64Array(size);
  let steps = 0;
  return {
    step(parameters, gradient) {
      steps += 1;
      const alpha = (learningRate * Math.sqrt(1 - beta2 ** steps)) / (1 - beta1 ** steps);
      for (let t = 0; t < size; t++) {
        const g = gradient[t];
        const m = beta1 * first[t] + (1 - beta1) * g;
        const v = beta2 * second[t] + (1 - beta2) * g * g;
        first[t] = m;
        second[t] = v;
        parameters[t] -= (alpha * m) / (Math.sqrt(v) + epsilon);
      }
    },
  };
}
