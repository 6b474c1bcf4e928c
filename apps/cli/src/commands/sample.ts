import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_SEED, InvalidInputError, invalid, type Progress } from '@maxent/core';
import { nonlinearity } from '@maxent/constraints';
import { solutionFromFile } from '@maxent/solver';
import { AUTO_THIN, MCMC_NEURON_DEFAULTS, MCMC_VARIANTS, SAMPLE_NETWORK_DEFAULTS, SAMPLING_METHODS, sampleNetwork, type McmcThin, type McmcVariant, type NetworkSample, type SamplingMethod } from '@maxent/sampler';
import type { CliIO } from '../context.js';
import type { CommandModule } from '../commandModule.js';
import { integerFlag } from '../configOptions.js';
import { envelope } from '../envelope.js';
import { networkFieldsForWriting, NPY_NETWORK_RECORD_NAME, readResultFile, writeNetworkNpy, writeJsonAtomic } from '../io.js';
import { npyNetworkRecord } from '../networkInput.js';
import { createProgress, type Progress as ProgressBar } from '../progress.js';
import { assertMemory, assertWork, RESOURCE_LIMITS } from '../resourceBudget.js';

interface SampleFlags {
  solution: string;
  neurons: string;
  method?: string;
  variant?: string;
  chains?: string;
  warmup?: string;
  thin?: string;
  seed?: string;
  out?: string;
  npy?: string;
  quiet?: boolean;
}

/**
 * `maxent sample` (interfaces.md): draws a finite network of N neurons from a
 * max-ent solution (model.md §8), exactly (relu) or by Metropolis-Hastings (any
 * nonlinearity, with convergence diagnostics), and writes a `network` file.
 */
export const sampleCommand: CommandModule = {
  register(program: Command, io: CliIO): Command {
    const d = MCMC_NEURON_DEFAULTS;
    return program
      .command('sample')
      .description('draw a network of N neurons from a max-ent solution (model.md §8); writes a network file')
      .requiredOption('--solution <file>', 'solution file (kind "maxent-solution", from maxent solve)')
      .requiredOption('--neurons <N>', 'number of neurons (integer >= 1)')
      .option('--method <name>', `exact (relu only) | mcmc (any nonlinearity); default ${SAMPLE_NETWORK_DEFAULTS.method}`)
      .option('--variant <name>', `mcmc: ${MCMC_VARIANTS.join(' | ')} (default ${d.variant})`)
      .option('--chains <C>', `mcmc: independent chains (integer >= 1, default ${d.chains})`)
      .option('--warmup <W>', `mcmc: warm-up iterations per chain (integer >= 0, default ${d.warmup})`)
      .option('--thin <T>', `mcmc: auto (thin until the constraint functions have ESS >= N/2) or keep every T-th draw (integer >= 1); default ${d.thin}`)
      .option('--seed <S>', `seed (integer, default ${DEFAULT_SEED})`)
      .option('--out <file>', 'network file to write (JSON); required unless --npy is given')
      .option('--npy <dir>', `also (or, without --out, only) write u.npy, v.npy, w.npy (float64, C order) and ${NPY_NETWORK_RECORD_NAME} to this folder: the route for big networks`)
      .option('--quiet', 'print nothing on success (warnings included)')
      .action((flags: SampleFlags) => runSample(io, flags));
  },
};

