import { readFileSync, statSync, unlinkSync } from 'node:fs';
import { uptime } from 'node:os';
import { readJailRecord } from './jail/record.js';
import { isProcessAlive, isTreeAlive, PotTree, type Freshness } from './process-tree.js';
import { writeFileAtomic } from './atomic-file.js';
import { EmulatorState } from './state.js';
import { CorruptStateError, parseStatusText, readStateText } from './state-damage.js';

export type PotStatus = 'starting' | 'started' | 'stopping' | 'stopped';

const STATUSES: readonly PotStatus[] = ['starting', 'started', 'stopping', 'stopped'];

/** A pot's recorded status; `damage` is the `###>` line for a status file that is there but unusable. */
export interface StatusReading {
  readonly status: PotStatus | undefined;
  readonly damage: string | undefined;
}

/**
 * `${POT_TMP}/pot_status_NAME` holds `pot.status=<state>,<epair interfaces>`; the emulator has no epairs.
 * A status file older than the last boot is ignored, as pot does since 0.16.0.
 */
export function readStatusFile(state: EmulatorState, name: string): StatusReading {
  const path = state.statusPath(name);
  const owner = `pot ${name}`;
  const none = { status: undefined, damage: undefined };
  try {
    if (statSync(path).mtimeMs < Date.now() - uptime() * 1000) return none;
  } catch {
    return none;
  }
  let text: string | undefined;
  try {
    text = readStateText(path, owner);
  } catch (error) {
    return { status: undefined, damage: (error as Error).message };
  }
  if (text === undefined) return none;
  const parsed = parseStatusText(text, STATUSES);
  if ('damage' in parsed) return { status: undefined, damage: new CorruptStateError(path, parsed.damage, owner).message };
  return { status: parsed.status, damage: undefined };
}

export function readStatus(state: EmulatorState, name: string): PotStatus | undefined {
  return readStatusFile(state, name).status;
}

/** `${POT_TMP}` files need no flush to disk: they do not outlive a reboot. */
export function writeStatus(state: EmulatorState, name: string, status: PotStatus): void {
  writeFileAtomic(state.statusPath(name), `pot.status=${status},\n`, { flush: false });
}

export function readPidFile(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 1 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function writePidFile(path: string, pid: number): void {
  writeFileAtomic(path, `${pid}\n`, { flush: false });
}

export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

export interface RuntimeView {
  readonly status: PotStatus | undefined;
  /** Set when the status file is damaged: what is wrong, as a `###>` line. */
  readonly damage: string | undefined;
  /** pid of the blocking `pot start`, if it is alive */
  readonly startPid: number | undefined;
  /** the pot's processes, if any of them is alive */
  readonly tree: PotTree | undefined;
  /** what `jls -j NAME` answers for a real jail */
  readonly running: boolean;
}

/**
 * A pot runs while its status says so and something is still alive: the `pot start` that owns it or a
 * process of its command's group (which outlives a `pot start` killed with SIGKILL, as a jail would). With a
 * damaged status file the processes alone decide, as `jls` would for a real jail.
 */
export function inspectPot(state: EmulatorState, name: string, freshness: Freshness = 'now'): RuntimeView {
  const { status, damage } = readStatusFile(state, name);
  const startPidRecorded = readPidFile(state.startPidPath(name));
  const recorded = recordedTree(state, name);
  const startPid = startPidRecorded !== undefined && isProcessAlive(startPidRecorded) ? startPidRecorded : undefined;
  const tree = recorded !== undefined && isTreeAlive(recorded, freshness) ? recorded : undefined;
  const active = damage !== undefined || status === 'starting' || status === 'started' || status === 'stopping';
  return { status, damage, startPid, tree, running: active && (startPid !== undefined || tree !== undefined) };
}

/**
 * The pot's processes as recorded: an isolated pot's are its jail's (the group of bwrap's monitor and the
 * jail's PID namespace), any other pot's the group its main process leads.
 */
export function recordedTree(state: EmulatorState, name: string): PotTree | undefined {
  const jail = readJailRecord(state, name);
  if (jail !== undefined) {
    const machinery = [jail.monitor, jail.init, ...(jail.relay === undefined ? [] : [jail.relay])];
    return { group: jail.monitor, jail: { pidNamespace: jail.pidNamespace, init: jail.init, machinery } };
  }
  const main = readPidFile(state.mainPidPath(name));
  return main === undefined ? undefined : { group: main };
}

export function isPotRunning(state: EmulatorState, name: string): boolean {
  return inspectPot(state, name).running;
}
