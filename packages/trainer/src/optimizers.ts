import { assertNever } from '@maxent/core';
import type { OptimizerName } from './settings.js';

/**
 * An optimiser over one flat parameter vector (u, v, w together), fed the
 * per-neuron gradient of backward.ts (model.md §10). `step` updates the
 * parameters in place and allocates nothing.
 */
export interface Optimizer {
  readonly name: OptimizerName;
  step(parameters: Float64Array, gradient: Float64Array): void;
}

export interface OptimizerSettings {
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  readonly momentum: number;
}

/** Adam's constants (Kingma & Ba 2015, the published defaults). */
export const ADAM_CONSTANTS = Object.freeze({ beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });

export function createOptimizer(settings: OptimizerSettings, size: number): Optimizer {
  switch (settings.optimizer) {
    case 'sgd':
      return sgd(settings.learningRate, settings.momentum, size);
    case 'adam':
      return adam(settings.learningRate, size);
    default:
      return assertNever(settings.optimizer);
  }
}

/**
 * SGD with heavy-ball momentum, PyTorch's convention:
 * velocity = momentum * velocity + gradient; theta -= lr * velocity.
 * With momentum 0 this is plain gradient descent.
 */
function sgd(learningRate: number, momentum: number, size: number): Optimizer {
  const velocity = new Float64Array(size);
  return {
    name: 'sgd',
    step(parameters, gradient) {
      for (let t = 0; t < size; t++) {
        const next = momentum * velocity[t] + gradient[t];
        velocity[t] = next;
        parameters[t] -= learningRate * next;
      }
    },
  };
}

/**
 * Adam (Kingma & Ba 2015, Algorithm 1) with bias-corrected moments. Because the
 * gradient it sees is the O(1) per-neuron gradient, epsilon keeps its usual
 * meaning at every N.
 */
function adam(learningRate: number, size: number): Optimizer {
  const { beta1, beta2, epsilon } = ADAM_CONSTANTS;
  const first = new Float64Array(size);
  const second = new Float64Array(size);
  let steps = 0;
  return {
    name: 'adam',
    step(parameters, gradient) {
      steps += 1;
      // Bias corrections once per step, folded so that the loop costs one square
      // root and one division per parameter: those are its slow instructions
      // (with the second division, by sqrt(c2), the loop took about 36 us per
      // step at 9000 parameters; now about 27).
      const stepSize = learningRate / (1 - beta1 ** steps);
      const inverseCorrection2 = 1 / (1 - beta2 ** steps);
      const mix1 = 1 - beta1;
      const mix2 = 1 - beta2;
      for (let t = 0; t < size; t++) {
        const g = gradient[t];
        const m = beta1 * first[t] + mix1 * g;
        const v = beta2 * second[t] + mix2 * g * g;
        first[t] = m;
        second[t] = v;
        // lr * mhat / (sqrt(vhat) + eps), mhat = m / c1, vhat = v / c2.
        parameters[t] -= (stepSize * m) / (Math.sqrt(v * inverseCorrection2) + epsilon);
      }
    },
  };
}
