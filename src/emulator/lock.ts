import { AsyncLocalStorage } from 'node:async_hooks';
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { PotError } from './messages.js';
import { isProcessAlive } from './process-tree.js';

const DEFAULT_TIMEOUT_MS = 120_000;
/** A lock file without a readable pid is only trusted for this long (its writer may have died mid-create). */
const EMPTY_LOCK_GRACE_MS = 2_000;

/**
 * Locks the running pot call already holds, so that its nested calls on the same pot do not wait for themselves.
 * A pot process is one call; a process that runs several calls at once (in-process.ts) gives each its own map,
 * so that two of them exclude each other as two pot processes would.
 */
const processCall = new Map<string, number>();
const calls = new AsyncLocalStorage<Map<string, number>>();

/** Runs `action` as a pot call of its own, holding none of the locks of the calls around it. */
export function asOwnCall<T>(action: () => Promise<T>): Promise<T> {
  return calls.run(new Map(), action);
}

function heldLocks(): Map<string, number> {
  return calls.getStore() ?? processCall;
}

export interface Lock {
  release(): void;
}

/**
 * pot serialises calls with lockf(1): one lock per pot and a global one for create/import/clone/prepare/
 * copy-in. Here a lock is a file created with O_EXCL that holds the owner's pid; a lock whose owner is gone
 * is broken. Locks are always taken global first, then per pot.
 */
export async function acquireLock(path: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Lock> {
  const held = heldLocks();
  const count = held.get(path);
  if (count !== undefined) {
    held.set(path, count + 1);
    return { release: () => releaseLock(held, path) };
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (tryCreate(path)) {
      held.set(path, 1);
      return { release: () => releaseLock(held, path) };
    }
    if (isStale(path)) breakStale(path);
    else if (Date.now() > deadline) {
      throw new PotError(`Timeout waiting for the lock ${path} (held by ${readOwner(path) ?? 'an unknown process'})`);
    } else await sleep(10 + Math.floor(Math.random() * 15));
  }
}

export async function withLock<T>(path: string, action: () => T | Promise<T>): Promise<T> {
  const lock = await acquireLock(path);
  try {
    return await action();
  } finally {
    lock.release();
  }
}

function releaseLock(held: Map<string, number>, path: string): void {
  const count = held.get(path) ?? 0;
  if (count > 1) {
    held.set(path, count - 1);
    return;
  }
  held.delete(path);
  // Only remove the file if it is still ours (it may have been broken as stale and re-created meanwhile).
  if (readOwner(path) === process.pid) removeQuietly(path);
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isStale(path: string): boolean {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return false;
  }
  const owner = readOwner(path);
  if (owner === undefined) return Date.now() - mtimeMs > EMPTY_LOCK_GRACE_MS;
  return !isProcessAlive(owner);
}

/**
 * Breaking a stale lock is itself serialised through a second lock file: two waiters that both saw the
 * stale owner must not end up deleting a lock that a third process has just created.
 */
function breakStale(path: string): void {
  const breaker = `${path}.break`;
  if (!tryCreate(breaker)) {
    if (isStale(breaker)) removeQuietly(breaker);
    return;
  }
  try {
    if (isStale(path)) removeQuietly(path);
  } finally {
    removeQuietly(breaker);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
