/**
 * Many tasks on the pot emulator through one plugin, as a Nomad client would run them: StartTask then a
 * WaitTask held open per task, and at the end StopTask + DestroyTask. Everything lives in one temporary
 * directory, and `sweep` removes whatever a failed or interrupted run left behind.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLUGIN_CONFIG_SCHEMA } from '../src/driver/schema.js';
import type { TaskConfig } from '../src/driver/task-config.js';
import { encodeCtyConfig } from '../src/plugin/cty-encode.js';
import { fleetTaskRequest } from './fleet-task.js';
import { call, type BenchPlugin, type Msg } from './plugin-process.js';

export const EMULATOR_BIN = fileURLToPath(new URL('../../bin/pot-emulator.js', import.meta.url));

/** pot's start script re-parses the command line through a shell, hence the inner quotes. */
const LOOP = { command: '/bin/sh', args: ['-c', "'while :; do sleep 1; done'"] };
const CALL_TIMEOUT_MS = 120_000;

export interface Workspace {
  readonly dir: string;
  readonly emulatorRoot: string;
  readonly socketDir: string;
}

export function workspaceIn(dir: string): Workspace {
  const ws = { dir, emulatorRoot: path.join(dir, 'pot'), socketDir: path.join(dir, 'sock') };
  mkdirSync(ws.socketDir, { recursive: true });
  return ws;
}

export interface RunningTask {
  readonly id: string;
  readonly startMs: number;
  /** The WaitTask call Nomad keeps open for the task's whole life; never rejects. */
  readonly waited: Promise<Msg | Error>;
}

/** SetConfig pointing `pot_bin` at the emulator; `commandTimeout` is the plugin's limit per pot command. */
export async function configure(plugin: BenchPlugin, signal: AbortSignal, commandTimeout = '60s'): Promise<void> {
  const msgpack = encodeCtyConfig({ pot_bin: EMULATOR_BIN, command_timeout: commandTimeout }, PLUGIN_CONFIG_SCHEMA);
  await call(
    plugin.clients.base,
    'SetConfig',
    { msgpack_config: Buffer.from(msgpack), nomad_config: { driver: { ClientMinPort: 14000, ClientMaxPort: 14512 } }, plugin_api_version: 'v0.1.0' },
    { timeoutMs: 30_000, signal },
  );
}

export interface StartOptions {
  count: number;
  concurrency: number;
  /** Cancels the StartTask calls. */
  signal: AbortSignal;
  /** Cancels the WaitTask calls; they otherwise last as long as the tasks. */
  waitSignal: AbortSignal;
}

/** One task as Nomad's client would hand it over: the StartTask message, and the driver's view of the same task. */
export interface TaskRequest {
  /** The `task` of StartTaskRequest, as sent. */
  message: Msg;
  /** What the plugin makes of `message`, for planning the same pot commands without it. */
  config: TaskConfig;
}

/** A looping task in an allocation of its own, with the directories Nomad's client would have created. */
export function taskRequest(ws: Workspace): TaskRequest {
  return fleetTaskRequest(ws, { taskName: 'loop', ...LOOP });
}

/** StartTask, timed, then the WaitTask call Nomad keeps open for the task's whole life. */
export async function startTask(
  plugin: BenchPlugin,
  request: TaskRequest,
  signal: AbortSignal,
  waitSignal: AbortSignal,
  timeoutMs = CALL_TIMEOUT_MS,
): Promise<RunningTask> {
  const id = request.config.id;
  const started = performance.now();
  await call(plugin.clients.driver, 'StartTask', { task: request.message }, { timeoutMs, signal });
  const startMs = performance.now() - started;
  const waited = call(plugin.clients.driver, 'WaitTask', { task_id: id }, { timeoutMs: 3_600_000, signal: waitSignal }).catch((error: Error) => error);
  return { id, startMs, waited };
}

/**
 * Starts looping tasks, `concurrency` at a time. Started tasks are pushed onto `into` as they come, so that
 * the caller can stop them even when this rejects halfway.
 */
