import { setTimeout as sleep } from 'node:timers/promises';
import { acquireLock, LockBusyError, type FileLock } from '../state/lock-file.js';

/** Longest wait for a lock another live process holds; record writes hold it for milliseconds. */
const DEFAULT_WAIT_MS = 30_000;

/** Takes a lock, waiting while another process holds it, and gives up with its LockBusyError after `waitMs`. */
export async function waitForLock(take: () => Promise<FileLock>, waitMs = DEFAULT_WAIT_MS): Promise<FileLock> {
  const deadline = Date.now() + waitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
    try {
      return await take();
    } catch (e) {
      if (!(e instanceof LockBusyError) || Date.now() >= deadline) throw e;
    }
    await sleep(pause + Math.floor(Math.random() * pause));
  }
}

/** Runs `fn` holding the lock file at `path`. */
export async function withLockFile<T>(path: string, fn: () => Promise<T>, waitMs?: number): Promise<T> {
  const lock = await waitForLock(() => acquireLock(path), waitMs);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}
