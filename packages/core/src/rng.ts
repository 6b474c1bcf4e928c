import seedrandom from 'seedrandom';

/** Serializable state of an {@link Rng}: enough to continue the exact same stream. */
export interface RngState {
  readonly generator: object;
  readonly spareNormal: number | null;
}

/**
 * A seeded random stream. All randomness in maxent-networks goes through one of
 * these, passed in explicitly (architecture.md: no global, unseeded generator).
 */
export interface Rng {
  /** Uniform draw in [0, 1). */
  next(): number;
  /** Standard normal draw. */
  normal(): number;
  /** Snapshot that {@link restoreRng} turns back into an identical stream. */
  state(): RngState;
}

type Alea = seedrandom.StatefulPRNG<seedrandom.State.Alea>;

class AleaRng implements Rng {
  private spare: number | null = null;
  constructor(private readonly generator: Alea) {}

  next(): number {
    return this.generator();
  }

  // Box-Muller, keeping the second value of each pair: two normals per log and sqrt.
  normal(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    let u1 = this.generator();
    while (u1 === 0) u1 = this.generator();
    const u2 = this.generator();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  state(): RngState {
    return { generator: { ...this.generator.state() }, spareNormal: this.spare };
  }
}

/**
 * The seed every function and command uses when none is given: one constant, so a
 * default run of the CLI and of the packages draw from the same stream.
 */
export const DEFAULT_SEED = 1;

/**
 * A stream from a seed (Alea generator from seedrandom: fast, 2^116 period, and
 * the same sequence on every platform).
 */
export function createRng(seed: number | string): Rng {
  return new AleaRng(seedrandom.alea(String(seed), { state: true }));
}

/** Continue a stream from a {@link RngState}. */
export function restoreRng(state: RngState): Rng {
  const rng = new AleaRng(seedrandom.alea('', { state: state.generator as seedrandom.State.Alea }));
  (rng as unknown as { spare: number | null }).spare = state.spareNormal;
  return rng;
}

/**
 * Seed of an independent child stream: a chain, a sweep point, a worker task.
 * Depends only on the master seed and the path of indices, never on how many
 * workers run the children, so results are the same on every machine.
 */
export function deriveSeed(masterSeed: number | string, ...path: readonly (number | string)[]): string {
  return [String(masterSeed), ...path.map(String)].join('/');
}
