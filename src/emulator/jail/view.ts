import { lstatSync, readdirSync, readlinkSync, rmdirSync, Stats } from 'node:fs';
import { join, posix } from 'node:path';
import { ViewEntry } from './record.js';

/** The host's directories a jail gets read-only, so that the host's programs run inside it. */
export const SYSTEM_DIRECTORIES: readonly string[] = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc'];

export interface Mount {
  readonly source: string;
  /** absolute path inside the jail */
  readonly target: string;
  readonly readOnly: boolean;
}

export interface ViewRequest {
  /** the pot's root, `m/` */
  readonly root: string;
  readonly mounts: readonly Mount[];
  /** a tmpfs on /tmp (pot's default); with `no-tmpfs` the pot's own `m/tmp` is its /tmp */
  readonly tmpfs: boolean;
  /** where the host's system directories are (`/` but in tests) */
  readonly hostRoot?: string;
}

export interface View {
  /** bwrap's filesystem options, in the order it has to apply them */
  readonly args: string[];
  readonly entries: ViewEntry[];
}

/**
 * The jail's filesystem as bwrap options: the pot's root read-write as `/`, the host's system directories
 * read-only on top, then `/proc`, a minimal `/dev`, `/tmp` and the pot's mounts (nullfs mounts in pot).
 * Where the pot has files of its own inside a system directory (a `copy-in` to
 * `/usr/local/etc/nginx/nginx.conf`, a mount point under `/usr`), the two are merged: the host's entries
 * read-only, the pot's read-write, with read-only tmpfs directories wherever the pot adds a name the host
 * does not have. The merge stands in for an overlay mount, which bubblewrap 0.8 cannot make.
 */
export function buildView(request: ViewRequest): View {
  const hostRoot = request.hostRoot ?? '/';
  const view: View = { args: ['--bind', request.root, '/'], entries: [{ jail: '/', host: request.root }] };
  const mountPoints = new Set(request.mounts.map((m) => posix.resolve('/', m.target)));
  for (const dir of SYSTEM_DIRECTORIES) {
    const host = join(hostRoot, dir);
    const hostInfo = lstatOrUndefined(host);
    if (hostInfo === undefined) continue;
    const own = join(request.root, dir);
    if (hostInfo.isSymbolicLink()) {
      addSystemLink(view, dir, readlinkSync(host), own);
    } else if (hostInfo.isDirectory()) {
      merge(view, dir, host, own, mountPoints);
    }
  }
  view.args.push('--proc', '/proc', '--dev', '/dev');
  if (request.tmpfs) {
    view.args.push('--tmpfs', '/tmp');
    view.entries.push({ jail: '/tmp', host: undefined });
  }
  for (const mount of request.mounts) {
    view.args.push(mount.readOnly ? '--ro-bind' : '--bind', mount.source, mount.target);
    view.entries.push({ jail: mount.target, host: mount.source });
  }
  return view;
}

/**
 * `/bin` → `usr/bin` on merged-/usr hosts. bwrap refuses to make a symlink where anything exists, so one left
 * in the pot's root by an earlier start is kept as it is, and an empty directory is replaced; a pot that has a
 * directory of its own there keeps it.
 */
function addSystemLink(view: View, dir: string, target: string, own: string): void {
  const ownInfo = lstatOrUndefined(own);
  if (ownInfo?.isDirectory() === true && isEmptyDirectory(own)) rmdirSync(own);
  else if (ownInfo !== undefined) return;
  view.args.push('--symlink', target, dir);
  view.entries.push({ jail: dir, host: undefined, link: target });
}

