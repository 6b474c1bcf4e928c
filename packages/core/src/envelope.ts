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
export type ResultKind = 'maxent-solution' | 'network' | 'evaluation' | 'analysis' | 'weight-metrics' | 'sweep';
