import { readFileSync, statSync, unlinkSync } from 'node:fs';
import { uptime } from 'node:os';
import { isGroupAlive, isProcessAlive } from './process-tree.js';
import { EmulatorState, writeFileAtomic } from './state.js';

export type PotStatus = 'starting' | 'started' | 'stopping' | 'stopped';

const STATUSES: readonly PotStatus[] = ['starting', 'started', 'stopping', 'stopped'];

/**
 * `${POT_TMP}/pot_status_NAME` holds `pot.status=<state>,<epair interfaces>`; the emulator has no epairs.
 * A status file older than the last boot is ignored, as pot does since 0.16.0.
 */
export function readStatus(state: EmulatorState, name: string): PotStatus | undefined {
  const path = state.statusPath(name);
  let text: string;
  try {
    if (statSync(path).mtimeMs < Date.now() - uptime() * 1000) return undefined;
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const match = /^pot\.status=([a-z]+)/m.exec(text);
  const value = match?.[1];
  return STATUSES.find((status) => status === value);
}

export function writeStatus(state: EmulatorState, name: string, status: PotStatus): void {
  writeFileAtomic(state.statusPath(name), `pot.status=${status},\n`);
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
  writeFileAtomic(path, `${pid}\n`);
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
  /** pid of the blocking `pot start`, if it is alive */
  readonly startPid: number | undefined;
  /** pid (and process group) of the pot's command, if any process of it is alive */
  readonly mainPid: number | undefined;
  /** what `jls -j NAME` answers for a real jail */
  readonly running: boolean;
}

/**
 * A pot runs while its status says so and something is still alive: the `pot start` that owns it or a
 * process of its command's group (which outlives a `pot start` killed with SIGKILL, as a jail would).
 */
export function inspectPot(state: EmulatorState, name: string): RuntimeView {
  const status = readStatus(state, name);
  const startPidRecorded = readPidFile(state.startPidPath(name));
  const mainPidRecorded = readPidFile(state.mainPidPath(name));
  const startPid = startPidRecorded !== undefined && isProcessAlive(startPidRecorded) ? startPidRecorded : undefined;
  const mainPid = mainPidRecorded !== undefined && isGroupAlive(mainPidRecorded) ? mainPidRecorded : undefined;
  const active = status === 'starting' || status === 'started' || status === 'stopping';
  return { status, startPid, mainPid, running: active && (startPid !== undefined || mainPid !== undefined) };
}

export function isPotRunning(state: EmulatorState, name: string): boolean {
  return inspectPot(state, name).running;
}
