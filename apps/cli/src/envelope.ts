import { resultEnvelope, VERSION as coreVersion, type ResultKind } from '@maxent/core';
import { VERSION as constraintsVersion } from '@maxent/constraints';
import { VERSION as solverVersion } from '@maxent/solver';
import { VERSION as samplerVersion } from '@maxent/sampler';
import { VERSION as trainerVersion } from '@maxent/trainer';
import { VERSION as analysisVersion } from '@maxent/analysis';
import { VERSION as experimentsVersion } from '@maxent/experiments';
import { VERSION as cliVersion } from './version.js';

/**
 * Versions of what produced a result (model.md §13): this command and the
 * packages it is made of, keys in this order (files are compared byte for byte).
 */
export const VERSIONS: Readonly<Record<string, string>> = Object.freeze({
  '@maxent/cli': cliVersion,
  '@maxent/core': coreVersion,
  '@maxent/constraints': constraintsVersion,
  '@maxent/solver': solverVersion,
  '@maxent/sampler': samplerVersion,
  '@maxent/trainer': trainerVersion,
  '@maxent/analysis': analysisVersion,
  '@maxent/experiments': experimentsVersion,
});

/** The common head of every result file the command writes: schemaVersion, kind, config, seed, versions. */
export function envelope<Kind extends ResultKind, Config>(kind: Kind, config: Config, seed?: number | string) {
  return resultEnvelope(kind, config, seed, VERSIONS);
}
