import { homedir } from 'node:os';
import { posix } from 'node:path';

/** Go's lexical path rules (path/filepath on Unix), which differ from Node's at the edges. */

export function goClean(p: string): string {
  if (p === '') return '.';
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

export function goBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export function goDir(p: string): string {
  return goClean(p.slice(0, p.lastIndexOf('/') + 1));
}

export class HomeDirError extends Error {}

/** go-homedir's Expand: a leading `~` or `~/` becomes the home directory; `~user` is refused. */
export function expandHome(p: string): string {
  if (!p.startsWith('~')) return p;
  if (p.length > 1 && p[1] !== '/' && p[1] !== '\\') throw new HomeDirError('cannot expand user-specific home dir');
  const home = process.env.HOME || homedir();
  return home + p.slice(1);
}

/** Where a job file's relative path points: home-expanded, then joined to the base directory. */
export function resolveFrom(baseDir: string, p: string): string {
  const expanded = expandHome(p);
  return goClean(expanded.startsWith('/') ? expanded : posix.join(baseDir, expanded));
}
