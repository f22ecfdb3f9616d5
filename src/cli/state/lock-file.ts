import { randomBytes } from '../../shared/random-bytes.js';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { processAlive } from '../../driver/process-alive.js';

/** Another live process holds the lock. */
export class LockBusyError extends Error {
  constructor(
    readonly path: string,
    readonly pid: number | undefined,
  ) {
    super(pid === undefined ? `${path} is being locked by another process; try again` : `${path} is held by process ${pid}, which is still running`);
    this.name = 'LockBusyError';
  }
}

export interface FileLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

export interface LockOptions {
  pid?: number;
  isAlive?: (pid: number) => boolean;
  /** A lock file still empty after this long was left by a process that died while creating it. */
  emptyGraceMs?: number;
  now?: () => number;
}

/**
 * Whether a lock's holder still runs: one we may not signal counts, a zombie does not. A killed supervisor
 * that held a run's lock is reparented to init, which may reap it seconds later; till then its lock is stale.
 */
export { processAlive };

/**
 * Takes a lock by creating `path` exclusively (O_EXCL) with our pid in it. A lock whose pid is no
 * longer running is stale and is broken: it is first renamed to a unique name, so that of two
 * processes breaking it at once only one succeeds, and put back if it turned out to be fresh.
 */
export async function acquireLock(path: string, opts: LockOptions = {}): Promise<FileLock> {
  const pid = opts.pid ?? process.pid;
  const isAlive = opts.isAlive ?? processAlive;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fh = await open(path, 'wx', 0o644);
      try {
        await fh.writeFile(`${pid}\n`);
        await fh.sync();
      } finally {
        await fh.close();
      }
      return { path, release: () => releaseLock(path, pid) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = await readHolder(path);
    if (holder === 'gone') continue;
    if (holder === undefined) {
      const age = await stat(path).then((s) => (opts.now ?? Date.now)() - s.mtimeMs, () => Infinity);
      if (age < (opts.emptyGraceMs ?? 5000)) throw new LockBusyError(path, undefined);
    } else if (isAlive(holder)) {
      throw new LockBusyError(path, holder);
    }
    await breakStale(path, holder);
  }
  throw new LockBusyError(path, undefined);
}

/** The pid in a lock file; undefined when it holds none (yet), 'gone' when the file vanished. */
async function readHolder(path: string): Promise<number | undefined | 'gone'> {
  try {
    const text = (await readFile(path, 'utf8')).trim();
    return /^[1-9][0-9]*$/.test(text) ? Number(text) : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw e;
  }
}

async function breakStale(path: string, stalePid: number | undefined): Promise<void> {
  const aside = `${path}.stale-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  const taken = await readHolder(aside);
  if (taken !== stalePid && taken !== 'gone') {
    // Someone replaced the stale lock between our read and the rename: give theirs back.
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

async function releaseLock(path: string, pid: number): Promise<void> {
  if ((await readHolder(path)) === pid) await unlink(path).catch(() => undefined);
}
