/**
 * Readings of a process's memory taken all along, not once at the end of a cycle: a single reading lands
 * anywhere between two garbage collections and swings by a fifth, while the median RSS of a cycle's readings and
 * the lowest heap seen in it (the live heap just after a collection) move only when memory is really kept.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { readHeap } from './heap-report.js';
import { median } from './measure.js';
import { residentKiB } from './proc-usage.js';

export interface MemoryFigures {
  /** Median of the RSS readings, in KiB. */
  rssKiB: number;
  /** Lowest heap in use among the readings, in KiB. */
  heapFloorKiB: number;
  readings: number;
}

export class MemorySampler {
  readonly #rss: number[] = [];
  readonly #heap: number[] = [];
  readonly #stop = new AbortController();
  readonly #loop: Promise<void>;

  /** `reports`: the report directory the process was started with (see heap-report.ts). */
  constructor(pid: number, reports: string, everyMs: number) {
    this.#loop = this.#run(pid, reports, everyMs);
  }

  /** The figures of the readings since the last cut, once there is at least one. */
  async cut(timeoutMs = 30_000): Promise<MemoryFigures> {
    const deadline = performance.now() + timeoutMs;
    while (this.#rss.length === 0) {
      if (performance.now() > deadline) throw new Error(`no memory reading of the process for ${timeoutMs} ms`);
      await sleep(50);
    }
    const figures = { rssKiB: median(this.#rss), heapFloorKiB: Math.min(...this.#heap), readings: this.#rss.length };
    this.#rss.length = 0;
    this.#heap.length = 0;
    return figures;
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#loop;
  }

  async #run(pid: number, reports: string, everyMs: number): Promise<void> {
    while (!this.#stop.signal.aborted) {
      await this.#read(pid, reports).catch(() => undefined);
      await sleep(everyMs, undefined, { signal: this.#stop.signal }).catch(() => undefined);
    }
  }

  async #read(pid: number, reports: string): Promise<void> {
    const heap = await readHeap(pid, reports);
    this.#rss.push(residentKiB(pid));
    this.#heap.push(heap.usedKiB);
  }
}
