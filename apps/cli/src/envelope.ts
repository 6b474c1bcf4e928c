import { createRequire } from 'node:module';
import { SCHEMA_VERSION, type ResultKind } from '@maxent/core';

const require = createRequire(import.meta.url);

const PACKAGES = [
  '@maxent/core',
  '@maxent/constraints',
  '@maxent/solver',
  '@maxent/sampler',
  '@maxent/trainer',
  '@maxent/analysis',
] as const;

/** Versions of the packages that produced a result (model.md §13). */
export function packageVersions(): Record<string, string> {
  const versions: Record<string, string> = {
    '@maxent/cli': (require('../package.json') as { version: string }).version,
  };
  for (const name of PACKAGES) {
    versions[name] = (require(`${name}/package.json`) as { version: string }).version;
  }
  return versions;
}

/** The common head of every result file: schemaVersion, kind, config, seed, versions. */
export function envelope(kind: ResultKind, config: unknown, seed?: number | string) {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind,
    config,
    ...(seed === undefined ? {} : { seed }),
    versions: packageVersions(),
  };
}
