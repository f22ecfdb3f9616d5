/** Readings of one process over time: RSS a few times over, and CPU over an interval split into its own and its children's. */
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuTimes, residentKiB, type CpuTimes } from './proc-usage.js';

export interface CpuWindow {
  windowMs: number;
  /** The process alone, in percent of one core. */
  selfPercent: number;
  /** Its children (for the plugin: the pot commands it ran), in percent of one core. */
  childrenPercent: number;
}

/** Five readings 200 ms apart, so that one allocation burst does not make the figure. */
export async function rssReadings(pid: number, signal: AbortSignal): Promise<number[]> {
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    if (i > 0) await sleep(200, undefined, { signal });
    readings.push(residentKiB(pid));
  }
  return readings;
}

export async function cpuWindow(pid: number, windowMs: number, signal: AbortSignal): Promise<CpuWindow> {
  const before = cpuTimes(pid);
  const started = performance.now();
  await sleep(windowMs, undefined, { signal });
  const used = cpuSince(before, pid);
  const elapsed = performance.now() - started;
  return {
    windowMs: elapsed,
    selfPercent: (used.selfMs / elapsed) * 100,
    childrenPercent: (used.childrenMs / elapsed) * 100,
  };
}

export function cpuSince(before: CpuTimes, pid: number): CpuTimes {
  const after = cpuTimes(pid);
  return { selfMs: after.selfMs - before.selfMs, childrenMs: after.childrenMs - before.childrenMs };
}
