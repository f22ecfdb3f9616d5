/**
 * A small deterministic PRNG (mulberry32) for the fuzz and mutation tests: the same seed gives the same
 * inputs on every machine, so a failure can be replayed from the seed and case number it prints.
 */

export interface Random {
  /** The seed this generator started from. */
  readonly seed: number;
  /** A uniform 32-bit unsigned integer. */
  next(): number;
  /** An integer in [0, n); 0 when n <= 0. */
  int(n: number): number;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  bytes(length: number): Uint8Array;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const int = (n: number): number => (n <= 0 ? 0 : Math.floor((next() / 2 ** 32) * n));
  return {
    seed: seed >>> 0,
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => next() / 2 ** 32 < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)] as T;
    },
    bytes(length) {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) out[i] = next() & 0xff;
      return out;
    },
  };
}

/**
 * The seed for one fuzz file: `FUZZ_SEED` from the environment when set (to replay a reported failure),
 * else the file's fixed default so that every run checks the same inputs.
 */
export function fuzzSeed(defaultSeed: number): number {
  const fromEnv = process.env.FUZZ_SEED;
  if (fromEnv === undefined || fromEnv.trim() === '') return defaultSeed >>> 0;
  const n = Number(fromEnv);
  if (!Number.isInteger(n)) throw new Error(`FUZZ_SEED must be an integer, not ${JSON.stringify(fromEnv)}`);
  return n >>> 0;
}

/** An independent generator for case `index` of a run, so one case replays without running those before it. */
export function caseRandom(seed: number, index: number): Random {
  return seededRandom((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0);
}
