/**
 * Common head of every result file (model.md §13, interfaces.md "Conventions").
 * Keys listed in interfaces.md are a stable contract.
 */
export interface ResultEnvelope<Kind extends string, Config = unknown> {
  readonly schemaVersion: number;
  readonly kind: Kind;
  readonly config: Config;
  readonly seed?: number | string;
  readonly versions: Readonly<Record<string, string>>;
}

export const SCHEMA_VERSION = 1;

/** Result-file kinds written by the `maxent` command. */
export type ResultKind =
  | 'maxent-solution'
  | 'network'
  | 'network-npy'
  | 'evaluation'
  | 'analysis'
  | 'weight-metrics'
  | 'sweep'
  | 'lowrank-network'
  | 'lowrank-constraints'
  | 'lowrank-solution'
  | 'lowrank-analysis'
  | 'rnn-training'
  | 'rnn-sweep';

/**
 * The head of a result file: schemaVersion, kind, config, seed (only where
 * randomness was used) and the versions of what produced it, in that key order
 * (the files are compared byte for byte). `versions` comes from the caller: an
 * app knows which packages it is made of, and adds its own version.
 */
export function resultEnvelope<Kind extends ResultKind, Config>(
  kind: Kind,
  config: Config,
  seed: number | string | undefined,
  versions: Readonly<Record<string, string>>,
): ResultEnvelope<Kind, Config> {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind,
    config,
    ...(seed === undefined ? {} : { seed }),
    versions: { ...versions },
  };
}