function merge(view: View, jail: string, host: string, own: string, mountPoints: ReadonlySet<string>): void {
  const ownEntries = contentOf(own, jail, mountPoints);
  if (ownEntries.length === 0) {
    bindHost(view, jail, host);
    return;
  }
  const hostNames = new Set(listDirectory(host));
  const needsSkeleton = ownEntries.some((name) => {
    const hostInfo = hostNames.has(name) ? lstatOrUndefined(join(host, name)) : undefined;
    const ownInfo = lstatOrUndefined(join(own, name));
    return hostInfo === undefined || ownInfo === undefined || hostInfo.isSymbolicLink() || ownInfo.isSymbolicLink() || hostInfo.isDirectory() !== ownInfo.isDirectory();
  });
  if (!needsSkeleton) {
    // The pot only replaces what the host has: the host's directory, then the pot's entries over it.
    bindHost(view, jail, host);
    for (const name of ownEntries) mergeEntry(view, posix.join(jail, name), join(host, name), join(own, name), mountPoints);
    return;
  }
  view.args.push('--tmpfs', jail);
  view.entries.push({ jail, host: undefined });
  const ownSet = new Set(ownEntries);
  for (const name of [...new Set([...hostNames, ...ownEntries])].sort()) {
    const path = posix.join(jail, name);
    if (ownSet.has(name)) mergeEntry(view, path, hostNames.has(name) ? join(host, name) : undefined, join(own, name), mountPoints);
    else bindHost(view, path, join(host, name));
  }
  view.args.push('--remount-ro', jail);
}

function mergeEntry(view: View, jail: string, host: string | undefined, own: string, mountPoints: ReadonlySet<string>): void {
  const ownInfo = lstatOrUndefined(own);
  const hostInfo = host === undefined ? undefined : lstatOrUndefined(host);
  if (ownInfo?.isDirectory() === true && hostInfo?.isDirectory() === true && host !== undefined) {
    merge(view, jail, host, own, mountPoints);
  } else if (ownInfo?.isSymbolicLink() === true) {
    const link = readlinkSync(own);
    view.args.push('--symlink', link, jail);
    view.entries.push({ jail, host: undefined, link });
  } else {
    view.args.push('--bind', own, jail);
    view.entries.push({ jail, host: own });
  }
}

function bindHost(view: View, jail: string, host: string): void {
  const info = lstatOrUndefined(host);
  if (info?.isSymbolicLink() === true) {
    const link = readlinkSync(host);
    view.args.push('--symlink', link, jail);
    view.entries.push({ jail, host: undefined, link });
    return;
  }
  view.args.push('--ro-bind', host, jail);
  view.entries.push({ jail, host });
}

/**
 * The names in one of the pot's directories that carry something: a file, a symlink, a mount point, or a
 * directory with such things below it. Empty directories (such as the mount points bwrap made in the pot's
 * root on an earlier start) carry nothing.
 */
function contentOf(own: string, jail: string, mountPoints: ReadonlySet<string>): string[] {
  const info = lstatOrUndefined(own);
  if (info === undefined || !info.isDirectory()) return [];
  return listDirectory(own).filter((name) => hasContent(join(own, name), posix.join(jail, name), mountPoints));
}

function hasContent(path: string, jail: string, mountPoints: ReadonlySet<string>): boolean {
  const info = lstatOrUndefined(path);
  if (info === undefined) return false;
  if (!info.isDirectory()) return true;
  if (mountPoints.has(jail)) return true;
  return listDirectory(path).some((name) => hasContent(join(path, name), posix.join(jail, name), mountPoints));
}

function listDirectory(path: string): string[] {
  try {
    return readdirSync(path).sort();
  } catch {
    return [];
  }
}

function isEmptyDirectory(path: string): boolean {
  return listDirectory(path).length === 0;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Where a path of the jail's view is on the host (following the view's symlinks), or undefined when it is
 * nowhere (inside an empty tmpfs, or a link that leaves the view).
 */
export function hostPathOf(entries: readonly ViewEntry[], path: string): string | undefined {
  let current = posix.resolve('/', path);
  for (let hops = 0; hops < 16; hops += 1) {
    // the later of two entries at one path is the mount on top
    const entry = [...entries]
      .reverse()
      .filter((e) => e.jail === '/' || current === e.jail || current.startsWith(`${e.jail}/`))
      .sort((a, b) => b.jail.length - a.jail.length)[0];
    if (entry === undefined) return undefined;
    const rest = entry.jail === '/' ? current.slice(1) : current.slice(entry.jail.length + 1);
    if (entry.link !== undefined) {
      current = posix.resolve(posix.dirname(entry.jail), entry.link, rest);
      continue;
    }
    if (entry.host === undefined) return undefined;
    return rest === '' ? entry.host : join(entry.host, rest);
  }
  return undefined;
}
