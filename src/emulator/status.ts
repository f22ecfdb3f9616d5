import { readFileSync, statSync, unlinkSync } from 'node:fs';
import { uptime } from 'node:os';
import { isGroupAlive, isProcessAlive } from './process-tree.js';
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
  /** pid (and process group) of the pot's command, if any process of it is alive */
  readonly mainPid: number | undefined;
  /** what `jls -j NAME` answers for a real jail */
  readonly running: boolean;
}

/**
 * A pot runs while its status says so and something is still alive: the `pot start` that owns it or a
 * process of its command's group (which outlives a `pot start` killed with SIGKILL, as a jail would). With a
 * damaged status file the processes alone decide, as `jls` would for a real jail.
 */
export function inspectPot(state: EmulatorState, name: string): RuntimeView {
  const { status, damage } = readStatusFile(state, name);
  const startPidRecorded = readPidFile(state.startPidPath(name));
  const mainPidRecorded = readPidFile(state.mainPidPath(name));
  const startPid = startPidRecorded !== undefined && isProcessAlive(startPidRecorded) ? startPidRecorded : undefined;
  const mainPid = mainPidRecorded !== undefined && isGroupAlive(mainPidRecorded) ? mainPidRecorded : undefined;
  const active = damage !== undefined || status === 'starting' || status === 'started' || status === 'stopping';
  return { status, damage, startPid, mainPid, running: active && (startPid !== undefined || mainPid !== undefined) };
}

export function isPotRunning(state: EmulatorState, name: string): boolean {
  return inspectPot(state, name).running;
}
