import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { PotError } from './errors.js';
import { formatDuration } from './output.js';

/**
 * Opens `path` for appending: a regular file (created when missing) or a FIFO such as Nomad's log FIFOs.
 * Opening a FIFO for writing blocks until a reader opens it; if none does within `timeoutMs`, the pending open
 * is released by opening the FIFO for reading ourselves, and a PotError says what happened.
 */
export async function openForAppend(path: string, timeoutMs: number): Promise<FileHandle> {
  if (!(await isFifo(path))) return open(path, 'a');

  const opening = open(path, constants.O_WRONLY | constants.O_APPEND);
  const timer = new AbortController();
  const winner = await Promise.race([
    opening.then((handle) => ({ handle })),
    delay(timeoutMs, undefined, { signal: timer.signal }).then(() => undefined),
  ]).finally(() => timer.abort());
  if (winner !== undefined) return winner.handle;

  // A non-blocking read open succeeds at once and lets the blocked write open complete, so no thread is left hanging.
  const reader = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = await opening.catch(() => undefined);
  await writer?.close();
  await reader.close();
  throw new PotError(`nothing opened the FIFO ${path} for reading within ${formatDuration(timeoutMs)}`);
}

async function isFifo(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFIFO();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
