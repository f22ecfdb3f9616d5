import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { psProcesses, psProcessName } from './process-ps.js';

/**
 * The processes of a running pot. A jail holds every process started inside it; without jails the pot's
 * command runs as the leader of its own session and process group (`detached: true`), so "the pot" is every
 * live process of that group, plus, on Linux, every process still in that session (a child that made its
 * own process group). An isolated pot (see `jail/`) is also every process of its PID namespace, which no
 * process inside can leave. Zombies count as gone: they hold no resources and only wait to be reaped.
 */
export interface PotTree {
  /** process group and session of the pot's first process */
  readonly group: number;
  readonly jail?: JailProcesses;
}

export interface JailProcesses {
  /** `/proc/<pid>/ns/pid` of the jail's processes, e.g. `pid:[4026532177]` */
  readonly pidNamespace: string;
  /** the namespace's init: when it dies, the kernel kills every process of the namespace */
  readonly init: number;
  /** the sandbox's own processes (bwrap, its init, the port relay): not signalled with the pot's, not counted */
  readonly machinery: readonly number[];
}

export interface PotProcess {
  readonly pid: number;
  readonly rssBytes: number;
  readonly swapBytes: number;
  readonly virtualBytes: number;
  readonly cpuSeconds: number;
  /** Lifetime CPU share in percent of one core, as `ps` computes %cpu. */
  readonly cpuPercent: number;
}

export interface PotUsage {
  readonly rssBytes: number;
  readonly swapBytes: number;
  readonly virtualBytes: number;
  readonly cpuSeconds: number;
  readonly cpuPercent: number;
}

/**
 * How fresh a look at the process table must be: `now` for whatever decides (whether a pot runs, whom to signal,
 * whether a stop is over); `reading` for a usage report, which may share a look taken within the last
 * READING_MAX_AGE_MS. Every look reads all of /proc (or runs `ps`), and a process that makes many pot calls (a
 * plugin with a stats stream per task, each asking every second) would otherwise do little else.
 */
export type Freshness = 'now' | 'reading';
const READING_MAX_AGE_MS = 100;

const LINUX = process.platform === 'linux';
/** USER_HZ: the unit of the times in /proc/<pid>/stat, 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS = 100;
const POLL_MS = 25;

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!LINUX) return true;
  const stat = readStat(pid);
  // A process that is exiting runs nothing more, though it is not a zombie yet: the last process of a PID
  // namespace kills all the others while in this state.
  return stat !== undefined && !isDead(stat.state) && (stat.flags & PF_EXITING) === 0;
}

/** Linux's task flag for a process in the middle of its exit. */
const PF_EXITING = 0x4;

export function isTreeAlive(tree: PotTree, freshness: Freshness = 'now'): boolean {
  if (tree.jail === undefined) {
    try {
      process.kill(-tree.group, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPERM' && !LINUX) return false;
    }
  }
  return treeProcessIds(tree, true, freshness).length > 0;
}

/**
 * Sends a signal to every process of the pot; processes that are already gone are ignored. In a jail the
 * sandbox's own processes get only SIGKILL (bwrap's monitor would die of a SIGTERM and report it as the
 * command's end), and SIGKILL goes to the namespace's init first, which takes every process inside with it.
 */
export function signalTree(tree: PotTree, signal: NodeJS.Signals): void {
  if (tree.jail !== undefined) {
    const kill = signal === 'SIGKILL';
    if (kill) sendSignal(tree.jail.init, signal);
    for (const pid of treeProcessIds(tree, kill)) sendSignal(pid, signal);
    return;
  }
  try {
    process.kill(-tree.group, signal);
  } catch {
    // the group leader and its group may already be gone while session members remain
  }
  for (const pid of treeProcessIds(tree, true)) sendSignal(pid, signal);
}

function sendSignal(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // raced with its exit
  }
}

/**
 * jail(8)'s removal: SIGTERM, up to `timeoutSeconds` for the processes to leave, then SIGKILL
 * (a timeout of 0 kills at once, as `stop.timeout=0` does).
 */
export async function terminateTree(tree: PotTree, timeoutSeconds: number): Promise<void> {
  if (timeoutSeconds > 0) {
    signalTree(tree, 'SIGTERM');
    if (await waitTreeGone(tree, timeoutSeconds * 1000)) return;
  }
  signalTree(tree, 'SIGKILL');
  await waitTreeGone(tree, 5_000);
}

async function waitTreeGone(tree: PotTree, timeoutMs: number): Promise<boolean> {
  return waitUntil(() => !isTreeAlive(tree), timeoutMs);
}

