import { randomBytes } from '../../shared/random-bytes.js';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { processAlive } from './lock-file.js';

/** `.<name>.<pid>.<8 hex>.tmp`: hidden, and naming the process that writes it. */
const TEMP_NAME = /^\.(.+)\.([1-9][0-9]*)\.[0-9a-f]{8}\.tmp$/;

/**
 * Replaces a file so that readers see either the old or the new content, even after a crash: the
 * data goes to a temporary file in the same directory, is flushed to disk, renamed over the target,
 * and the directory itself is flushed so the rename survives a power loss.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx', mode);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dir);
}

/**
 * Removes the temporary files of writers that died before their rename (their write never happened, the
 * file they meant to replace is intact). Files of live processes are theirs and are left alone. Returns
 * the names removed.
 */
export async function removeStaleTemps(dir: string, isAlive: (pid: number) => boolean = processAlive): Promise<string[]> {
  const names = await namesIn(dir);
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(TEMP_NAME.exec(name)?.[2] ?? NaN);
    if (Number.isNaN(pid) || pid === process.pid || isAlive(pid)) continue;
    await rm(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Flushes a directory's entries to disk; a no-op where the platform cannot open directories for it. */
export async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw e;
  } finally {
    await fh?.close();
  }
}

/** The entries of a directory; none when it does not exist (yet). */
export async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}
