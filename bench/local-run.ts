/**
 * Local-runtime figures: what `pot-nomad run -d` adds on top of the pot commands it runs for one task start,
 * and how long a group of many tasks takes to start, all on the pot emulator. Bounded in time; every run,
 * pot, process and file it creates is gone when it returns or throws.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setImmediate as tick } from 'node:timers/promises';
import { median } from './measure.js';
import { EMULATOR_BIN, sweep, workspaceIn, type Workspace } from './plugin-fleet.js';
import type { LocalRunReport } from './local-run-report.js';
import { round } from './sampling.js';

export interface LocalRunOptions {
  /** Default 5. */
  rounds?: number;
  /** Default: env BENCH_RUN_TASKS, else 50. */
  tasks?: number;
}

const CLI = fileURLToPath(new URL('../../bin/pot-nomad.js', import.meta.url));
/** For every measurement; the clean-up comes on top. */
const BUDGET_MS = 180_000;
/** For stopping whatever a failed run left behind, after which the sweep takes over. */
const CLEANUP_MS = 60_000;
const ONE_JOB = 'bench-local-one';
const MANY_JOB = 'bench-local-many';

export class LocalRunBenchError extends Error {
  override name = 'LocalRunBenchError';
}

interface Context {
  ws: Workspace;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  deadline: number;
  signal: AbortSignal;
  /** Jobs that may have runs going, and pots started directly, for the clean-up. */
  jobs: Set<string>;
  pots: Set<string>;
}

let began = performance.now();
function note(message: string): void {
  process.stderr.write(`bench: local: ${message} (${((performance.now() - began) / 1000).toFixed(0)} s)\n`);
}

