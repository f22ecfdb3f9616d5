/**
 * Nothing a test starts outlives it. Importing this module (every harness that starts processes does) marks
 * the test file's process environment with a token that every child inherits, and registers, for the whole
 * file:
 * - after each test that failed (or overran its time bound): SIGKILL to every process started during that test
 *   that carries the token, to every pot process of a known emulator root started during it, to their whole
 *   process groups and sessions and to their descendants;
 * - after the file's own after hooks, at exit, and on the SIGTERM/SIGINT/SIGHUP the test runner sends a file
 *   that overran its time bound: the same for everything started since the file began, then the registered
 *   temp dirs go.
 * Pots are found through their emulator root (`trackRoot`, or the POT_EMULATOR_ROOT of any marked process):
 * the pid files under its tmp/ and isolated jails' records. Pot commands do not inherit the token (a pot's
 * environment is its own), so the roots are what finds them. Everything is synchronous so that the exit and
 * signal paths can run it too.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, beforeEach } from 'node:test';

const TOKEN_KEY = 'POT_NOMAD_TEST_OWNER';
const LINUX = process.platform === 'linux';

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly sid: number;
  /** clock ticks since boot; 0 where unknown */
  readonly start: number;
}

interface Scope {
  /** processes started before this (in clock ticks since boot) are not this scope's */
  readonly since: number;
}

const token = `${process.pid}-${Date.now().toString(36)}`;
process.env[TOKEN_KEY] = token;

const roots = new Set<string>();
const dirs = new Set<string>();
const self = readProc(process.pid);
const fileScope: Scope = { since: self?.start ?? 0 };
let testScope: Scope | undefined;

/** Pots of this emulator root are stopped with the test that started them (and the file). */
export function trackRoot(root: string): string {
  roots.add(root);
  return root;
}

/** Removed once the file's tests are done (or the file is stopped), after its processes are gone. */
export function trackDir(dir: string): string {
  dirs.add(dir);
  return dir;
}

beforeEach(() => {
  testScope = { since: nowTicks() };
});

afterEach((t) => {
  // (`passed` is on the context from Node 20.12.) A passing test may leave what later tests of its file build
  // on (a plugin that took over, a run's new supervisor): that goes with the file. A failing test's processes
  // go now, before the file's own afterEach hooks, which must cope with them gone (as they would on a crash).
  if (testScope !== undefined && (t as { passed?: boolean }).passed === false) reap(testScope);
  testScope = undefined;
});

// Registered once the importing test file has registered its own hooks, so that this runs after them: the
// file's own clean-up (stopping a run, closing a plugin) still sees its processes, and then nothing is left.
// (An afterEach registered this late would miss the tests of a describe block.)
setImmediate(() => after(() => finish()));
process.once('exit', () => finish());
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.once(signal, () => {
    finish();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

let finished = false;
function finish(): void {
  if (finished) return;
  finished = true;
  reap(fileScope);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

/**
 * SIGKILL to the scope's processes until none is left: a process killed while it spawned may leave a child
 * the previous pass could not see yet, and a pot's pid file may appear once its `pot start` runs.
 */
function reap(scope: Scope): number[] {
  const killed = new Set<number>();
  for (let pass = 0; pass < 50; pass++) {
    const table = processTable();
    const victims = victimsIn(table, scope);
    if (victims.length === 0) break;
    for (const pid of victims) {
      killed.add(pid);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    const chosen = new Set(victims);
    for (const group of new Set(victims.map((pid) => table.get(pid)?.pgid))) {
      if (group === undefined || group <= 1 || group === self?.pgid) continue;
      // The whole group at once only where all of it is the scope's (one kill, nothing spawned in between).
      if ([...table.values()].some((p) => p.pgid === group && !chosen.has(p.pid))) continue;
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    pause(20);
  }
  removeJailCgroups();
  return [...killed];
}

/** Live processes of the scope: marked ones, pots of known roots, their groups, sessions and descendants. */
function victimsIn(table: Map<number, Proc>, scope: Scope): number[] {
  const ours = (p: Proc | undefined): p is Proc => p !== undefined && p.pid !== process.pid && p.start >= scope.since && !isAncestor(p.pid, table);
  const seeds = new Set<number>();
  for (const p of table.values()) {
    if (!ours(p)) continue;
    const env = environ(p.pid);
    if (env?.get(TOKEN_KEY) !== token) continue;
    seeds.add(p.pid);
    const root = env.get('POT_EMULATOR_ROOT');
    if (root !== undefined && root !== '') roots.add(root);
  }
  for (const root of roots) for (const pid of potPids(root)) if (ours(table.get(pid))) seeds.add(pid);

  // Whole groups and sessions, except the test file's own (shared with the runner and the other files).
  const groups = new Set<number>();
  const sessions = new Set<number>();
  for (const pid of seeds) {
    const p = table.get(pid)!;
    if (p.pgid !== self?.pgid) groups.add(p.pgid);
    if (p.sid === p.pid && p.sid !== self?.sid) sessions.add(p.sid);
  }
  const victims = new Set(seeds);
  for (const p of table.values()) if ((groups.has(p.pgid) || sessions.has(p.sid)) && ours(p)) victims.add(p.pid);
  // Descendants, which a child in the file's own process group may have left there.
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of table.values()) {
      if (!victims.has(p.pid) && victims.has(p.ppid) && ours(p)) {
        victims.add(p.pid);
        grew = true;
      }
    }
  }
  return [...victims];
}

function isAncestor(pid: number, table: Map<number, Proc>): boolean {
  for (let p = table.get(process.pid); p !== undefined && p.ppid > 0; p = table.get(p.ppid)) if (p.ppid === pid) return true;
  return false;
}

/** The pids a root's state names: `pot start`, the pot's command, an isolated jail's sandbox processes. */
function potPids(root: string): number[] {
  const tmp = join(root, 'tmp');
  let names: string[];
  try {
    names = readdirSync(tmp);
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const name of names) {
    const text = readText(join(tmp, name));
    if (text === undefined) continue;
    if (/^pot_(main|start)_pid_/.test(name)) {
      const pid = Number(text.trim());
      if (Number.isInteger(pid) && pid > 1) pids.push(pid);
    } else if (name.startsWith('pot_jail_')) {
      const record = jailRecord(text);
      if (record === undefined) continue;
      for (const pid of [record.monitor, record.init, record.relay]) if (Number.isInteger(pid) && (pid as number) > 1) pids.push(pid as number);
    }
  }
  return pids;
}

interface JailPids {
  monitor?: number;
  init?: number;
  relay?: number;
  cgroups?: string[];
}

function jailRecord(text: string): JailPids | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as JailPids) : undefined;
  } catch {
    return undefined;
  }
}

