import { Command, Option } from 'commander';
import { ProblemHasNoAnswerError } from '@maxent/core';
import {
  OPTIMIZER_NAMES,
  train,
  TRAINING_DEFAULTS,
  trainingProblemFromConfig,
  type TrainingHyperparameters,
} from '@maxent/trainer';
import type { CliIO } from '../context.js';
import type { CommandModule } from '../commandModule.js';
import { addConfigOptions, resolveConfigFile, trainingFromFlags, type ConfigFlags } from '../configOptions.js';
import { envelope } from '../envelope.js';
import { networkFieldsForWriting, writeNetworkNpy, writeJsonAtomic } from '../io.js';
import { npyNetworkRecord } from '../networkInput.js';
import { createProgress } from '../progress.js';
import { assertMemory, assertWork } from '../resourceBudget.js';

interface TrainFlags extends ConfigFlags {
  neurons?: string;
  initScale?: string;
  weightDecay?: string;
  optimizer?: string;
  lr?: string;
  momentum?: string;
  steps?: string;
  batch?: string;
  lossTolerance?: string;
  seed?: string;
  out: string;
  npy?: string;
  quiet?: boolean;
}

/** Progress-bar updates per run: redrawing on every step would cost more than the step. */
const PROGRESS_UPDATES = 200;

/**
 * `maxent train` (interfaces.md): gradient-descent training of the network of
 * model.md §2 on the config's task (§10); writes a `network` file with the
 * `training` record.
 */
export const trainCommand: CommandModule = {
  register(program: Command, io: CliIO): Command {
    const d = TRAINING_DEFAULTS;
    return addConfigOptions(
      program.command('train').description('train the network with gradient descent (model.md §10); writes a network file'),
    )
      .option('--neurons <N>', `hidden neurons (default ${d.neurons})`)
      .option('--init-scale <s>', `u, w ~ N(0, s^2) at initialisation: small = rich, large = lazy regime (default ${d.initScale})`)
      .option('--weight-decay <lambda>', `L2 penalty on u and w (default ${d.weightDecay})`)
      .addOption(new Option('--optimizer <name>', `${OPTIMIZER_NAMES.join(' | ')} (default ${d.optimizer})`))
      .option('--lr <rate>', `learning rate of the mean-field parametrisation (default ${d.learningRate})`)
      .option('--momentum <m>', `SGD momentum in [0, 1) (default ${d.momentum})`)
      .option('--steps <n>', `step budget (default ${d.steps})`)
      .option('--batch <B>', `trials per minibatch (default ${d.batch})`)
      .option('--loss-tolerance <mse>', `stop once the mean loss of the last 10 steps is at most this (default ${d.lossTolerance})`)
      .option('--seed <S>', `seed of initialisation and minibatches (integer, default ${d.seed})`)
      .requiredOption('--out <file>', 'network file to write (JSON)')
      .option('--npy <dir>', 'also write u.npy, v.npy, w.npy (float64) to this folder')
      .option('--quiet', 'no progress bar and no summary')
      .action((flags: TrainFlags) => runTrain(io, flags));
  },
};

function runTrain(io: CliIO, flags: TrainFlags): void {
  const { config, training } = resolveConfigFile(io, flags);
  const hyperparameters = settingsFromFlags(flags, training);
  const problem = trainingProblemFromConfig(config);
  checkTrainingSize(hyperparameters, problem.task.rows, problem.task.cols);
  const quiet = flags.quiet === true;
  const progress = createProgress(io, 'training', hyperparameters.steps, quiet);
  const every = Math.max(1, Math.floor(hyperparameters.steps / PROGRESS_UPDATES));
  let result;
  try {
    result = train(
      { ...problem, ...hyperparameters },
      { onProgress: ({ done, loss }) => done % every === 0 && progress.update(done, `loss ${loss.toExponential(2)}`) },
    );
  } finally {
    progress.stop();
  }
  if (result.stoppedBy === 'diverged') {
    throw new ProblemHasNoAnswerError(
      `training diverged at step ${result.steps}: the loss became non-finite with --optimizer ${hyperparameters.optimizer} --lr ${hyperparameters.learningRate}; lower --lr`,
      'not-converged',
    );
  }
  const { network } = result;
  const { seed, ...trainingConfig } = hyperparameters;
  const file = {
    ...envelope('network', { ...config, training: trainingConfig }, seed),
    ...networkFieldsForWriting(network),
    training: {
      optimizer: hyperparameters.optimizer,
      learningRate: hyperparameters.learningRate,
      initScale: hyperparameters.initScale,
      steps: result.steps,
      stoppedBy: result.stoppedBy,
      finalLoss: result.finalLoss,
      relativeChange: result.relativeChange,
      history: result.history,
    },
  };
  if (flags.npy !== undefined) writeNetworkNpy(io, flags.npy, network, npyNetworkRecord(file));
  writeJsonAtomic(io, flags.out, file);
  if (!quiet) {
    const change = result.relativeChange;
    io.stdout(
      `trained ${network.neurons} ${network.nonlinearity} neurons on a ${network.contexts}x${network.stimuli} task: ` +
        `${result.steps} ${hyperparameters.optimizer} steps (${result.stoppedBy === 'lossTolerance' ? 'loss tolerance met' : 'step budget'}), ` +
        `final loss ${result.finalLoss.toExponential(3)}\n` +
        `relative weight change |theta - theta0| / |theta0|: u ${change.u.toPrecision(3)}, v ${change.v.toPrecision(3)}, w ${change.w.toPrecision(3)}\n` +
        `wrote ${flags.out}\n`,
    );
  }
}

/** The config file's `training` section (already validated) with the flags laid over it; errors name the flag. */
function settingsFromFlags(flags: TrainFlags, fromFile: Record<string, unknown>): TrainingHyperparameters {
  const { neurons, initScale, weightDecay, optimizer, lr: learningRate, momentum, steps, batch, lossTolerance, seed } = flags;
  return trainingFromFlags(fromFile, { neurons, initScale, weightDecay, optimizer, learningRate, momentum, steps, batch, lossTolerance, seed });
}

/** Memory (activations of a minibatch, weights, optimiser state) and work of the run, refused up front when out of reach. */
function checkTrainingSize(settings: TrainingHyperparameters, contexts: number, stimuli: number): void {
  const { neurons, batch, steps } = settings;
  const perNeuron = stimuli + contexts + 1;
  assertMemory(neurons * batch * contexts * 8 * 4, neurons * batch > 1e9 && batch > neurons ? '--batch' : '--neurons', `training ${neurons} neurons on minibatches of ${batch} trials`);
  assertMemory(neurons * perNeuron * 8 * 12, '--neurons', `a network of ${neurons} neurons with its optimiser state`);
  const work = steps * batch * contexts * neurons * perNeuron * 4;
  const setting = steps >= batch && steps >= neurons ? '--steps' : batch >= neurons ? '--batch' : '--neurons';
  assertWork(work, setting, `${steps} steps of ${batch} trials with ${neurons} neurons`);
}