export async function localRunFigures(options: LocalRunOptions = {}): Promise<LocalRunReport> {
  const rounds = options.rounds ?? 5;
  const tasks = options.tasks ?? positiveInt(process.env.BENCH_RUN_TASKS, 50);
  began = performance.now();
  const ws = workspaceIn(mkdtempSync(path.join(tmpdir(), 'pn-bench-local-')));
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => stop.abort(new LocalRunBenchError(`the local-runtime benchmark was interrupted by ${signal}`));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  const ctx: Context = {
    ws,
    env: { ...process.env, POT_EMULATOR_ROOT: ws.emulatorRoot },
    dataDir: path.join(ws.dir, 'data'),
    deadline: performance.now() + BUDGET_MS,
    signal: stop.signal,
    jobs: new Set(),
    pots: new Set(),
  };
  try {
    const oneJob = writeJob(ws, ONE_JOB, 1);
    const manyJob = writeJob(ws, MANY_JOB, tasks);
    const viaCli: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < rounds; i++) {
      note(`round ${i + 1} of ${rounds}: one task through run -d and through its pot commands`);
      // Alternating the order keeps a warm-up or a slow neighbour from favouring one side.
      if (i % 2 === 0) {
        viaCli.push(await timeRun(ctx, oneJob, ONE_JOB).then((r) => stopRun(ctx, r, ONE_JOB)));
        direct.push(await timePotCommands(ctx, oneJob));
      } else {
        direct.push(await timePotCommands(ctx, oneJob));
        viaCli.push(await timeRun(ctx, oneJob, ONE_JOB).then((r) => stopRun(ctx, r, ONE_JOB)));
      }
    }
    note(`starting ${tasks} tasks with one run -d`);
    const many = await timeRun(ctx, manyJob, MANY_JOB);
    note(`stopping ${tasks} tasks`);
    const stopStart = performance.now();
    await stopRun(ctx, many, MANY_JOB);
    const stopMs = performance.now() - stopStart;
    const cli = median(viaCli);
    const pots = median(direct);
    return {
      backend: 'emulator',
      overhead: {
        rounds,
        run_detach_median_ms: round(cli),
        pot_commands_median_ms: round(pots),
        overhead_ms: round(cli - pots),
        ratio_to_pot_commands: round(cli / pots),
      },
      many: { tasks, start_total_ms: round(many.ms), start_per_task_ms: round(many.ms / tasks), stop_total_ms: round(stopMs) },
    };
  } catch (error) {
    throw ctx.signal.aborted ? ctx.signal.reason : error;
  } finally {
    note('cleaning up');
    // A failing clean-up must not hide why the benchmark failed.
    await cleanUp(ctx).catch((error: unknown) => process.stderr.write(`bench: local: clean-up failed: ${(error as Error).message}\n`));
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

/** A one-task group (or `count` of them) running a shell loop, as `fixtures/jobs/hello.nomad.hcl` does. */
function writeJob(ws: Workspace, name: string, count: number): string {
  const file = path.join(ws.dir, `${name}.nomad.hcl`);
  writeFileSync(
    file,
    `job "${name}" {
  group "loop" {
    count = ${count}
    task "loop" {
      driver = "pot"
      config {
        image   = "https://potluck.example/registry"
        pot     = "loop-amd64-14_1"
        tag     = "1.0.0"
        command = "/bin/sh"
        args    = ["-c", "'while :; do sleep 1; done'"]
      }
    }
  }
}
`,
  );
  return file;
}

interface StartedRun {
  runId: string;
  ms: number;
}

/** `run -d`, timed until it exits with every task started. */
async function timeRun(ctx: Context, job: string, jobName: string): Promise<StartedRun> {
  ctx.jobs.add(jobName);
  const r = await exec(ctx, [CLI, 'run', '-d', '--emulate', '--data-dir', ctx.dataDir, '-o', 'json', job], remaining(ctx));
  const runId = (JSON.parse(r.stdout) as { run_id?: unknown }).run_id;
  if (typeof runId !== 'string') throw new LocalRunBenchError(`pot-nomad run -d printed no run id:\n${r.stdout}`);
  return { runId, ms: r.ms };
}

async function stopRun(ctx: Context, run: StartedRun, jobName: string): Promise<number> {
  await exec(ctx, [CLI, 'stop', run.runId, '--purge', '--data-dir', ctx.dataDir], remaining(ctx));
  ctx.jobs.delete(jobName);
  return run.ms;
}

/**
 * The job's planned start commands run directly against the emulator under a fresh pot name: every step
 * but `start` to completion, `start` (which stays in the foreground like pot's) detached until
 * `info -r` says the pot runs. Then the pot is destroyed; only the start is timed.
 */
async function timePotCommands(ctx: Context, job: string): Promise<number> {
  const plan = await exec(ctx, [CLI, 'plan', '-o', 'json', '--data-dir', path.join(ctx.ws.dir, 'direct'), '--pot-bin', EMULATOR_BIN, job], remaining(ctx));
  const task = (JSON.parse(plan.stdout) as { tasks: { pot_name: string; start: string[][] }[] }).tasks[0];
  if (!task || task.start.length === 0) throw new LocalRunBenchError(`pot-nomad plan printed no start commands:\n${plan.stdout}`);
  // The driver creates the directories it mounts; the commands alone expect them to exist.
  for (const argv of task.start) {
    const source = argv[1] === 'mount-in' ? argv[argv.indexOf('-d') + 1] : undefined;
    if (source) mkdirSync(source, { recursive: true });
  }
  const steps = task.start.slice(0, -1);
  const start = task.start.at(-1)!;
  ctx.pots.add(task.pot_name);
  const began = performance.now();
  for (const argv of steps) check(argv, spawnSync(argv[0]!, argv.slice(1), syncOptions(ctx)));
  const child = spawn(start[0]!, start.slice(1), { env: ctx.env, cwd: ctx.ws.dir, detached: true, stdio: 'ignore' });
  let exited: number | null | undefined;
  child.once('exit', (code) => void (exited = code));
  child.once('error', () => void (exited = -1));
  for (;;) {
    const info = spawnSync(EMULATOR_BIN, ['info', '-r', '-p', task.pot_name], syncOptions(ctx));
    if (info.status === 0) break;
    await tick();
    ctx.signal.throwIfAborted();
    if (exited !== undefined) throw new LocalRunBenchError(`${start.join(' ')} exited ${exited} before the pot ran`);
    if (remaining(ctx) <= 0) throw budgetError();
  }
  const ms = performance.now() - began;
  check([EMULATOR_BIN, 'destroy'], spawnSync(EMULATOR_BIN, ['destroy', '-p', task.pot_name, '-F'], syncOptions(ctx)));
  ctx.pots.delete(task.pot_name);
  await tick();
  if (exited === undefined && child.pid !== undefined) killGroup(child.pid);
  return ms;
}

function syncOptions(ctx: Context): { env: NodeJS.ProcessEnv; cwd: string; encoding: 'utf8'; timeout: number } {
  const timeout = Math.floor(remaining(ctx));
  if (timeout <= 0) throw budgetError();
  return { env: ctx.env, cwd: ctx.ws.dir, encoding: 'utf8', timeout };
}

function check(argv: string[], r: SpawnSyncReturns<string>): void {
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') throw budgetError();
  if (r.status !== 0) throw new LocalRunBenchError(`${argv.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr}`);
}

interface Exec {
  stdout: string;
  ms: number;
}

/** A `pot-nomad` command, timed from spawn to exit; anything but exit 0 within `timeoutMs` fails the benchmark. */
function exec(ctx: Context, args: string[], timeoutMs: number): Promise<Exec> {
  if (timeoutMs <= 0) return Promise.reject(budgetError());
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, args, { env: ctx.env, cwd: ctx.ws.dir, stdio: ['ignore', 'pipe', 'pipe'], signal: ctx.signal });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => void (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => void (stderr += s));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(ctx.signal.aborted ? ctx.signal.reason : error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - began;
      if (timedOut) reject(budgetError(`pot-nomad ${args.slice(1, 3).join(' ')}`));
      else if (code !== 0) reject(new LocalRunBenchError(`pot-nomad ${args.slice(1).join(' ')} exited ${code ?? signal}:\n${stderr.trimEnd()}`));
      else resolve({ stdout, ms });
    });
  });
}

