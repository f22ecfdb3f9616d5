import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /**
   * Flush the content to disk before the rename, so that a power loss leaves the old content or the new and
   * never an empty file under the name. The directory is not flushed: losing the rename itself only brings
   * the old, complete content back, and a flush per pot call is what real pot does not pay either. Not
   * needed at all for pot's `${POT_TMP}` files, which do not outlive a reboot.
   */
  readonly flush: boolean;
}

/**
 * Replaces a file in one step: the content goes to a temporary file in the same directory, which is then
 * renamed over the target, so readers (and a process that crashes half-way) see the old content or the new,
 * never part of it. A crash before the rename leaves only the hidden `.<name>.<pid>.<hex>.tmp` file, which
 * no reader looks at.
 */
export function writeFileAtomic(path: string, content: string, options: AtomicWriteOptions): void {
  // The pid keeps processes apart and the exclusive open refuses a clash; the suffix only steps around a file a
  // dead process with the same pid left. Not node:crypto: loading it costs a pot call more than all its writes.
  const suffix = Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0');
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${suffix}.tmp`);
  try {
    const fd = openSync(temporary, 'wx', 0o644);
    try {
      const bytes = Buffer.from(content, 'utf8');
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
      if (options.flush) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
