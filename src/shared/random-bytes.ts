import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Cryptographically random bytes from the kernel's /dev/urandom (Linux and FreeBSD alike), for ids, tokens and
 * temporary names. node:crypto would do it, but loading it costs a `plan`, a `run` or its supervisor about a tenth
 * of a bare node's start, for a few bytes.
 */
export function randomBytes(count: number): Buffer {
  const bytes = Buffer.alloc(count);
  const fd = openSync('/dev/urandom', 'r');
  try {
    for (let filled = 0; filled < count; ) filled += readSync(fd, bytes, filled, count - filled, null);
  } finally {
    closeSync(fd);
  }
  return bytes;
}
