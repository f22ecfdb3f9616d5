import { LockBusyError } from '../../state/lock-file.js';
import type { RunStore } from '../../state/run-store.js';
import { waitForLock } from '../wait-lock.js';

/** Another live process kept the run's record locked for longer than we were willing to wait. */
export class RunBusyError extends Error {
  constructor(
    readonly runId: string,
    readonly holder: number | undefined,
  ) {
    super(`run ${runId} is being changed by ${holder === undefined ? 'another process' : `process ${holder}`}; try again in a moment`);
    this.name = 'RunBusyError';
  }
}

/**
 * Runs `fn` holding the record's writer lock. Writers hold it only briefly, so a busy lock is waited for
 * (up to `waitMs`) instead of failing at once.
 */
export async function withRunLock<T>(store: RunStore, runId: string, fn: () => Promise<T>, waitMs = 5000): Promise<T> {
  let lock;
  try {
    lock = await waitForLock(() => store.lock(runId), waitMs);
  } catch (e) {
    throw e instanceof LockBusyError ? new RunBusyError(runId, e.pid) : e;
  }
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}
