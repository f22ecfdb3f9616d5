import { link, lstat, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { namesIn, syncDir } from './atomic-file.js';

/** The file as it was when it was read and judged damaged. */
export interface SeenFile {
  dev: number;
  ino: number;
}

const MARK = '.corrupt-';

/** `2026-11-29T08-05-03-120Z`: a time that is a file name and sorts as it reads. */
export function quarantineStamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/**
 * Sets a damaged file aside as `<name>.corrupt-<stamp>` in its own directory, so nothing reads it as live
 * state again and a person can still look at it. Returns where it went, or `undefined` when the file had
 * been replaced after it was read (a writer got there first): that newer file is left in place, untouched.
 */
export async function quarantine(path: string, seen: SeenFile | undefined, stamp: string): Promise<string | undefined> {
  let movedTo = `${path}${MARK}${stamp}`;
  for (let n = 2; await exists(movedTo); n++) movedTo = `${path}${MARK}${stamp}-${n}`;
  await rename(path, movedTo);
  if (seen !== undefined) {
    const moved = await lstat(movedTo);
    if (moved.dev !== seen.dev || moved.ino !== seen.ino) {
      await giveBack(movedTo, path);
      return undefined;
    }
  }
  await syncDir(dirname(path)).catch(() => undefined);
  return movedTo;
}

/** A file moved aside by mistake goes back, unless yet another one has been written there since. */
async function giveBack(movedTo: string, path: string): Promise<void> {
  try {
    await link(movedTo, path);
    await unlink(movedTo);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') await unlink(movedTo).catch(() => undefined);
    else await rename(movedTo, path);
  }
}

/** The copies of `<dir>/<name>` set aside so far (of every file without `name`), newest first. */
export async function quarantinedCopies(dir: string, name?: string): Promise<string[]> {
  const names = await namesIn(dir);
  const prefix = name === undefined ? undefined : `${basename(name)}${MARK}`;
  return names
    .filter((n) => (prefix === undefined ? n.includes(MARK) : n.startsWith(prefix)))
    .sort()
    .reverse()
    .map((n) => join(dir, n));
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
