import { PotDriver, type PotDriverOptions } from '../../src/driver/driver.js';
import type { DriverLog } from '../../src/driver/log.js';
import { FakePot, NEVER, nomadTask, RAW_CONFIG } from './fake-pot.js';
import '../helpers/reaper.js';

/** A driver over a FakePot, with short waits and no event-loop pinning. */
export function makeDriver(pot: FakePot, options: PotDriverOptions = {}): PotDriver {
  return new PotDriver({
    backend: (bin) => pot.backend(bin),
    timings: { recoverPollMs: 10, exitGraceMs: 200, fingerprintIntervalMs: 60_000, keepAlive: false, ...options.timings },
    ...(options.log ? { log: options.log } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.defaults ? { defaults: options.defaults } : {}),
    pluginVersion: options.pluginVersion ?? '0.1.0',
  });
}

/** A started task on a fresh FakePot. */
export async function startedDriver(options: PotDriverOptions = {}): Promise<{ pot: FakePot; driver: PotDriver; driverState: Uint8Array }> {
  const pot = new FakePot();
  const driver = makeDriver(pot, options);
  const started = await driver.startTask({ task: nomadTask(), driverConfig: RAW_CONFIG }, NEVER);
  return { pot, driver, driverState: started.handle.driverState };
}

/** The first `n` items of a stream, then stops it. */
export async function take<T>(source: AsyncIterable<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  if (n <= 0) return out;
  for await (const item of source) {
    out.push(item);
    if (out.length >= n) break;
  }
  return out;
}

/** Every item of a stream that ends by itself. */
export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

export interface LogEntry {
  level: string;
  message: string;
  fields: Readonly<Record<string, unknown>>;
}

export function recordingLog(): { log: DriverLog; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: string) => (message: string, fields: Readonly<Record<string, unknown>> = {}) => void entries.push({ level, message, fields });
  return { log: { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, entries };
}

/** Lets pending promise callbacks and I/O callbacks run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
