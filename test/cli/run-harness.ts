/** Shared by the `pot-nomad run` tests: temp dirs, the CLI as a child process, records, the emulator's pots. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunRecord } from '../../src/cli/state/run-record.js';
import { RunStore } from '../../src/cli/state/run-store.js';
import { waitForLock } from '../../src/cli/runtime/wait-lock.js';
import { processAlive as alive } from '../../src/driver/process-alive.js';
import { CLI, ROOT } from '../helpers/cli.js';
import { trackDir, trackRoot } from '../helpers/reaper.js';

export const EMULATOR = `${ROOT}bin/pot-emulator.js`;

/** A fresh data dir and emulator root. */
export interface Sandbox {
  dir: string;
  dataDir: string;
  potRoot: string;
  env: NodeJS.ProcessEnv;
}

export function sandbox(prefix: string): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), `pn-run-${prefix}-`));
  const potRoot = trackRoot(join(dir, 'pot'));
  trackDir(dir);
  return { dir, dataDir: join(dir, 'data'), potRoot, env: { ...process.env, NO_COLOR: '1', NOMAD_PLUGIN_MAGIC_COOKIE: '', POT_EMULATOR_ROOT: potRoot, XDG_CONFIG_HOME: join(dir, 'config') } };
}

export function writeJob(box: Sandbox, name: string, text: string): string {
  const path = join(box.dir, `${name}.nomad.hcl`);
  writeFileSync(path, text);
  return path;
}

/** An executable script in the sandbox, e.g. a pot that fails. */
export function writeScript(box: Sandbox, name: string, text: string): string {
  const path = join(box.dir, name);
  writeFileSync(path, text);
  chmodSync(path, 0o755);
  return path;
}

export interface Cli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  done: Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts the CLI without waiting for it (the test's event loop keeps running). */
export function startCli(box: Sandbox, args: string[]): Cli {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: box.dir, env: box.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

export function runCliAsync(box: Sandbox, args: string[]): Cli['done'] {
  return startCli(box, args).done;
}

export function records(box: Sandbox): RunRecord[] {
  const dir = join(box.dataDir, 'runs');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => /^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/.test(n)).map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8')) as RunRecord);
}

export function record(box: Sandbox, id: string): RunRecord {
  return JSON.parse(readFileSync(join(box.dataDir, 'runs', `${id}.json`), 'utf8')) as RunRecord;
}

/** The run id `run -d` printed. */
export function runIdOf(stdout: string): string {
  const m = /^Run ID: (\S+)$/m.exec(stdout);
  if (!m) throw new Error(`no run id in:\n${stdout}`);
  return m[1]!;
}

export function potList(box: Sandbox): string[] {
  const out = execFileSync(process.execPath, [EMULATOR, 'ls', '-q'], { env: box.env, encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '');
}

/** Polls until `check` holds; false after `timeoutMs` (tests assert on the result). */
export async function until(check: () => boolean, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/** The pid of the `pot start` process from a task's saved handle. */
export function potStartPid(handle: { driverState: string } | undefined): number {
  const state = JSON.parse(Buffer.from(handle?.driverState ?? '', 'base64').toString('utf8')) as { pid: number };
  return state.pid;
}

/** Asks a run's supervisor to stop it, as `pot-nomad stop` does, and waits until it has. */
export async function requestStop(box: Sandbox, id: string): Promise<RunRecord> {
  const store = new RunStore(box.dataDir);
  const lock = await waitForLock(() => store.lock(id));
  let pid: number;
  try {
    const current = (await store.read(id))!;
    pid = current.supervisorPid!;
    await store.write({ ...current, stopRequested: true });
  } finally {
    await lock.release();
  }
  await until(() => !alive(pid), 30_000);
  return record(box, id);
}

/**
 * Leaves nothing behind: every supervisor is told to stop (SIGTERM) and waited for, any pot left is
 * destroyed, and the sandbox is removed.
 */
export async function cleanUp(box: Sandbox): Promise<void> {
  const pids = records(box).map((r) => r.supervisorPid).filter((p): p is number => p !== undefined && p !== process.pid && alive(p));
  for (const pid of pids) process.kill(pid, 'SIGTERM');
  await until(() => pids.every((p) => !alive(p)), 30_000);
  for (const pot of potList(box)) execFileSync(process.execPath, [EMULATOR, 'destroy', '-p', pot, '-F'], { env: box.env, stdio: 'ignore' });
  rmSync(box.dir, { recursive: true, force: true });
}

export { alive };

/** The image lines every test job uses; the emulator downloads nothing. */
export const TEST_IMAGE = `image = "https://potluck.example/img"
        pot   = "base-amd64-14_1"
        tag   = "1.0"`;

/** Sandboxes for one test file, all cleaned up after it. */
export function sandboxesFor(after: (fn: () => Promise<void>) => void): (name: string) => Sandbox {
  const boxes: Sandbox[] = [];
  after(async () => {
    await Promise.all(boxes.map(cleanUp));
  });
  return (name) => {
    const b = sandbox(name);
    boxes.push(b);
    return b;
  };
}