/** Runs still going are stopped through the CLI, pots started directly destroyed; the sweep gets the rest. */
async function cleanUp(ctx: Context): Promise<void> {
  const deadline = performance.now() + CLEANUP_MS;
  const quiet: Context = { ...ctx, signal: new AbortController().signal };
  for (const job of ctx.jobs) {
    try {
      await exec(quiet, [CLI, 'stop', job, '--purge', '--data-dir', ctx.dataDir], deadline - performance.now());
    } catch (error) {
      process.stderr.write(`bench: local: could not stop job ${job}: ${(error as Error).message}\n`);
    }
  }
  for (const pot of ctx.pots) {
    const timeout = Math.max(1000, Math.floor(deadline - performance.now()));
    const r = spawnSync(EMULATOR_BIN, ['destroy', '-p', pot, '-F'], { env: ctx.env, stdio: 'ignore', timeout });
    if (r.status !== 0) process.stderr.write(`bench: local: could not destroy pot ${pot} (${r.error?.message ?? `exit ${r.status ?? r.signal}`})\n`);
  }
  const swept = sweep(ctx.ws);
  rmSync(ctx.ws.dir, { recursive: true, force: true });
  if (swept.pots.length + swept.processes.length > 0) {
    const pots = swept.pots.length > 0 ? `; pots: ${swept.pots.join(' ')}` : '';
    process.stderr.write(`bench: local: removed what the run left behind: ${swept.processes.length} process(es)${pots}\n`);
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function remaining(ctx: Context): number {
  return ctx.deadline - performance.now();
}

function budgetError(what = 'a step'): LocalRunBenchError {
  return new LocalRunBenchError(`the local-runtime benchmark ran out of its ${BUDGET_MS / 1000} s budget (during ${what})`);
}

function positiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
