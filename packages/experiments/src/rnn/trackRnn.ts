import { eigenvalues } from '@maxent/core';
import { gridDistances, gridUnits, resolveRnnSettings, trainRnn, type RnnEpoch, type RnnSettings, type RnnTrainingResult, type TrainRnnOptions } from '@maxent/trainer';
import { rnnMeasures, type RnnMeasures } from './rnnMeasures.js';

/** One epoch of a tracked run: the trainer's record and the measures of its W. */
export interface TrackedEpoch extends RnnEpoch {
  readonly measures: RnnMeasures;
}

export interface TrackedRnnTraining {
  readonly result: RnnTrainingResult;
  readonly epochs: readonly TrackedEpoch[];
  /** Eigenvalues of the final W (conjugate pairs adjacent). */
  readonly eigenvalues: { readonly real: readonly number[]; readonly imaginary: readonly number[] };
}

/** Accuracy on the fixed test set that counts as learnt (the original reports networks above 90%). */
export const LEARNT_ACCURACY = 0.9;

/**
 * Trains an RNN (model.md §12) and measures W after every epoch (§11, epoch 0
 * = initialisation). The trainer knows nothing of the measures (it does not
 * depend on @maxent/analysis, architecture.md); they are joined here.
 */
export function trainTrackedRnn(settings: RnnSettings, options: TrainRnnOptions = {}): TrackedRnnTraining {
  const resolved = resolveRnnSettings(settings);
  const units = gridUnits(resolved.grid);
  const distances = gridDistances(resolved.grid);
  const measured: TrackedEpoch[] = [];
  const result = trainRnn(resolved, {
    ...options,
    onEpoch: (epoch) => {
      measured.push({ ...epoch, measures: rnnMeasures(epoch.w, units, distances) });
      options.onEpoch?.(epoch);
    },
  });
  const spectrum = eigenvalues({ rows: units, cols: units, data: result.parameters.w }, 'W');
  return { result, epochs: measured, eigenvalues: { real: Array.from(spectrum.real), imaginary: Array.from(spectrum.imaginary) } };
}

/** The scalar columns of one epoch (no matrices, no communities): a row of the per-epoch table. */
export function epochColumns(epoch: TrackedEpoch): Record<string, number | null> {
  const { measures } = epoch;
  return {
    epoch: epoch.epoch,
    loss: epoch.loss,
    trainLoss: epoch.trainLoss,
    trainTaskLoss: epoch.trainTaskLoss,
    testLoss: epoch.testLoss,
    constraint: epoch.constraint,
    testAccuracy: epoch.testAccuracy,
    problemAccuracy: epoch.problemAccuracy,
    shannonEntropy: measures.shannonEntropy,
    communicabilityEntropy: measures.communicabilityEntropy,
    modularity: measures.modularity,
    communities: new Set(measures.communities).size,
    leadingEigenvalue: measures.leadingEigenvalue,
    logLeadingEigenvalue: measures.logLeadingEigenvalue,
    spectralRadius: measures.spectralRadius,
    spectralEntropy: measures.spectralEntropy,
    totalWeight: measures.totalWeight,
    distanceCorrelation: measures.distanceCorrelation,
  };
}

/**
 * The body of an `rnn-training` result file (interfaces.md), without the
 * envelope: one record per epoch (`loss`, `accuracy` = test accuracy, the other
 * losses and accuracies, `measures` of §11 with `modularity: { q, communities }`
 * and the |W|-distance correlation, the noise-free answers, and W as rows),
 * `recurrent` (the final W), `coordinates` (unit positions on the grid), the
 * final parameters and the eigenvalues of the final W.
 */
export function rnnTrainingToFile(tracked: TrackedRnnTraining): Record<string, unknown> {
  const { result } = tracked;
  const n = result.units;
  const rows = (data: Float64Array, cols: number) => Array.from({ length: data.length / cols }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
  return {
    units: n,
    stoppedBy: result.stoppedBy,
    learnt: (tracked.epochs[tracked.epochs.length - 1]?.testAccuracy ?? 0) >= LEARNT_ACCURACY,
    epochs: tracked.epochs.map((epoch) => {
      const m = epoch.measures;
      return {
        epoch: epoch.epoch,
        loss: epoch.loss,
        accuracy: epoch.testAccuracy,
        trainLoss: epoch.trainLoss,
        trainTaskLoss: epoch.trainTaskLoss,
        testLoss: epoch.testLoss,
        constraint: epoch.constraint,
        testAccuracy: epoch.testAccuracy,
        problemAccuracy: epoch.problemAccuracy,
        problemCorrect: [...epoch.problemCorrect],
        measures: {
          shannonEntropy: m.shannonEntropy,
          communicabilityEntropy: m.communicabilityEntropy,
          modularity: { q: m.modularity, communities: [...m.communities] },
          leadingEigenvalue: m.leadingEigenvalue,
          logLeadingEigenvalue: m.logLeadingEigenvalue,
          spectralRadius: m.spectralRadius,
          spectralEntropy: m.spectralEntropy,
          totalWeight: m.totalWeight,
          distanceCorrelation: m.distanceCorrelation,
        },
        w: rows(epoch.w, n),
      };
    }),
    recurrent: rows(result.parameters.w, n),
    coordinates: rows(result.positions, result.settings.grid.length),
    eigenvalues: tracked.eigenvalues,
    parameters: {
      wIn: rows(result.parameters.wIn, n),
      b: Array.from(result.parameters.b),
      wOut: rows(result.parameters.wOut, result.parameters.bOut.length),
      bOut: Array.from(result.parameters.bOut),
    },
  };
}
