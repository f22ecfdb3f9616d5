/**
 * Local-runtime figures: `pot-nomad run -d` of one task against `node -e 0` and against its pot commands run as
 * processes, and how long a group of many tasks takes to start and stop, all on the pot emulator. Bounded in time; every
 * run, pot, process and file it creates is gone when it returns.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError, errorText } from './bench-error.js';
import { median, timeCommands } from './measure.js';
import { EMULATOR_BIN, sweep, workspaceIn, type Workspace } from './plugin-fleet.js';
import { destroyPots, timeDirectStart, type DirectContext } from './pot-commands.js';
import { count, figure, type Figure, type Section } from './report.js';

export interface LocalRunOptions {
  /** Rounds of one task through `run -d` and through its pot commands. Default 5. */
  rounds?: number;
  /** Tasks in the group started by one `run -d`. Default 50. */
  tasks?: number;
}

const CLI = fileURLToPath(new URL('../../bin/pot-nomad.js', import.meta.url));
/**
 * For every measurement; the clean-up comes on top. Only a safety net against a hang (each command has the rest of
 * it as its own limit), so generous: on a busy 2-core machine every pot command is a node process taking seconds.
 */
const BUDGET_MS = 600_000;
/** For stopping whatever a failed run left behind, after which the sweep takes over. */
const CLEANUP_MS = 60_000;
/**
 * `run -d` of one task as a ratio to `node -e 0` before the entry points were bundled with code caches: the median
 * of this benchmark on the same 2-core machine, load average 7.7 (2364 ms next to 143 ms).
 */
const RUN_ONE_BEFORE_RATIO = 16.55;
const RUN_ONE_TARGET_RATIO = RUN_ONE_BEFORE_RATIO / 2;
const ONE_JOB = 'bench-local-one';
const MANY_JOB = 'bench-local-many';
const DIRECT = 'its pot commands run as processes';
const DESTROY = 'pot destroy -F run directly';

interface Context extends DirectContext {
  ws: Workspace;
  dataDir: string;
  /** Jobs that may have runs going, for the clean-up. */
  jobs: Set<string>;
}

let began = performance.now();
function note(message: string): void {
  process.stderr.write(`bench: local: ${message} (${((performance.now() - began) / 1000).toFixed(0)} s)\n`);
}

/** Measurements as they come in, so that a section cut short still reports what it measured. */
interface Measured {
  /** `node -e 0`, once a round. */
  node: number[];
  viaCli: number[];
  viaCliStop: number[];
  potCommands: number[];
  destroys: number[];
  manyMs?: number;
  manyStopMs?: number;
}

