import { VERSION as coreVersion } from '@maxent/core';
import { VERSION as constraintsVersion } from '@maxent/constraints';
import { VERSION as solverVersion } from '@maxent/solver';
import { VERSION as samplerVersion } from '@maxent/sampler';
import { VERSION as experimentsVersion } from '@maxent/experiments';

/** Versions of what computed a result in the viewer (model.md §13), recorded like the CLI's. */
export const VIEWER_VERSIONS: Readonly<Record<string, string>> = Object.freeze({
  '@maxent/viewer': '0.1.0',
  '@maxent/core': coreVersion,
  '@maxent/constraints': constraintsVersion,
  '@maxent/solver': solverVersion,
  '@maxent/sampler': samplerVersion,
  '@maxent/experiments': experimentsVersion,
});
