import type { RunRecord } from '../state/run-record.js';
import type { RunStore } from '../state/run-store.js';
import { waitForLock } from './wait-lock.js';

export interface RecordWriterOptions {
  /** Called once, when the record on disk asks for the run to stop (`pot-nomad stop`). */
  onStopRequested?: () => void;
  /** A write that failed; the run goes on and the next change writes again. */
  onError?: (error: unknown) => void;
}

/**
 * Keeps a run's record on disk in step with the one in memory, which the run changes as it goes.
 * Each write happens under the record's lock and keeps what others set on disk meanwhile (a stop
 * request above all); writes are serialised, and changes made while one is under way are written
 * together by the next.
 */
export class RecordWriter {
  #dirty = false;
  #pending: Promise<void> | undefined;
  #stopSeen = false;

  constructor(
    private readonly store: RunStore,
    readonly record: RunRecord,
    private readonly opts: RecordWriterOptions = {},
  ) {}

  /** Writes the record as it is now; resolves once written (never rejects). */
  save(): Promise<void> {
    this.#dirty = true;
    this.#pending ??= this.#drain();
    return this.#pending;
  }

  /** Looks at the record on disk every `intervalMs` for a stop request; returns the function that ends this. */
  watchStop(intervalMs: number): () => void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy || this.#stopSeen) return;
      busy = true;
      this.store
        .read(this.record.id)
        .then((disk) => this.#noteDisk(disk), () => undefined)
        .finally(() => (busy = false));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async #drain(): Promise<void> {
    try {
      while (this.#dirty) {
        this.#dirty = false;
        try {
          await this.#writeOnce();
        } catch (error) {
          this.opts.onError?.(error);
        }
      }
    } finally {
      this.#pending = undefined;
    }
  }

  async #writeOnce(): Promise<void> {
    const lock = await waitForLock(() => this.store.lock(this.record.id));
    try {
      const disk = await this.store.read(this.record.id).catch(() => undefined);
      this.#noteDisk(disk);
      await this.store.write({ ...disk, ...this.record });
    } finally {
      await lock.release();
    }
  }

  #noteDisk(disk: RunRecord | undefined): void {
    if (disk?.stopRequested !== true || this.#stopSeen) return;
    this.#stopSeen = true;
    this.record.stopRequested = true;
    this.opts.onStopRequested?.();
  }
}