/** Never throws: a failure or an interrupt ends the section early, with its `error` set. */
export async function localRunSection(options: LocalRunOptions = {}): Promise<Section> {
  const rounds = options.rounds ?? 5;
  const tasks = options.tasks ?? 50;
  began = performance.now();
  const ws = workspaceIn(mkdtempSync(path.join(tmpdir(), 'pn-bench-local-')));
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => stop.abort(new BenchError(`the local-runtime benchmark was interrupted by ${signal}`));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  const ctx: Context = {
    ws,
    env: { ...process.env, POT_EMULATOR_ROOT: ws.emulatorRoot },
    cwd: ws.dir,
    dataDir: path.join(ws.dir, 'data'),
    deadline: performance.now() + BUDGET_MS,
    signal: stop.signal,
    jobs: new Set(),
    pots: new Set(),
  };
  const m: Measured = { node: [], viaCli: [], viaCliStop: [], potCommands: [], destroys: [] };
  const section = (error?: unknown): Section => ({
    id: 'local',
    title: 'Local runtime (pot-nomad run -d on the pot emulator)',
    about:
      `${count(rounds, 'round')} of one task through run -d and through its planned pot commands run as processes, alternating, each round with a node -e 0; ` +
      `then one run -d of ${tasks} tasks; a group's baseline is the task count times the one-task baseline`,
    figures: figures(m, tasks),
    ...(error === undefined ? {} : { error: errorText(error) }),
  });
  try {
    const oneJob = writeJob(ws, ONE_JOB, 1);
    const manyJob = writeJob(ws, MANY_JOB, tasks);
    const direct = await planOneTask(ctx, oneJob);
    const timeCli = async (): Promise<void> => {
      const run = await startRun(ctx, oneJob, ONE_JOB);
      m.viaCli.push(run.ms);
      m.viaCliStop.push(await stopRun(ctx, run, ONE_JOB));
    };
    const timeDirect = async (): Promise<void> => {
      const times = await timeDirectStart(ctx, direct.potName, direct.start, 'running');
      m.potCommands.push(times.startMs);
      m.destroys.push(times.destroyMs);
    };
    for (let i = 0; i < rounds; i++) {
      note(`round ${i + 1} of ${rounds}: one task through run -d and through its pot commands`);
      m.node.push(timeCommands([{ name: 'node -e 0', argv: [process.execPath, '-e', '0'] }], 1)[0]!.millis[0]!);
      // Alternating the order keeps a warm-up or a slow neighbour from favouring one side.
      for (const step of i % 2 === 0 ? [timeCli, timeDirect] : [timeDirect, timeCli]) await step();
    }
    note(`starting ${tasks} tasks with one run -d`);
    const many = await startRun(ctx, manyJob, MANY_JOB);
    m.manyMs = many.ms;
    note(`stopping ${tasks} tasks`);
    m.manyStopMs = await stopRun(ctx, many, MANY_JOB);
    return section();
  } catch (error) {
    return section(ctx.signal.aborted ? ctx.signal.reason : error);
  } finally {
    note('cleaning up');
    // A failing clean-up must not hide why the benchmark failed.
    await cleanUp(ctx).catch((error: unknown) => process.stderr.write(`bench: local: clean-up failed: ${(error as Error).message}\n`));
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

/** The figures there are measurements for. */
function figures(m: Measured, tasks: number): Figure[] {
  const out: Figure[] = [];
  if (m.potCommands.length > 0) {
    const direct = { name: DIRECT, median: median(m.potCommands) };
    if (m.viaCli.length > 0 && m.node.length > 0) {
      out.push(
        figure({
          name: 'run -d, one task',
          unit: 'ms',
          samples: m.viaCli,
          baseline: { name: 'node -e 0', median: median(m.node) },
          target: { of: 'ratio', op: '<=', value: RUN_ONE_TARGET_RATIO },
          note: `the target is half the ${RUN_ONE_BEFORE_RATIO} x node -e 0 this took before the entry points were bundled with code caches`,
        }),
      );
    }
    if (m.viaCli.length > 0) {
      out.push(
        figure({
          name: 'run -d, one task, next to its pot commands',
          unit: 'ms',
          samples: m.viaCli,
          baseline: direct,
          note: 'run -d makes all but pot start in its supervisor\'s process (src/pot/emulated.ts); run directly, each is a pot-emulator process',
        }),
      );
    }
    if (m.manyMs !== undefined) {
      out.push(figure({ name: `run -d, ${tasks} tasks`, unit: 'ms', samples: [m.manyMs], baseline: { name: `${tasks} x ${DIRECT}`, median: tasks * direct.median } }));
    }
  }
  if (m.destroys.length > 0) {
    const destroy = median(m.destroys);
    if (m.viaCliStop.length > 0) out.push(figure({ name: 'stop --purge, one task', unit: 'ms', samples: m.viaCliStop, baseline: { name: DESTROY, median: destroy } }));
    if (m.manyStopMs !== undefined) {
      out.push(figure({ name: `stop --purge, ${tasks} tasks`, unit: 'ms', samples: [m.manyStopMs], baseline: { name: `${tasks} x ${DESTROY}`, median: tasks * destroy } }));
    }
  }
  return out;
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

/** The job's planned start commands against the emulator; every round reuses them, the pot being destroyed in between. */
async function planOneTask(ctx: Context, job: string): Promise<{ potName: string; start: string[][] }> {
  const plan = await exec(ctx, [CLI, 'plan', '-o', 'json', '--data-dir', path.join(ctx.ws.dir, 'direct'), '--pot-bin', EMULATOR_BIN, job]);
  const task = (JSON.parse(plan.stdout) as { tasks: { pot_name: string; start: string[][] }[] }).tasks[0];
  if (!task || task.start.length === 0) throw new BenchError(`pot-nomad plan printed no start commands:\n${plan.stdout}`);
  return { potName: task.pot_name, start: task.start };
}

interface StartedRun {
  runId: string;
  ms: number;
}

/** `run -d`, timed until it exits with every task started. */
async function startRun(ctx: Context, job: string, jobName: string): Promise<StartedRun> {
  ctx.jobs.add(jobName);
  // plain emulator jails, as the pot commands it is compared with are run
  const r = await exec(ctx, [CLI, 'run', '-d', '--emulate', '--isolation', 'none', '--data-dir', ctx.dataDir, '-o', 'json', job]);
  const runId = (JSON.parse(r.stdout) as { run_id?: unknown }).run_id;
  if (typeof runId !== 'string') throw new BenchError(`pot-nomad run -d printed no run id:\n${r.stdout}`);
  return { runId, ms: r.ms };
}

/** `stop --purge`, timed until it exits. */
async function stopRun(ctx: Context, run: StartedRun, jobName: string): Promise<number> {
  const r = await exec(ctx, [CLI, 'stop', run.runId, '--purge', '--data-dir', ctx.dataDir]);
  ctx.jobs.delete(jobName);
  return r.ms;
}

interface Exec {
  stdout: string;
  ms: number;
}

/** A `pot-nomad` command, timed from spawn to exit; anything but exit 0 before the deadline fails the benchmark. */
function exec(ctx: Context, args: string[], deadline = ctx.deadline): Promise<Exec> {
  const timeoutMs = deadline - performance.now();
  if (timeoutMs <= 0) return Promise.reject(budgetError(args));
  return new Promise((resolve, reject) => {
    const began = performance.now();
    // The launcher is executed as a file, as from a shell.
    const child = spawn(args[0]!, args.slice(1), { env: ctx.env, cwd: ctx.ws.dir, stdio: ['ignore', 'pipe', 'pipe'], signal: ctx.signal });
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
      if (timedOut) reject(budgetError(args));
      else if (code !== 0) reject(new BenchError(`pot-nomad ${args.slice(1).join(' ')} exited ${code ?? signal}:\n${stderr.trimEnd()}`));
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
      await exec(quiet, [CLI, 'stop', job, '--purge', '--data-dir', ctx.dataDir], deadline);
    } catch (error) {
      process.stderr.write(`bench: local: could not stop job ${job}: ${(error as Error).message}\n`);
    }
  }
  const timeout = Math.max(1000, Math.floor(deadline - performance.now()));
  for (const failure of destroyPots(EMULATOR_BIN, ctx.pots, ctx.env, timeout)) process.stderr.write(`bench: local: could not destroy pot ${failure}\n`);
  const swept = sweep(ctx.ws);
  rmSync(ctx.ws.dir, { recursive: true, force: true });
  if (swept.pots.length + swept.processes.length > 0) {
    const pots = swept.pots.length > 0 ? `; pots: ${swept.pots.join(' ')}` : '';
    process.stderr.write(`bench: local: removed what the run left behind: ${swept.processes.length} process(es)${pots}\n`);
  }
}

function budgetError(args: readonly string[]): BenchError {
  return new BenchError(`the local-runtime benchmark ran out of its ${BUDGET_MS / 1000} s budget (during pot-nomad ${args.slice(1, 3).join(' ')})`);
}