export async function startTasks(plugin: BenchPlugin, ws: Workspace, into: RunningTask[], options: StartOptions): Promise<void> {
  const { count, concurrency, signal, waitSignal } = options;
  await pool(count, concurrency, async () => {
    into.push(await startTask(plugin, taskRequest(ws), signal, waitSignal));
  });
}

export interface StopOutcome {
  /** StopTask + DestroyTask per task that went through. */
  millis: number[];
  errors: string[];
}

/**
 * StopTask (SIGTERM, 5 s) and a forced DestroyTask for each task, `concurrency` at a time; never rejects. Tasks
 * not begun within `budgetMs` are left to `sweep` and reported as errors.
 */
export async function stopTasks(plugin: BenchPlugin, tasks: readonly RunningTask[], concurrency: number, budgetMs: number): Promise<StopOutcome> {
  const outcome: StopOutcome = { millis: [], errors: [] };
  const deadline = performance.now() + budgetMs;
  await pool(tasks.length, concurrency, async (i) => {
    const { id } = tasks[i]!;
    const started = performance.now();
    if (started > deadline) {
      outcome.errors.push(`${id}: not stopped within ${budgetMs / 1000} s`);
      return;
    }
    try {
      const timeoutMs = Math.max(deadline - started, 0) + 30_000;
      await call(plugin.clients.driver, 'StopTask', { task_id: id, timeout: { seconds: 5, nanos: 0 }, signal: 'SIGTERM' }, { timeoutMs });
      await call(plugin.clients.driver, 'DestroyTask', { task_id: id, force: true }, { timeoutMs });
      outcome.millis.push(performance.now() - started);
    } catch (error) {
      outcome.errors.push(`${id}: ${(error as Error).message}`);
    }
  });
  return outcome;
}

/** `pot ls -q` on the emulator. */
export function listPots(ws: Workspace): string[] {
  const out = execFileSync(process.execPath, [EMULATOR_BIN, 'ls', '-q'], {
    env: { ...process.env, POT_EMULATOR_ROOT: ws.emulatorRoot },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return out.split('\n').filter((line) => line !== '');
}

export interface Swept {
  pots: string[];
  processes: number[];
}

/**
 * Last resort after a failure. On Linux: SIGKILL for every process still tied to this run, by its environment
 * (pot commands) or working directory (the jails' commands), after which the pots are mere files that go with
 * the workspace. Elsewhere: `pot destroy -F` for each pot left.
 */
export function sweep(ws: Workspace): Swept {
  const killed = new Set<number>();
  // Further passes catch what a shell loop spawned while the previous one ran.
  for (let pass = 0; process.platform === 'linux' && pass < 3; pass++) {
    const before = killed.size;
    killStragglers(ws, killed);
    if (killed.size === before) break;
  }
  let pots: string[] = [];
  try {
    pots = listPots(ws);
  } catch {
    // no state, or a broken one
  }
  if (process.platform !== 'linux') {
    for (const pot of pots) {
      try {
        execFileSync(process.execPath, [EMULATOR_BIN, 'destroy', '-F', '-p', pot], {
          env: { ...process.env, POT_EMULATOR_ROOT: ws.emulatorRoot },
          stdio: 'ignore',
          timeout: 30_000,
        });
      } catch {
        // the workspace goes anyway
      }
    }
  }
  return { pots, processes: [...killed] };
}

function killStragglers(ws: Workspace, killed: Set<number>): void {
  const marker = `POT_EMULATOR_ROOT=${ws.emulatorRoot}\0`;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    // A process killed by an earlier pass may linger for a moment as it dies.
    if (!Number.isInteger(pid) || pid === process.pid || killed.has(pid)) continue;
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      const ours = cwd.startsWith(`${ws.dir}/`) || readFileSync(`/proc/${pid}/environ`, 'latin1').includes(marker);
      if (!ours) continue;
      process.kill(pid, 'SIGKILL');
      killed.add(pid);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
}

/** Runs `job(0..count-1)`, at most `limit` at once; the first failure stops new jobs and is rethrown. */
async function pool(count: number, limit: number, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < count) {
      const index = next++;
      try {
        await job(index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  if (failure !== undefined) throw failure.error;
}
