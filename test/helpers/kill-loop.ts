/** Shared by the kill -9 loops: seeded random delays, and waiting until the emulator has finished what a killed process started. */
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './cli.js';

export const EMULATOR = `${ROOT}bin/pot-emulator.js`;

/** mulberry32: the same seed gives the same delays on every run, so a failure can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 8 hex characters from the seeded generator, shaped like Nomad's invocation ids. */
export function seededHex(random: () => number): string {
  return Math.floor(random() * 0x1_0000_0000).toString(16).padStart(8, '0');
}

/** Without /proc, how long a killed process's pot commands are given to finish. */
const BLIND_WAIT_MS = 3000;

/**
 * The pids of emulator commands for this emulator root that are still running, other than `pot start`
 * (which is meant to outlive whoever spawned it); undefined where there is no /proc to look in.
 */
function inFlight(emulatorRoot: string): number[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const pids: number[] = [];
  for (const entry of entries) {
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const at = argv.indexOf(EMULATOR);
      if (at < 0 || argv[at + 1] === 'start') continue;
      const env = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (env.includes(`POT_EMULATOR_ROOT=${emulatorRoot}`)) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

/**
 * A pot command keeps running after the process that ran it is killed (it has its own process group), and
 * Nomad retries only after a restart delay of seconds: this waits until those commands have finished, so
 * that what the test looks at afterwards is what they left. False if they have not within `ms`.
 */
export async function emulatorSettled(emulatorRoot: string, ms = 20_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  if (inFlight(emulatorRoot) === undefined) {
    await sleep(BLIND_WAIT_MS);
    return true;
  }
  while ((inFlight(emulatorRoot)?.length ?? 0) > 0) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}
