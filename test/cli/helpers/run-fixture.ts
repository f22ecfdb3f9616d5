/**
 * Realistic run records for the commands over runs, without `pot-nomad run`: real jails started by the driver
 * core in the pot emulator (by a child process that then exits, so the record's supervisor is dead), and a
 * record with their handles, as the run supervisor writes it.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { processAlive } from '../../../src/driver/process-alive.js';
import { potName } from '../../../src/driver/pot-name.js';
import type { NomadTask } from '../../../src/driver/types.js';
import { allocDirLayout } from '../../../src/nomad/alloc-dir.js';
import { createAllocDir } from '../../../src/nomad/alloc-fs.js';
import type { AllocRecord, RunRecord, TaskRecord } from '../../../src/cli/state/run-record.js';
import { RunStore } from '../../../src/cli/state/run-store.js';
import { CLI, ROOT } from '../../helpers/cli.js';
import { trackDir, trackRoot } from '../../helpers/reaper.js';

export const EMULATOR = `${ROOT}bin/pot-emulator.js`;
const START_TASKS = new URL('./start-tasks.js', import.meta.url).pathname;
const IMAGE = { image: 'https://potluck.example/registry', pot: 'loop-amd64-14_1', tag: '1.0.0' };

export interface World {
  dir: string;
  dataDir: string;
  emulatorRoot: string;
  store: RunStore;
  cleanup(): void;
}

export function makeWorld(prefix: string): World {
  const dir = mkdtempSync(join(tmpdir(), `pn-${prefix}-`));
  const dataDir = join(dir, 'data');
  const emulatorRoot = trackRoot(join(dir, 'pot'));
  trackDir(dir);
  return { dir, dataDir, emulatorRoot, store: new RunStore(dataDir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TaskSpec {
  name: string;
  /** Run by the jail's sh; must not contain single quotes. */
  script: string;
  invocation: string;
  killSignal?: string;
  killTimeoutMs?: number;
}

export interface AllocSpec {
  id: string;
  group: string;
  index?: number;
  ports?: AllocRecord['ports'];
  tasks: TaskSpec[];
  checks?: AllocRecord['checks'];
}

export interface RunSpec {
  id: string;
  job: string;
  createdAt: string;
  allocs: AllocSpec[];
}

export interface StartedRun {
  record: RunRecord;
  /** The dead starter: the record's supervisorPid. */
  starterPid: number;
  /** Each task's `pot start` pid, by `<alloc>/<task>`. */
  potStartPids: Map<string, number>;
}

/** Starts every task of the run in the emulator and writes the record, with a supervisor that is gone. */
export async function startRun(world: World, spec: RunSpec): Promise<StartedRun> {
  const tasks: { task: NomadTask; config: Record<string, unknown> }[] = [];
  for (const alloc of spec.allocs) {
    const layout = allocDirLayout(world.dataDir, alloc.id);
    await createAllocDir(layout, alloc.tasks.map((t) => t.name));
    for (const t of alloc.tasks) tasks.push({ task: nomadTask(world, spec, alloc, t), config: { ...IMAGE, command: 'sh', args: ['-c', `'${t.script}'`] } });
  }
  const child = spawnSync(process.execPath, [START_TASKS], {
    input: JSON.stringify({ potBin: EMULATOR, tasks }),
    encoding: 'utf8',
    env: { ...process.env, POT_EMULATOR_ROOT: world.emulatorRoot },
  });
  if (child.status !== 0) throw new Error(`starting the tasks failed: ${child.stderr}`);
  const handles = JSON.parse(child.stdout) as { taskId: string; handle: NonNullable<TaskRecord['handle']> }[];
  const potStartPids = new Map<string, number>();
  const now = new Date().toISOString();
  const record: RunRecord = {
    version: 1,
    id: spec.id,
    job: spec.job,
    createdAt: spec.createdAt,
    backend: 'emulator',
    potBin: EMULATOR,
    emulatorRoot: world.emulatorRoot,
    dataDir: world.dataDir,
    hostIp: '127.0.0.1',
    supervisorPid: child.pid,
    status: 'running',
    allocs: spec.allocs.map((alloc) => ({
      id: alloc.id,
      group: alloc.group,
      index: alloc.index ?? 0,
      dir: allocDirLayout(world.dataDir, alloc.id).allocDir,
      ports: alloc.ports ?? [],
      status: 'running',
      ...(alloc.checks ? { checks: alloc.checks } : {}),
      tasks: alloc.tasks.map((t): TaskRecord => {
        const task = nomadTask(world, spec, alloc, t);
        const handle = handles.find((h) => h.taskId === task.id)!.handle;
        const state = JSON.parse(Buffer.from(handle.driverState, 'base64').toString('utf8')) as { pid: number };
        potStartPids.set(`${alloc.id}/${t.name}`, state.pid);
        return {
          name: t.name,
          driver: 'pot',
          state: 'running',
          failed: false,
          taskId: task.id,
          potName: potName(t.name, t.invocation, alloc.id),
          handle,
          ...(t.killSignal ? { killSignal: t.killSignal } : {}),
          killTimeoutMs: t.killTimeoutMs ?? 5000,
          restarts: 0,
          startedAt: now,
          stdoutPath: task.stdoutPath,
          stderrPath: task.stderrPath,
          events: [{ time: now, message: 'Started' }],
        };
      }),
    })),
  };
  await world.store.write(record);
  return { record, starterPid: child.pid as number, potStartPids };
}

function nomadTask(world: World, spec: RunSpec, alloc: AllocSpec, t: TaskSpec): NomadTask {
  const layout = allocDirLayout(world.dataDir, alloc.id);
  return {
    id: `${alloc.id}/${t.name}/${t.invocation}`,
    allocId: alloc.id,
    taskName: t.name,
    jobName: spec.job,
    jobId: spec.job,
    groupName: alloc.group,
    namespace: 'default',
    env: { NOMAD_TASK_NAME: t.name, NOMAD_ALLOC_ID: alloc.id },
    resources: { cpuShares: 100, memoryMB: 64, memoryMaxMB: 0 },
    allocDir: layout.allocDir,
    stdoutPath: join(layout.logsDir, `${t.name}.stdout.0`),
    stderrPath: join(layout.logsDir, `${t.name}.stderr.0`),
  };
}

/** Waits until the process has ended (a zombie counts as ended); false after `ms`. */
export async function ended(pid: number, ms = 15_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (processAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
  return true;
}

/** `pot ls -q` of the world's emulator. */
export function potList(world: World): string[] {
  const out = execFileSync(process.execPath, [EMULATOR, 'ls', '-q'], { env: { ...process.env, POT_EMULATOR_ROOT: world.emulatorRoot }, encoding: 'utf8' });
  return out.split('\n').filter((l) => l !== '');
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built CLI against the world's data dir, without colour; resolves when it exits. */
export function cli(world: World, args: string[], opts: { input?: string; onStdout?: (text: string) => void; env?: Record<string, string> } = {}): Promise<CliRun> {
  // --data-dir right after the command name: after a `--` it would be part of exec's command.
  const [command, ...rest] = args;
  const child = spawn(process.execPath, [CLI, ...(command === undefined ? [] : [command, '--data-dir', world.dataDir]), ...rest], {
    cwd: world.dir,
    env: { ...process.env, NO_COLOR: '1', NOMAD_PLUGIN_MAGIC_COOKIE: '', HOME: world.dir, XDG_CONFIG_HOME: join(world.dir, 'config'), ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    opts.onStdout?.(stdout);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(opts.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}
