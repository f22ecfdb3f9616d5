/**
 * The V8 heap of another Node process, read from the diagnostic report it writes on a signal. The process must
 * have been started with `reportNodeArgs(dir)`; a reading costs it one report written to `dir`, and needs no
 * inspector. The figures are as found, without a garbage collection first.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const REPORT_SIGNAL = 'SIGUSR2';

export function reportNodeArgs(dir: string): string[] {
  return ['--report-on-signal', `--report-signal=${REPORT_SIGNAL}`, `--report-directory=${dir}`, '--report-compact'];
}

/** In KiB. */
export interface HeapReading {
  usedKiB: number;
  totalKiB: number;
  /** Memory outside the JS heap that JS objects hold (buffers). */
  externalKiB: number;
}

export async function readHeap(pid: number, dir: string, timeoutMs = 10_000): Promise<HeapReading> {
  const before = new Set(reports(dir));
  process.kill(pid, REPORT_SIGNAL);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    for (const file of reports(dir).filter((name) => !before.has(name))) {
      const heap = parse(path.join(dir, file));
      if (heap !== undefined) {
        rmSync(path.join(dir, file), { force: true });
        return heap;
      }
    }
    if (performance.now() > deadline) throw new Error(`process ${pid} wrote no diagnostic report to ${dir} within ${timeoutMs} ms`);
    await sleep(20);
  }
}

function reports(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('report.') && name.endsWith('.json'));
}

/** Undefined while the report is still being written. */
function parse(file: string): HeapReading | undefined {
  let report: { javascriptHeap?: { usedMemory?: number; totalMemory?: number; externalMemory?: number } };
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as typeof report;
  } catch {
    return undefined;
  }
  const heap = report.javascriptHeap;
  if (heap?.usedMemory === undefined || heap.totalMemory === undefined) return undefined;
  return { usedKiB: heap.usedMemory / 1024, totalKiB: heap.totalMemory / 1024, externalKiB: (heap.externalMemory ?? 0) / 1024 };
}
