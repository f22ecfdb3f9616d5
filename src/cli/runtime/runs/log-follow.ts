import { open, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** Where bytes go; resolves once they are taken (backpressure), rejects when the reader went away. */
export type Sink = (chunk: Uint8Array) => Promise<void>;

const CHUNK = 64 * 1024;

/** The file's size, 0 while it does not exist. */
export async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
}

/** Copies bytes [from, to) of the file to the sink, a chunk at a time. */
export async function copyRange(path: string, from: number, to: number, sink: Sink): Promise<void> {
  if (to <= from) return;
  const fh = await open(path, 'r');
  try {
    for (let pos = from; pos < to; ) {
      const buffer = Buffer.alloc(Math.min(CHUNK, to - pos));
      const { bytesRead } = await fh.read(buffer, 0, buffer.length, pos);
      if (bytesRead === 0) break;
      await sink(buffer.subarray(0, bytesRead));
      pos += bytesRead;
    }
  } finally {
    await fh.close();
  }
}

/**
 * Where the last `lines` lines of the first `size` bytes begin, read backwards a chunk at a time so a large
 * log costs only its tail. A final newline ends the last line; it does not start an empty one.
 */
export async function tailStart(path: string, size: number, lines: number): Promise<number> {
  if (lines <= 0) return size;
  const fh = await open(path, 'r');
  try {
    let end = size;
    let newlines = 0;
    while (end > 0) {
      const start = Math.max(0, end - CHUNK);
      const buffer = Buffer.alloc(end - start);
      await fh.read(buffer, 0, buffer.length, start);
      for (let i = buffer.length - 1; i >= 0; i--) {
        // The newline that ends the file ends the last line; it does not count as the start of another.
        if (buffer[i] !== 0x0a || start + i === size - 1) continue;
        if (++newlines === lines) return start + i + 1;
      }
      end = start;
    }
    return 0;
  } finally {
    await fh.close();
  }
}

export interface FollowOptions {
  /** Settles when no more output will come (the task has ended). */
  until: Promise<unknown>;
  signal: AbortSignal;
  pollMs?: number;
}

/**
 * Copies what is appended to the file from `from` on until `until` settles and everything written before
 * that has been copied, or until `signal` fires. A file that shrinks was truncated and is read from the start.
 */
export async function followFile(path: string, from: number, sink: Sink, opts: FollowOptions): Promise<void> {
  let ended = false;
  const waker = new AbortController();
  void opts.until.then(
    () => {
      ended = true;
      waker.abort();
    },
    () => undefined,
  );
  const wake = AbortSignal.any([waker.signal, opts.signal]);
  let pos = from;
  while (!opts.signal.aborted) {
    const last = ended;
    const size = await fileSize(path);
    if (size < pos) pos = 0;
    await copyRange(path, pos, size, sink);
    pos = size;
    if (last) return;
    await sleep(opts.pollMs ?? 200, undefined, { signal: wake }).catch(() => undefined);
  }
}
