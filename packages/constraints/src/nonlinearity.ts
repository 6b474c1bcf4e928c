/** Nonlinearities of model.md §2 with their derivatives (the gains, §3). */
export const NONLINEARITY_NAMES = ['relu', 'tanh', 'softplus', 'linear'] as const;
export type NonlinearityName = (typeof NONLINEARITY_NAMES)[number];

export interface Nonlinearity {
  readonly name: NonlinearityName;
  /** phi(x) */
  readonly value: (x: number) => number;
  /** phi'(x): the gain g = phi'(v) of model.md §3. */
  readonly derivative: (x: number) => number;
  /** Gains take only the values 0 and 1 (relu): populations are gain patterns (§6). */
  readonly binaryGains: boolean;
  /** Closed range of achievable gains, [lower, upper] (model.md §5 "Domain", §7). */
  readonly gainRange: readonly [number, number];
}

function softplus(x: number): number {
  // log(1 + e^x) without overflow for large x or loss of precision for very negative x.
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export const nonlinearities: Readonly<Record<NonlinearityName, Nonlinearity>> = Object.freeze({
  // relu'(0) is taken as 0: a neuron exactly at threshold is silent, g = 1[v > 0] (§6).
  relu: { name: 'relu', value: (x) => (x > 0 ? x : 0), derivative: (x) => (x > 0 ? 1 : 0), binaryGains: true, gainRange: [0, 1] },
  tanh: {
    name: 'tanh',
    value: Math.tanh,
    derivative: (x) => {
      const t = Math.tanh(x);
      return 1 - t * t;
    },
    binaryGains: false,
    gainRange: [0, 1],
  },
  softplus: { name: 'softplus', value: softplus, derivative: sigmoid, binaryGains: false, gainRange: [0, 1] },
  linear: { name: 'linear', value: (x) => x, derivative: () => 1, binaryGains: false, gainRange: [1, 1] },
});

export function nonlinearity(name: NonlinearityName): Nonlinearity {
  return nonlinearities[name];
}
