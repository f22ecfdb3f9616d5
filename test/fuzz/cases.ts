/**
 * Runs a fixed number of generated fuzz cases and reports the first failure with what is needed to replay it:
 * the seed, the case number and a preview of the input. Each case is also timed, as a guard against hangs
 * (an input that takes seconds is a bug even when it ends), not as a performance check.
 */
import { caseRandom, type Random } from './random.js';

export interface FuzzRun<I> {
  /** Names the run in failure messages. */
  name: string;
  seed: number;
  count: number;
  generate(random: Random, index: number): I;
  /** Throws (an assertion error) when the input was handled wrongly. */
  check(input: I, index: number): void | Promise<void>;
  /** A short text for the failure message; a JSON preview of the input by default. */
  show?(input: I): string;
  /** Longest time one case may take. */
  maxMs?: number;
}

export const HANG_GUARD_MS = 2000;

/** Runs every case in order; resolves with the slowest case's time in milliseconds. */
export async function runCases<I>(run: FuzzRun<I>): Promise<number> {
  const maxMs = run.maxMs ?? HANG_GUARD_MS;
  let slowest = 0;
  for (let index = 0; index < run.count; index++) {
    const input = run.generate(caseRandom(run.seed, index), index);
    const started = performance.now();
    try {
      await run.check(input, index);
    } catch (err) {
      throw new Error(`${failurePrefix(run, index)}: ${err instanceof Error ? err.message : String(err)}\ninput: ${(run.show ?? preview)(input)}`, {
        cause: err,
      });
    }
    const took = performance.now() - started;
    slowest = Math.max(slowest, took);
    if (took > maxMs) {
      throw new Error(`${failurePrefix(run, index)}: took ${Math.round(took)} ms, more than ${maxMs} ms\ninput: ${(run.show ?? preview)(input)}`);
    }
  }
  return slowest;
}

function failurePrefix(run: FuzzRun<unknown>, index: number): string {
  return `${run.name}, case ${index} of seed ${run.seed} (replay with FUZZ_SEED=${run.seed})`;
}

/** At most `max` characters of JSON, with the total length, so that a 5 MiB input does not flood the output. */
export function preview(input: unknown, max = 400): string {
  let text: string;
  if (input instanceof Uint8Array) text = `<${input.length} bytes> ${Buffer.from(input.subarray(0, max / 2)).toString('hex')}`;
  else {
    try {
      text = JSON.stringify(input) ?? String(input);
    } catch {
      text = String(input);
    }
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/** Runs `fn` and returns how long it took in milliseconds, with its result or the error it threw. */
export function timed<T>(fn: () => T): { ms: number; value?: T; error?: unknown } {
  const started = performance.now();
  try {
    const value = fn();
    return { ms: performance.now() - started, value };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}
