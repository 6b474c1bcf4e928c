// An explicit `undefined` option means the default (architecture.md): every public
// function of @maxent/sampler that takes options, each of its optional keys.
import { describeUndefinedOptions, optionKeys, optionsCase, outcome } from '#testing';
import {
  chainSteps,
  drawMcmcNeurons,
  gaussianRandomWalk,
  resolveChainsOptions,
  runChain,
  sampleChains,
  sampleExactNeurons,
  sampleMcmcNeurons,
  sampleNetwork,
  type ChainsOptions,
  type ExactNeuronOptions,
  type McmcDrawOptions,
  type McmcNeuronOptions,
  type SampleNetworkOptions,
} from '../src/index.js';
import { RELU_K2 } from '../src/testSolutions.js';

const gaussian = (x: Float64Array) => -0.5 * (x[0] * x[0] + 4 * x[1] * x[1]);

// Values other than the defaults, so that leaving one out changes the draws.
const chains: ChainsOptions = {
  seed: 3,
  chains: 2,
  warmup: 40,
  draws: 30,
  thin: 2,
  initial: [0.5, -0.5],
  proposal: gaussianRandomWalk([1, 0.5]),
  initialStepSize: 0.7,
  targetAcceptance: 0.4,
  adapt: false,
};
const chainKeys = optionKeys<ChainsOptions>({
  chains: true,
  warmup: true,
  draws: true,
  thin: true,
  initial: true,
  proposal: true,
  initialStepSize: true,
  targetAcceptance: true,
  adapt: true,
  onProgress: true,
  signal: true,
});

const mcmc: McmcDrawOptions = { neurons: 30, seed: 5, variant: 'full', chains: 2, warmup: 40, thin: 2 };
const mcmcKeys = optionKeys<McmcDrawOptions>({ variant: true, chains: true, warmup: true, thin: true, onProgress: true, signal: true });
// thin auto with a cap of 3 (the default would choose more for this chain).
const mcmcAuto: McmcNeuronOptions = { neurons: 30, seed: 5, variant: 'full', chains: 2, warmup: 40, thin: 'auto', maxThin: 3 };
const mcmcAutoKeys = optionKeys<McmcNeuronOptions>({ variant: true, chains: true, warmup: true, thin: true, maxThin: true, onProgress: true, signal: true });
const sampleKeys = optionKeys<SampleNetworkOptions>({
  method: true,
  seed: true,
  variant: true,
  chains: true,
  warmup: true,
  thin: true,
  maxThin: true,
  onProgress: true,
  signal: true,
});

function drain<T>(steps: Generator<unknown, T>): { draws: unknown[]; summary: T } {
  const draws: unknown[] = [];
  for (;;) {
    const next = steps.next();
    if (next.done === true) return { draws, summary: next.value };
    draws.push(Array.from((next.value as { position: Float64Array }).position));
  }
}

describeUndefinedOptions('@maxent/sampler: an undefined option is the default', [
  optionsCase<ChainsOptions>({ name: 'sampleChains', call: (options) => sampleChains(gaussian, 2, options), base: chains, keys: chainKeys }),
  optionsCase<ChainsOptions>({ name: 'runChain', call: (options) => runChain(gaussian, 2, 1, options), base: chains, keys: chainKeys }),
  optionsCase<ChainsOptions>({ name: 'chainSteps', call: (options) => drain(chainSteps(gaussian, 2, 0, options)), base: chains, keys: chainKeys }),
  optionsCase<ChainsOptions>({
    name: 'resolveChainsOptions',
    // The default proposal is a new closure per call: compare what it proposes instead.
    call: (options) => {
      const { proposal, ...rest } = resolveChainsOptions(options);
      return { ...rest, proposal: proposal.toString() };
    },
    base: chains,
    keys: chainKeys,
  }),
  optionsCase<ExactNeuronOptions>({
    name: 'sampleExactNeurons',
    call: (options) => sampleExactNeurons(RELU_K2, options),
    base: { neurons: 50, seed: 2 },
    keys: optionKeys<ExactNeuronOptions>({ onProgress: true, signal: true }),
  }),
  optionsCase<McmcNeuronOptions>({ name: 'sampleMcmcNeurons', call: (options) => outcome(() => sampleMcmcNeurons(RELU_K2, options)), base: mcmc, keys: mcmcKeys }),
  optionsCase<McmcNeuronOptions>({ name: 'sampleMcmcNeurons (thin auto)', call: (options) => sampleMcmcNeurons(RELU_K2, options), base: mcmcAuto, keys: mcmcAutoKeys }),
  optionsCase<McmcDrawOptions>({ name: 'drawMcmcNeurons', call: (options) => drawMcmcNeurons(RELU_K2, options), base: mcmc, keys: mcmcKeys }),
  optionsCase<SampleNetworkOptions>({
    name: 'sampleNetwork (exact)',
    call: (options) => sampleNetwork(RELU_K2, options),
    base: { neurons: 50, method: 'exact', seed: 2 },
    keys: sampleKeys,
  }),
  optionsCase<SampleNetworkOptions>({
    name: 'sampleNetwork (mcmc)',
    // Without `method` this is the exact sampler given chain settings: an error either way.
    call: (options) => outcome(() => sampleNetwork(RELU_K2, options)),
    base: { ...mcmcAuto, method: 'mcmc' },
    keys: sampleKeys,
  }),
]);
