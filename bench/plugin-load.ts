/**
 * One plugin carrying many tasks on the pot emulator: memory idle and loaded, StartTask one at a time next to
 * the same pot commands run directly, the rest started as a burst, CPU with a TaskStats stream per task; then
 * every task stopped and destroyed, and a pot left behind fails the measurement.
 */
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientReadableStream } from '@grpc/grpc-js';
import { planTask } from '../src/driver/planner.js';
import { BenchError } from './bench-error.js';
import { configure, EMULATOR_BIN, listPots, startTask, startTasks, stopTasks, taskRequest, type RunningTask, type Workspace } from './plugin-fleet.js';
import { firstMessage, launchPlugin, openStream, type BenchPlugin, type Msg } from './plugin-process.js';
import { destroyPots, timeDirectStart, type DirectContext } from './pot-commands.js';
import { cpuTimes, peakResidentKiB, type CpuTimes } from './proc-usage.js';
import { count } from './report.js';
import { cpuSince, rssReadings } from './sampling.js';
import { measureStatsStreams, type StatsWindows } from './stats-streams.js';

export interface LoadOptions {
  tasks: number;
  /** Tasks started one at a time, each next to a direct run of the same commands; the others start as a burst. */
  rounds: number;
  concurrency: number;
  statsIntervalMs: number;
  windows: number;
  windowMs: number;
  statsWarmupMs: number;
  /** For stopping and destroying the tasks, after which the caller's sweep takes over. */
  stopBudgetMs: number;
  /** A performance.now() value by which the direct pot commands must be done. */
  deadline: number;
  signal: AbortSignal;
  note: (message: string) => void;
}

/** Filled in as the measurements come, so that a run cut short still shows what it measured. Memory in KiB. */
export interface LoadFigures {
  idleRssKiB?: number[];
  /** StartTask one at a time, and the same pot commands run directly, alternating. */
  startMs: number[];
  directStartMs: number[];
  /** The tasks started `concurrency` at a time. */
  burst?: { tasks: number; wallMs: number; cpu: CpuTimes };
  tasksRssKiB?: number[];
  stats?: StatsWindows;
  statsRssKiB?: number[];
  peakRssKiB?: number;
}

export async function measureLoad(ws: Workspace, options: LoadOptions, into: LoadFigures): Promise<void> {
  const plugin = await launchPlugin({ env: { POT_EMULATOR_ROOT: ws.emulatorRoot }, socketDir: ws.socketDir });
  const running: RunningTask[] = [];
  const streams: ClientReadableStream<Msg>[] = [];
  const waits = new AbortController();
  setMaxListeners(0, waits.signal);
  const direct: DirectContext = {
    env: { ...process.env, POT_EMULATOR_ROOT: ws.emulatorRoot },
    cwd: ws.dir,
    signal: options.signal,
    deadline: options.deadline,
    pots: new Set(),
  };
  let failure: unknown;
  try {
    await loadAndMeasure(plugin, ws, options, { direct, waitSignal: waits.signal, running, streams }, into);
  } catch (error) {
    failure = error;
  }
  for (const stream of streams) stream.cancel();
  options.note(`stopping and destroying ${running.length} tasks`);
  const stopped = await stopTasks(plugin, running, options.concurrency, options.stopBudgetMs);
  const undestroyed = destroyPots(EMULATOR_BIN, direct.pots, direct.env, 30_000);
  let left: string[] = [];
  try {
    left = listPots(ws);
  } finally {
    await plugin.shutdown();
    waits.abort();
    await Promise.all(running.map((task) => task.waited));
  }
  if (failure !== undefined) throw failure;
  const problems = [...stopped.errors, ...undestroyed.map((pot) => `could not destroy ${pot}`)];
  if (left.length > 0) problems.push(`pot ls -q still lists ${left.length} pot(s): ${left.join(' ')}`);
  if (problems.length > 0) throw new BenchError(`the tasks were not all stopped and destroyed:\n${problems.join('\n')}\nplugin log tail:\n${plugin.stderrTail()}`);
}

interface Held {
  direct: DirectContext;
  waitSignal: AbortSignal;
  /** Filled as tasks start and streams open, for the caller to stop and cancel them whatever happens. */
  running: RunningTask[];
  streams: ClientReadableStream<Msg>[];
}

async function loadAndMeasure(plugin: BenchPlugin, ws: Workspace, options: LoadOptions, held: Held, into: LoadFigures): Promise<void> {
  const { signal, note } = options;
  const { driver } = plugin.clients;
  await configure(plugin, signal);
  // Nomad keeps both streams open for the plugin's whole life.
  const fingerprint = openStream(driver, 'Fingerprint');
  held.streams.push(fingerprint, openStream(driver, 'TaskEvents'));
  const health = (await firstMessage(fingerprint, 30_000)).health;
  if (health !== 'HEALTHY') throw new BenchError(`the plugin fingerprints as ${String(health)} with the emulator:\n${plugin.stderrTail()}`);
  await sleep(1000, undefined, { signal });
  into.idleRssKiB = await rssReadings(plugin.pid, signal);

  const rounds = Math.min(options.rounds, options.tasks);
  note(`${count(rounds, 'round')} of one StartTask and its pot commands run directly`);
  const viaPlugin = async (): Promise<void> => {
    const task = await startTask(plugin, taskRequest(ws), signal, held.waitSignal);
    held.running.push(task);
    into.startMs.push(task.startMs);
  };
  const viaCommands = async (): Promise<void> => {
    const plan = planTask(taskRequest(ws).config, { potBin: EMULATOR_BIN });
    into.directStartMs.push((await timeDirectStart(held.direct, plan.potName, plan.start, 'spawned')).startMs);
  };
  for (let i = 0; i < rounds; i++) {
    // Alternating the order keeps a warm-up or a slow neighbour from favouring one side.
    for (const step of i % 2 === 0 ? [viaPlugin, viaCommands] : [viaCommands, viaPlugin]) await step();
  }

  const burstTasks = options.tasks - rounds;
  note(`starting ${burstTasks} more tasks, ${options.concurrency} at a time`);
  const cpuBefore = cpuTimes(plugin.pid);
  const started = performance.now();
  await startTasks(plugin, ws, held.running, { count: burstTasks, concurrency: options.concurrency, signal, waitSignal: held.waitSignal });
  into.burst = { tasks: burstTasks, wallMs: performance.now() - started, cpu: cpuSince(cpuBefore, plugin.pid) };
  await sleep(2000, undefined, { signal });
  into.tasksRssKiB = await rssReadings(plugin.pid, signal);

  note(`opening ${held.running.length} TaskStats streams, then ${options.windows} windows of ${options.windowMs / 1000} s`);
  into.stats = await measureStatsStreams(plugin, held.running, held.streams, {
    intervalMs: options.statsIntervalMs,
    windows: options.windows,
    windowMs: options.windowMs,
    warmupMs: options.statsWarmupMs,
    signal,
  });
  into.statsRssKiB = await rssReadings(plugin.pid, signal);
  into.peakRssKiB = peakResidentKiB(plugin.pid);
}