/** An isolated pot killed outright leaves the cgroups of its limits; empty ones can go. */
function removeJailCgroups(): void {
  for (const root of roots) {
    let names: string[];
    try {
      names = readdirSync(join(root, 'tmp')).filter((n) => n.startsWith('pot_jail_'));
    } catch {
      continue;
    }
    for (const name of names) {
      const record = jailRecord(readText(join(root, 'tmp', name)) ?? '');
      for (const dir of [...(record?.cgroups ?? [])].reverse()) {
        try {
          rmdirSync(dir);
        } catch {
          // still in use, or already gone
        }
      }
    }
  }
}

function processTable(): Map<number, Proc> {
  const table = new Map<number, Proc>();
  if (LINUX) {
    let entries: string[] = [];
    try {
      entries = readdirSync('/proc');
    } catch {
      // no /proc: nothing to find
    }
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) continue;
      const p = readProc(Number(entry));
      if (p !== undefined) table.set(p.pid, p);
    }
    return table;
  }
  let out = '';
  try {
    out = execFileSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid=', '-o', 'pgid=', '-o', 'sid=', '-o', 'stat='], { encoding: 'utf8' });
  } catch {
    return table;
  }
  for (const line of out.split('\n')) {
    const [pid, ppid, pgid, sid, state] = line.trim().split(/\s+/);
    if (pid === undefined || state === undefined || state.startsWith('Z')) continue;
    // Without start times every process of a known root counts, whatever test started it.
    table.set(Number(pid), { pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), sid: Number(sid), start: Number.MAX_SAFE_INTEGER });
  }
  return table;
}

/** A live process from /proc; zombies are gone already (only their parent's wait is missing). */
function readProc(pid: number): Proc | undefined {
  const text = readText(`/proc/${pid}/stat`);
  if (text === undefined) return undefined;
  const fields = text.slice(text.lastIndexOf(')') + 2).trim().split(' ');
  const field = (n: number): number => Number(fields[n - 3] ?? 0);
  if (fields[0] === 'Z' || fields[0] === 'X' || fields[0] === 'x') return undefined;
  return { pid, ppid: field(4), pgid: field(5), sid: field(6), start: field(22) };
}

function environ(pid: number): Map<string, string> | undefined {
  if (!LINUX) return undefined;
  const text = readText(`/proc/${pid}/environ`);
  if (text === undefined) return undefined;
  const env = new Map<string, string>();
  for (const entry of text.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return env;
}

/** Now, in the unit of /proc/<pid>/stat's start time (USER_HZ, 100 on every Linux Node runs on). */
function nowTicks(): number {
  if (!LINUX) return 0;
  const uptime = Number((readText('/proc/uptime') ?? '0').split(' ')[0]);
  return Math.floor(uptime * 100);
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
