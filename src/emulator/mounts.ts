import { lstatSync, mkdirSync, readdirSync, readlinkSync, rmdirSync, symlinkSync, unlinkSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { EmulatorState } from './state.js';
import { CorruptStateError, cutOff, fscompLineDamage, readStateText } from './state-damage.js';

/** One `conf/fscomp.conf` line: `<source> <mountpoint> [ro|zfs-remount]`. */
export interface MountEntry {
  readonly source: string;
  /** absolute path inside the pot, e.g. `/local` */
  readonly mountPoint: string;
  readonly option: string;
}

/**
 * The mount point inside the pot. Since pot 0.15.6 the line holds `/MNT`; older lines and dataset mounts hold
 * the absolute `${POT_FS_ROOT}/jails/NAME/m/MNT`.
 */
function potMountPoint(state: EmulatorState, name: string, field: string): string {
  const root = state.rootFs(name);
  const inside = field === root || field.startsWith(`${root}/`) ? field.slice(root.length) : field;
  return posix.resolve('/', inside);
}

/** The pot's fscomp.conf entries; none when it has no fscomp.conf; CorruptStateError when it is damaged. */
export function readMounts(state: EmulatorState, name: string): MountEntry[] {
  return parseMounts(state, name, readFscomp(state, name));
}

/** Records a mount in fscomp.conf: the whole file is rewritten in one step, never appended to in place. */
export function addMount(state: EmulatorState, name: string, source: string, mountPoint: string, option: string): void {
  const text = readFscomp(state, name);
  parseMounts(state, name, text);
  writeFileAtomic(state.fscompConfPath(name), `${text}${source} ${mountPoint}${option === '' ? '' : ` ${option}`}\n`, { flush: true });
}

function readFscomp(state: EmulatorState, name: string): string {
  return readStateText(state.fscompConfPath(name), `pot ${name}`) ?? '';
}

function parseMounts(state: EmulatorState, name: string, text: string): MountEntry[] {
  const damaged = (why: string): CorruptStateError => new CorruptStateError(state.fscompConfPath(name), why, `pot ${name}`);
  if (cutOff(text)) throw damaged('its last line is cut off');
  const entries: MountEntry[] = [];
  text.split('\n').forEach((line, i) => {
    const fields = line.trim().split(/\s+/).filter((f) => f !== '');
    if (fields.length === 0) return;
    if (fscompLineDamage(fields)) throw damaged(`line ${i + 1} is not "<source> <mount point> [ro|zfs-remount]"`);
    const [source, mountPoint, option] = fields as [string, string, string | undefined];
    entries.push({ source, mountPoint: potMountPoint(state, name, mountPoint), option: option ?? '' });
  });
  return entries;
}

/** The host path of a path inside the pot. */
export function hostPath(state: EmulatorState, name: string, insidePath: string): string {
  return join(state.rootFs(name), posix.resolve('/', insidePath));
}

export type LinkResult = 'linked' | 'occupied';

/**
 * Without nullfs the host directory is made visible in the pot as a symlink `m/<MNT>` → host dir, so writes
 * in either place are shared as with a read-write nullfs mount. A read-only (`ro`) mount cannot be enforced
 * this way: without jails there is nothing between the pot's processes and the host directory. (An isolated
 * pot's start replaces the symlink by a directory and mounts the host directory there, read-only with `ro`.)
 * An empty directory at the mount point is replaced; anything else there is reported as occupied.
 */
export function linkMount(state: EmulatorState, name: string, source: string, mountPoint: string): LinkResult {
  const target = hostPath(state, name, mountPoint);
  mkdirSync(dirname(target), { recursive: true });
  let existing;
  try {
    existing = lstatSync(target);
  } catch {
    existing = undefined;
  }
  if (existing?.isSymbolicLink()) {
    if (readlinkSync(target) === source) return 'linked';
    unlinkSync(target);
  } else if (existing?.isDirectory()) {
    if (readdirSync(target).length > 0) return 'occupied';
    rmdirSync(target);
  } else if (existing !== undefined) {
    return 'occupied';
  }
  symlinkSync(source, target, 'dir');
  return 'linked';
}

/** What `pot start` does with fscomp.conf: every host-directory mount becomes visible again. */
export function linkAllMounts(state: EmulatorState, name: string): void {
  for (const entry of readMounts(state, name)) {
    if (!entry.source.startsWith('/') || entry.option === 'zfs-remount') continue;
    linkMount(state, name, entry.source, entry.mountPoint);
  }
}
