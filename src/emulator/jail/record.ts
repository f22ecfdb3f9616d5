import { readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-file.js';
import { EmulatorState } from '../state.js';

/** A path of the jail's view and where it comes from on the host (`undefined`: an empty tmpfs). */
export interface ViewEntry {
  readonly jail: string;
  readonly host: string | undefined;
  /** a symlink in the view, e.g. `/bin` → `usr/bin` */
  readonly link?: string;
}

/**
 * What `pot start` of an isolated pot records in `${POT_TMP}/pot_jail_NAME` for every later command: the
 * sandbox's processes, its PID namespace, the cgroups that hold its limits and the filesystem view, so that
 * `exec` can enter it, `stop` can end it completely and `signal`/`get-rss` can tell the pot's processes from
 * the sandbox's own.
 */
export interface JailRecord {
  /** bwrap's monitor process, the leader of the pot's process group */
  readonly monitor: number;
  /** bwrap's init, PID 1 of the jail's namespaces */
  readonly init: number;
  readonly pidNamespace: string;
  /** whether the jail has a user namespace of its own (bwrap run by a user other than root) */
  readonly userNamespace: boolean;
  /** the port relay inside the jail's network namespace, if the pot exports ports */
  readonly relay?: number;
  /** cgroup directories created for the pot's limits, removed when it stops */
  readonly cgroups: readonly string[];
  readonly view: readonly ViewEntry[];
}

export function writeJailRecord(state: EmulatorState, name: string, record: JailRecord): void {
  writeFileAtomic(state.jailRecordPath(name), `${JSON.stringify(record)}\n`, { flush: false });
}

/** The pot's jail record; undefined when it runs without one (or the record is unreadable). */
export function readJailRecord(state: EmulatorState, name: string): JailRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(state.jailRecordPath(name), 'utf8'));
  } catch {
    return undefined;
  }
  return isJailRecord(value) ? value : undefined;
}

export function removeJailRecord(state: EmulatorState, name: string): void {
  rmSync(state.jailRecordPath(name), { force: true });
}

function isJailRecord(value: unknown): value is JailRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  const pid = (v: unknown): boolean => Number.isInteger(v) && (v as number) > 1;
  return (
    pid(r.monitor) &&
    pid(r.init) &&
    typeof r.pidNamespace === 'string' &&
    typeof r.userNamespace === 'boolean' &&
    (r.relay === undefined || pid(r.relay)) &&
    Array.isArray(r.cgroups) &&
    r.cgroups.every((c) => typeof c === 'string') &&
    Array.isArray(r.view)
  );
}