function runSample(io: CliIO, flags: SampleFlags): void {
  if (flags.out === undefined && flags.npy === undefined) {
    throw new InvalidInputError('--out', 'invalid `--out`: required: give --out FILE (JSON), --npy DIR (.npy arrays, for big networks) or both');
  }
  const neurons = integerFlag(flags.neurons, '--neurons', { min: 1 }) as number;
  const method = (flags.method ?? SAMPLE_NETWORK_DEFAULTS.method) as SamplingMethod;
  if (!(SAMPLING_METHODS as readonly string[]).includes(method)) throw invalid('--method', `must be one of ${SAMPLING_METHODS.join(', ')}`, flags.method);
  const seed = integerFlag(flags.seed, '--seed') ?? DEFAULT_SEED;
  if (method === 'exact') {
    for (const [flag, value] of [['--variant', flags.variant], ['--chains', flags.chains], ['--warmup', flags.warmup], ['--thin', flags.thin]] as const) {
      if (value !== undefined) throw invalid(flag, 'only applies to --method mcmc', value);
    }
  }
  const variant = flags.variant as McmcVariant | undefined;
  if (variant !== undefined && !(MCMC_VARIANTS as readonly string[]).includes(variant)) {
    throw invalid('--variant', `must be one of ${MCMC_VARIANTS.join(', ')}`, flags.variant);
  }
  const chains = integerFlag(flags.chains, '--chains', { min: 1 });
  const warmup = integerFlag(flags.warmup, '--warmup', { min: 0 });
  const thin = thinFlag(flags.thin);

  const file = readResultFile(io, flags.solution, '--solution', 'maxent-solution');
  const { config, problem, lambda } = solutionFromFile(file, '--solution');
  const maxThin = checkSampleSize(neurons, problem.contexts, problem.stimuli, method, { chains, warmup, thin });
  if (method === 'exact' && !nonlinearity(problem.nonlinearity).binaryGains) {
    throw invalid(
      '--method',
      `must be mcmc for the ${problem.nonlinearity} solution in ${flags.solution}: the exact sampler needs binary gains (relu)`,
      method,
    );
  }

  const quiet = flags.quiet === true;
  // The bar starts at the first report, which carries the total (neurons, or chain
  // iterations); thin auto makes several runs (pilot, draws), each with its own total.
  let progress: ProgressBar | undefined;
  let barTotal = -1;
  const onProgress = ({ done, total }: Progress) => {
    if (total !== barTotal) {
      progress?.stop();
      progress = createProgress(io, 'sampling', total, quiet);
      barTotal = total;
    }
    progress?.update(done);
  };
  let sample: NetworkSample;
  try {
    sample = sampleNetwork({ problem, lambda }, { method, neurons, seed, variant, chains, warmup, thin, maxThin, onProgress });
  } finally {
    progress?.stop();
  }
  const { network, diagnostics } = sample;

  const sampling =
    diagnostics === null
      ? { solution: flags.solution, method, neurons }
      : {
          solution: flags.solution,
          method,
          neurons,
          variant: diagnostics.variant,
          chains: diagnostics.chains,
          warmup: diagnostics.warmup,
          // The thinning used; `thinning` says whether thin auto chose it.
          thin: diagnostics.thin,
          thinning: diagnostics.autoThin === undefined ? 'fixed' : 'auto',
        };
  const result = {
    ...envelope('network', { ...config, sampling }, seed),
    ...networkFieldsForWriting(network),
    ...(diagnostics === null ? {} : { diagnostics }),
  };
  if (flags.npy !== undefined) writeNetworkNpy(io, flags.npy, network, npyNetworkRecord(result));
  if (flags.out !== undefined) writeJsonAtomic(io, flags.out, result);
  if (quiet) return;
  for (const warning of diagnostics?.warnings ?? []) io.stderr(`maxent: warning: ${warning}\n`);
  const summary = diagnostics === null
    ? ''
    : `mcmc (${diagnostics.variant}): ${diagnostics.chains} chains, acceptance ${diagnostics.acceptanceRate.toFixed(3)}, ` +
      `max R-hat ${diagnostics.rhat.toFixed(4)}, min bulk ESS ${diagnostics.ess.toFixed(0)}, min tail ESS ${diagnostics.essTail.toFixed(0)}\n` +
      `thin ${diagnostics.thin}${diagnostics.autoThin === undefined ? '' : ' (auto)'}: ESS / N of the constraint functions ${diagnostics.essRatio.toFixed(3)} (min over f)\n`;
  io.stdout(
    `sampled ${network.neurons} ${network.nonlinearity} neurons (${method}) from ${flags.solution}, seed ${seed}\n` +
      summary +
      `wrote ${[flags.out, flags.npy === undefined ? undefined : `${join(flags.npy, '{u,v,w}.npy')} (with ${NPY_NETWORK_RECORD_NAME})`].filter((name) => name !== undefined).join(' and ')}\n`,
  );
}

/** `--thin auto` or an integer >= 1; undefined is the default (auto). */
function thinFlag(text: string | undefined): McmcThin | undefined {
  if (text === undefined || text === 'auto') return text;
  try {
    return integerFlag(text, '--thin', { min: 1 });
  } catch (error) {
    if (error instanceof InvalidInputError) throw invalid('--thin', 'must be auto or an integer >= 1', text);
    throw error;
  }
}

/**
 * Memory of N neurons (u, v, w and the sampler's working copies) and, for mcmc,
 * the chain iterations (warm-up + thin x draws per chain): refused up front
 * when out of reach, naming the setting that makes it so. Thin auto is checked
 * at thinning 1 plus its pilot; the thinning it may choose is capped (the value
 * returned) so that its draws stay within the same budget.
 */
function checkSampleSize(
  neurons: number,
  contexts: number,
  stimuli: number,
  method: SamplingMethod,
  mcmc: { chains?: number; warmup?: number; thin?: McmcThin },
): number | undefined {
  const dimension = stimuli + contexts + 1;
  assertMemory(neurons * dimension * 8 * 6, '--neurons', `a network of ${neurons} neurons`);
  if (method !== 'mcmc') return undefined;
  const chains = mcmc.chains ?? MCMC_NEURON_DEFAULTS.chains;
  const warmup = mcmc.warmup ?? MCMC_NEURON_DEFAULTS.warmup;
  const perChain = Math.ceil(neurons / chains);
  // R-hat and ESS need 4 draws per chain (diagnostics.ts); fewer would make every diagnostic NaN.
  if (perChain < 4) {
    throw invalid('--neurons', `must be at least ${3 * chains + 1} for --method mcmc with ${chains} chains (4 draws per chain for the diagnostics)`, neurons);
  }
  const auto = (mcmc.thin ?? MCMC_NEURON_DEFAULTS.thin) === 'auto';
  const thin = auto ? 1 : (mcmc.thin as number);
  const stepCost = dimension * (contexts + 1);
  const pilot = auto ? chains * (warmup + AUTO_THIN.pilotDraws) : 0;
  const steps = (pilot + chains * (warmup + thin * perChain)) * stepCost;
  const setting = thin > 1 && thin * neurons >= warmup * chains ? '--thin' : warmup * chains > neurons ? '--warmup' : '--neurons';
  assertWork(steps, setting, `Metropolis-Hastings with ${chains} chains, warm-up ${warmup} and thinning ${auto ? 'auto (at least 1)' : thin} for ${neurons} neurons`);
  if (!auto) return undefined;
  // Every round of thin auto may draw at the largest thinning: keep one round within the budget.
  const affordable = Math.floor((RESOURCE_LIMITS.workSteps / stepCost - pilot) / chains - warmup) / perChain;
  return Math.max(1, Math.min(AUTO_THIN.maxThin, Math.floor(affordable)));
}
