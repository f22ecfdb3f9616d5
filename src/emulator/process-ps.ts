import { execFileSync } from 'node:child_process';
import type { PotProcess } from './process-tree.js';

/** Hosts without /proc (macOS, FreeBSD without linprocfs) read their processes from `ps`, one call, argv only. */
export interface PsProcess extends PotProcess {
  readonly pgid: number;
}

export function psProcessName(pid: number): string | undefined {
  try {
    return execFileSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function psProcesses(): PsProcess[] {
  let output: string;
  try {
    output = execFileSync('ps', ['-A', '-o', 'pid=', '-o', 'pgid=', '-o', 'stat=', '-o', 'rss=', '-o', 'vsz=', '-o', '%cpu=', '-o', 'time='], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return [];
  }
  const result: PsProcess[] = [];
  for (const line of output.split('\n')) {
    const [pid, pgid, state, rss, vsz, pcpu, time] = line.trim().split(/\s+/);
    if (pid === undefined || time === undefined || (state ?? '').startsWith('Z')) continue;
    result.push({
      pid: Number(pid),
      pgid: Number(pgid),
      rssBytes: Number(rss) * 1024,
      swapBytes: 0,
      virtualBytes: Number(vsz) * 1024,
      cpuPercent: Number(pcpu),
      cpuSeconds: parseCpuTime(time),
    });
  }
  return result;
}

/** `ps` time: `[[dd-]hh:]mm:ss[.cc]`. */
function parseCpuTime(text: string): number {
  const [days, clock] = text.includes('-') ? text.split('-', 2) : ['0', text];
  const parts = (clock ?? '').split(':').map(Number);
  const seconds = parts.reduce((total, part) => total * 60 + part, 0);
  return Number(days) * 86_400 + seconds;
}
