/**
 * Resident memory and CPU time of one process, without its children's memory. Linux has it all in /proc; elsewhere
 * (FreeBSD, where pot lives, often runs without procfs) `ps` gives the same numbers at a coarser grain.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

export interface CpuTimes {
  /** user + system time of the process itself. */
  selfMs: number;
  /**
   * user + system time of its children (the pot commands it runs): on Linux those it reaped plus what the live
   * ones have used so far, so that the difference of two readings is exactly the children's CPU in between, however
   * their lives overlap the interval; elsewhere only reaped children count.
   */
  childrenMs: number;
}

const linux = process.platform === 'linux';
let clockTicks: number | undefined;

/** VmRSS in KiB (Linux), or `ps -o rss=`. */
export function residentKiB(pid: number): number {
  if (linux) return statusField(pid, 'VmRSS');
  return Number(ps(pid, ['-o', 'rss=']));
}

/** The process's peak resident memory in KiB (VmHWM); undefined where the system does not keep it. */
export function peakResidentKiB(pid: number): number | undefined {
  return linux ? statusField(pid, 'VmHWM') : undefined;
}

export function cpuTimes(pid: number): CpuTimes {
  if (linux) {
    const tick = 1000 / ticksPerSecond();
    const own = procStat(pid);
    if (own === undefined) throw new Error(`process ${pid} has exited`);
    let live = 0;
    for (const entry of readdirSync('/proc')) {
      const child = /^\d+$/.test(entry) ? procStat(Number(entry)) : undefined;
      if (child?.ppid === pid) live += child.selfTicks + child.childrenTicks;
    }
    return { selfMs: own.selfTicks * tick, childrenMs: (own.childrenTicks + live) * tick };
  }
  // BSD ps: `time` is the process alone, `-S` adds the children it has reaped.
  const selfMs = psTimeMs(ps(pid, ['-o', 'time=']));
  return { selfMs, childrenMs: psTimeMs(ps(pid, ['-S', '-o', 'time='])) - selfMs };
}

interface ProcStat {
  ppid: number;
  /** utime + stime */
  selfTicks: number;
  /** cutime + cstime */
  childrenTicks: number;
}

function procStat(pid: number): ProcStat | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // ended meanwhile
  }
  // Fields from the third on follow the command name in parentheses, which may itself hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  const [utime, stime, cutime, cstime] = fields.slice(11, 15) as [number, number, number, number];
  return { ppid: fields[1]!, selfTicks: utime + stime, childrenTicks: cutime + cstime };
}

function statusField(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]);
}

function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
    const n = Number(r.stdout?.trim());
    clockTicks = r.status === 0 && n > 0 ? n : 100;
  }
  return clockTicks;
}

function ps(pid: number, args: string[]): string {
  const r = spawnSync('ps', [...args, '-p', String(pid)], { encoding: 'utf8' });
  const out = r.stdout?.trim() ?? '';
  if (r.status !== 0 || out === '') throw new Error(`ps ${args.join(' ')} -p ${pid} failed: ${r.stderr ?? ''}`);
  return out;
}

/** `[[dd-]hh:]mm:ss[.ss]` to milliseconds. */
function psTimeMs(text: string): number {
  const [days, clock] = text.includes('-') ? [Number(text.split('-')[0]), text.split('-')[1]!] : [0, text];
  const seconds = clock.split(':').reduce((total, part) => total * 60 + Number(part), 0);
  return (days * 86_400 + seconds) * 1000;
}
