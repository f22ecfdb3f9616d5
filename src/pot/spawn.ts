// `pot start` blocks for the jail's whole life, and that process must survive restarts of whoever started it, so
// it is not run through the runner: it gets its own session and writes straight into the task's log files.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { FileHandle } from 'node:fs/promises';
import { PotError } from './errors.js';
import { openForAppend } from './fifo.js';
import { spawnFailure } from './spawn-failure.js';

export interface SpawnedPot {
  pid: number;
  /** Settles when the process ends, as long as this process is still alive to see it; never rejects. */
  exited: Promise<{ exitCode: number | null; signal: string | null }>;
}

export interface SpawnDetachedOptions {
  cwd?: string;
  /** The complete environment of pot; default: this process's environment. */
  env?: Record<string, string>;
  /** Appended to; a regular file (created when missing) or a FIFO with a reader. */
  stdoutPath: string;
  stderrPath: string;
  /** How long to wait for a reader on a FIFO before giving up. Default 10 s. */
  fifoOpenTimeoutMs?: number;
  /**
   * Keep this process's event loop alive until pot exits, for callers that have nothing else keeping them alive
   * while they await `exited`. Default false. pot outlives this process either way.
   */
  keepAlive?: boolean;
}

export const DEFAULT_FIFO_OPEN_TIMEOUT_MS = 10_000;

/**
 * Starts pot in a new session with stdin on /dev/null and stdout/stderr on the given paths, without keeping this
 * process's event loop alive (unless `keepAlive`). Rejects with PotNotFoundError or PotError when it cannot be started.
 */
export async function spawnDetached(bin: string, args: string[], opts: SpawnDetachedOptions): Promise<SpawnedPot> {
  const argv = [bin, ...args];
  const timeoutMs = opts.fifoOpenTimeoutMs ?? DEFAULT_FIFO_OPEN_TIMEOUT_MS;
  const [stdout, stderr] = await openBoth(opts.stdoutPath, opts.stderrPath, timeoutMs);
  try {
    const child = spawn(bin, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      detached: true,
      stdio: ['ignore', stdout.fd, stderr.fd],
    });
    if (child.pid === undefined) {
      const [error] = (await once(child, 'error')) as [unknown];
      throw spawnFailure(error, argv, opts.cwd);
    }
    // Errors after a successful start (e.g. from a later kill()) have nobody to report to.
    child.on('error', () => undefined);
    const exited = new Promise<{ exitCode: number | null; signal: string | null }>((resolve) => {
      child.once('exit', (exitCode, signal) => resolve({ exitCode, signal }));
    });
    if (opts.keepAlive !== true) child.unref();
    return { pid: child.pid, exited };
  } finally {
    // The child has its own copies of the descriptors.
    await Promise.all([stdout.close(), stderr.close()]);
  }
}

async function openBoth(stdoutPath: string, stderrPath: string, timeoutMs: number): Promise<[FileHandle, FileHandle]> {
  const results = await Promise.allSettled([openLog(stdoutPath, timeoutMs), openLog(stderrPath, timeoutMs)]);
  const [out, err] = results;
  if (out.status === 'fulfilled' && err.status === 'fulfilled') return [out.value, err.value];
  await Promise.all(results.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
  throw out.status === 'rejected' ? out.reason : (err as PromiseRejectedResult).reason;
}

async function openLog(path: string, timeoutMs: number): Promise<FileHandle> {
  try {
    return await openForAppend(path, timeoutMs);
  } catch (error) {
    if (error instanceof PotError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new PotError(`cannot open ${path} for pot's output: ${reason}`, { cause: error });
  }
}
