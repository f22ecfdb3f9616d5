/** Readings of one process over time: settled RSS, and CPU over an interval split into its own and its children's. */
import { setTimeout as sleep } from 'node:timers/promises';
import { median } from './measure.js';
import type { CpuWindow } from './plugin-report.js';
import { cpuTimes, residentKiB, type CpuTimes } from './proc-usage.js';

/** Median of five readings 200 ms apart, so that one allocation burst does not make the figure. */
export async function settledRss(pid: number, signal: AbortSignal): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    if (i > 0) await sleep(200, undefined, { signal });
    readings.push(residentKiB(pid));
  }
  return median(readings);
}

export async function cpuWindow(pid: number, windowMs: number, signal: AbortSignal): Promise<CpuWindow> {
  const before = cpuTimes(pid);
  const started = performance.now();
  await sleep(windowMs, undefined, { signal });
  const used = cpuSince(before, pid);
  const elapsed = performance.now() - started;
  return {
    window_ms: round(elapsed),
    plugin_cpu_percent: round((used.selfMs / elapsed) * 100),
    pot_commands_cpu_percent: round((used.childrenMs / elapsed) * 100),
  };
}

export function cpuSince(before: CpuTimes, pid: number): CpuTimes {
  const after = cpuTimes(pid);
  return { selfMs: after.selfMs - before.selfMs, childrenMs: after.childrenMs - before.childrenMs };
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