export async function waitProcessGone(pid: number, timeoutMs: number): Promise<boolean> {
  return waitUntil(() => !isProcessAlive(pid), timeoutMs);
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

/** What the pot's own processes use (the sandbox's machinery is not the pot's). */
export function treeUsage(tree: PotTree): PotUsage {
  const processes = potProcesses(tree);
  const sum = (pick: (p: PotProcess) => number): number => processes.reduce((total, p) => total + pick(p), 0);
  return {
    rssBytes: sum((p) => p.rssBytes),
    swapBytes: sum((p) => p.swapBytes),
    virtualBytes: sum((p) => p.virtualBytes),
    cpuSeconds: sum((p) => p.cpuSeconds),
    cpuPercent: sum((p) => p.cpuPercent),
  };
}

/** The pids of the pot's processes; with `withMachinery` also those of the sandbox around them. */
export function treeProcessIds(tree: PotTree, withMachinery = false, freshness: Freshness = 'now'): number[] {
  if (!LINUX) return look(freshness, psProcesses).filter((p) => p.pgid === tree.group).map((p) => p.pid);
  return memberStats(tree, withMachinery, freshness).map((stat) => stat.pid);
}

function memberStats(tree: PotTree, withMachinery: boolean, freshness: Freshness): LinuxStat[] {
  const jail = tree.jail;
  return look(freshness, linuxStats).filter((stat) => {
    if (isDead(stat.state)) return false;
    if (jail !== undefined && !withMachinery && jail.machinery.includes(stat.pid)) return false;
    if (stat.pgid === tree.group || stat.sid === tree.group) return true;
    return jail !== undefined && pidNamespace(stat.pid) === jail.pidNamespace;
  });
}

/** `pid:[inode]`, the PID namespace a process is in; undefined when it is gone or not ours to look at. */
export function pidNamespace(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    return undefined;
  }
}

/** The children of a process, oldest first (Linux). */
export function childProcesses(pid: number): number[] {
  return linuxStats()
    .filter((stat) => stat.ppid === pid && !isDead(stat.state))
    .sort((a, b) => a.startTicks - b.startTicks || a.pid - b.pid)
    .map((stat) => stat.pid);
}

function potProcesses(tree: PotTree): PotProcess[] {
  if (!LINUX) return look('reading', psProcesses).filter((p) => p.pgid === tree.group);
  const uptime = Number.parseFloat(readText('/proc/uptime')?.split(' ')[0] ?? '0');
  const result: PotProcess[] = [];
  for (const stat of memberStats(tree, false, 'reading')) {
    const status = readText(`/proc/${stat.pid}/status`) ?? '';
    const cpuSeconds = (stat.utime + stat.stime) / CLOCK_TICKS;
    const elapsed = uptime - stat.startTicks / CLOCK_TICKS;
    result.push({
      pid: stat.pid,
      rssBytes: statusKilobytes(status, 'VmRSS') * 1024,
      swapBytes: statusKilobytes(status, 'VmSwap') * 1024,
      virtualBytes: stat.vsize,
      cpuSeconds,
      cpuPercent: elapsed > 0 ? (cpuSeconds / elapsed) * 100 : 0,
    });
  }
  return result;
}

/** The process name pkill/pgrep match patterns against. */
export function processName(pid: number): string | undefined {
  return LINUX ? readText(`/proc/${pid}/comm`)?.trim() : psProcessName(pid);
}

interface LinuxStat {
  readonly pid: number;
  readonly state: string;
  readonly ppid: number;
  readonly pgid: number;
  readonly sid: number;
  readonly flags: number;
  readonly utime: number;
  readonly stime: number;
  readonly startTicks: number;
  readonly vsize: number;
}

function isDead(state: string): boolean {
  return state === 'Z' || state === 'X' || state === 'x';
}

const readings = new Map<() => unknown, { at: number; table: unknown }>();

/** The process table from `scan`, or for a reading the one taken within READING_MAX_AGE_MS. */
function look<T>(freshness: Freshness, scan: () => T): T {
  const now = performance.now();
  const last = readings.get(scan);
  if (freshness === 'reading' && last !== undefined && now - last.at <= READING_MAX_AGE_MS) return last.table as T;
  const table = scan();
  readings.set(scan, { at: now, table });
  return table;
}

function linuxStats(): LinuxStat[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const stats: LinuxStat[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat !== undefined) stats.push(stat);
  }
  return stats;
}

function readStat(pid: number): LinuxStat | undefined {
  const text = readText(`/proc/${pid}/stat`);
  if (text === undefined) return undefined;
  // The command name is in parentheses and may itself contain spaces or parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).trim().split(' ');
  const field = (n: number): number => Number(fields[n - 3] ?? 0);
  return {
    pid,
    state: fields[0] ?? '',
    ppid: field(4),
    pgid: field(5),
    sid: field(6),
    flags: field(9),
    utime: field(14),
    stime: field(15),
    startTicks: field(22),
    vsize: field(23),
  };
}

function statusKilobytes(status: string, key: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
