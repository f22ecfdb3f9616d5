/**
 * Plugin-mode figures: how fast the plugin answers Nomad's spawn with its handshake, how much memory it holds
 * idle and with many running tasks, and what TaskStats streams for all of them cost in CPU, each next to a
 * baseline from the same run. Bounded in time; every process and file it creates is gone when it returns or
 * throws, and a pot left behind by the plugin fails it.
 */
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientReadableStream } from '@grpc/grpc-js';
import { median, timeCommands } from './measure.js';
import { configure, listPots, startTasks, stopTasks, sweep, workspaceIn, type RunningTask, type Workspace } from './plugin-fleet.js';
import { firstMessage, launchPlugin, openStream, type BenchPlugin, type Msg } from './plugin-process.js';
import { HANDSHAKE_TARGET_MS, RSS_TARGET_MIB, RSS_TARGET_TASKS, type CpuWindow, type PluginReport } from './plugin-report.js';
import { cpuTimes, peakResidentKiB, residentKiB, type CpuTimes } from './proc-usage.js';
import { cpuSince, cpuWindow, round, settledRss } from './sampling.js';
import { measureStatsStreams } from './stats-streams.js';

export interface PluginBenchOptions {
  /** Default: env BENCH_TASKS, else 100. */
  tasks?: number;
  /** Plugin spawns timed to the handshake. Default 10. */
  spawns?: number;
  /** Length of each CPU window. Default 10 s. */
  windowMs?: number;
}

const CONCURRENCY = 8;
const STATS_INTERVAL_MS = 1000;
/** For everything up to the stop of the tasks; stopping, shutting down and sweeping come on top. */
const BUDGET_MS = 240_000;
/** For stopping and destroying the tasks, after which the sweep takes over. */
const STOP_BUDGET_MS = 100_000;
/** Longest wait for every TaskStats stream to deliver its first sample before the window opens. */
const STATS_WARMUP_MS = 45_000;

let began = performance.now();
/** A run takes minutes: say on stderr what it is doing, so that a slow phase can be told from a stuck one. */
function note(message: string): void {
  process.stderr.write(`bench: plugin: ${message} (${((performance.now() - began) / 1000).toFixed(0)} s)\n`);
}

export async function pluginFigures(options: PluginBenchOptions = {}): Promise<PluginReport> {
  const tasks = options.tasks ?? positiveInt(process.env.BENCH_TASKS, 100);
  const spawns = options.spawns ?? 10;
  const windowMs = options.windowMs ?? 10_000;
  began = performance.now();
  const ws = workspaceIn(mkdtempSync(path.join(tmpdir(), 'pn-bench-')));
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => stop.abort(new Error(`the plugin benchmark was interrupted by ${signal}`));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  const budget = setTimeout(() => stop.abort(new Error(`the plugin benchmark ran out of its ${BUDGET_MS / 1000} s budget`)), BUDGET_MS).unref();
  const { signal } = stop;
  // Every call in flight listens to it, a hundred at a time.
  setMaxListeners(0, signal);
  try {
    note(`timing ${spawns} spawns to the handshake`);
    const handshake = await measureHandshake(ws, spawns, signal);
    const fleet = await measureFleet(ws, tasks, windowMs, signal);
    const tasksRss = fleet.tasksRssKiB / 1024;
    return {
      tasks,
      concurrency: CONCURRENCY,
      handshake: { ...handshake, target_ms: HANDSHAKE_TARGET_MS, met: handshake.median_ms < HANDSHAKE_TARGET_MS },
      memory: {
        idle_rss_mib: round(fleet.idleRssKiB / 1024),
        tasks_rss_mib: round(tasksRss),
        stats_rss_mib: round(fleet.statsRssKiB / 1024),
        peak_rss_mib: fleet.peakRssKiB === undefined ? null : round(fleet.peakRssKiB / 1024),
        target_mib: RSS_TARGET_MIB,
        met: tasks < RSS_TARGET_TASKS ? null : tasksRss < RSS_TARGET_MIB,
      },
      start: {
        per_task_median_ms: round(median(fleet.startMillis)),
        total_ms: round(fleet.startTotalMs),
        plugin_cpu_ms_per_task: round(fleet.startCpu.selfMs / tasks),
        pot_commands_cpu_ms_per_task: round(fleet.startCpu.childrenMs / tasks),
        stop_per_task_median_ms: round(median(fleet.stopMillis)),
      },
      stats_cpu: { interval_ms: STATS_INTERVAL_MS, idle: fleet.idleCpu, ...fleet.stats },
    };
  } catch (error) {
    // What failed first after an abort is some cancelled call; the reason for the abort is the news.
    throw signal.aborted ? signal.reason : error;
  } finally {
    clearTimeout(budget);
    note('cleaning up');
    const swept = sweep(ws);
    rmSync(ws.dir, { recursive: true, force: true });
    if (swept.pots.length + swept.processes.length > 0) {
      const pots = swept.pots.length > 0 ? `; pots: ${swept.pots.join(' ')}` : '';
      process.stderr.write(`bench: plugin: removed what the run left behind: ${swept.processes.length} process(es)${pots}\n`);
    }
    // Only now: a second Ctrl-C during the clean-up must not cut it short.
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}

/** Spawn to handshake line, each spawn ended by GRPCController/Shutdown, interleaved with `node -e 0`. */
async function measureHandshake(ws: Workspace, spawns: number, signal: AbortSignal): Promise<Omit<PluginReport['handshake'], 'target_ms' | 'met'>> {
  const plugin: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < spawns; i++) {
    signal.throwIfAborted();
    baseline.push(timeCommands([{ name: 'node -e 0', argv: [process.execPath, '-e', '0'] }], 1)[0]!.millis[0]!);
    const p = await launchPlugin({ env: { POT_EMULATOR_ROOT: ws.emulatorRoot }, socketDir: ws.socketDir });
    plugin.push(p.handshakeMs);
    await p.shutdown();
    const exit = await p.exited;
    if (exit.code !== 0) throw new Error(`GRPCController/Shutdown did not end the plugin cleanly (${exit.code ?? exit.signal}):\n${p.stderrTail()}`);
  }
  const ms = median(plugin);
  const base = median(baseline);
  return { runs: spawns, median_ms: round(ms), baseline: 'node -e 0', baseline_median_ms: round(base), ratio_to_node: round(ms / base) };
}

interface FleetFigures {
  idleRssKiB: number;
  tasksRssKiB: number;
  statsRssKiB: number;
  peakRssKiB: number | undefined;
  startMillis: number[];
  startTotalMs: number;
  /** Over the whole start phase. */
  startCpu: CpuTimes;
  stopMillis: number[];
  idleCpu: CpuWindow;
  stats: Pick<PluginReport['stats_cpu'], 'first_round' | 'streaming'>;
}

/** One plugin, `count` tasks: memory idle and loaded, CPU idle and streaming; then every task stopped and destroyed. */
async function measureFleet(ws: Workspace, count: number, windowMs: number, signal: AbortSignal): Promise<FleetFigures> {
  const plugin = await launchPlugin({ env: { POT_EMULATOR_ROOT: ws.emulatorRoot }, socketDir: ws.socketDir });
  const running: RunningTask[] = [];
  const streams: ClientReadableStream<Msg>[] = [];
  const waits = new AbortController();
  setMaxListeners(0, waits.signal);
  let figures: Omit<FleetFigures, 'stopMillis'> | undefined;
  let failure: unknown;
  try {
    figures = await loadAndMeasure(plugin, ws, { count, windowMs, signal, waitSignal: waits.signal }, running, streams);
  } catch (error) {
    failure = error;
  }
  for (const stream of streams) stream.cancel();
  note(`stopping and destroying ${running.length} tasks`);
  const stopped = await stopTasks(plugin, running, CONCURRENCY, STOP_BUDGET_MS);
  let left: string[] = [];
  try {
    left = listPots(ws);
  } finally {
    await plugin.shutdown();
    waits.abort();
    await Promise.all(running.map((task) => task.waited));
  }
  if (failure !== undefined) throw failure;
  const problems = [...stopped.errors];
  if (left.length > 0) problems.push(`pot ls -q still lists ${left.length} pot(s): ${left.join(' ')}`);
  if (problems.length > 0) throw new Error(`the tasks were not all stopped and destroyed:\n${problems.join('\n')}\nplugin log tail:\n${plugin.stderrTail()}`);
  return { ...figures!, stopMillis: stopped.millis };
}

interface LoadOptions {
  count: number;
  windowMs: number;
  signal: AbortSignal;
  waitSignal: AbortSignal;
}

async function loadAndMeasure(
  plugin: BenchPlugin,
  ws: Workspace,
  { count, windowMs, signal, waitSignal }: LoadOptions,
  running: RunningTask[],
  streams: ClientReadableStream<Msg>[],
): Promise<Omit<FleetFigures, 'stopMillis'>> {
  const { driver } = plugin.clients;
  await configure(plugin, signal);
  // Nomad keeps both streams open for the plugin's whole life.
  const fingerprint = openStream(driver, 'Fingerprint');
  streams.push(fingerprint, openStream(driver, 'TaskEvents'));
  const health = (await firstMessage(fingerprint, 30_000)).health;
  if (health !== 'HEALTHY') throw new Error(`the plugin fingerprints as ${String(health)} with the emulator:\n${plugin.stderrTail()}`);
  await sleep(1000, undefined, { signal });
  const idleRssKiB = await settledRss(plugin.pid, signal);

  const started = performance.now();
  const cpuBefore = cpuTimes(plugin.pid);
  note(`starting ${count} tasks, ${CONCURRENCY} at a time`);
  await startTasks(plugin, ws, running, { count, concurrency: CONCURRENCY, signal, waitSignal });
  const startTotalMs = performance.now() - started;
  const startCpu = cpuSince(cpuBefore, plugin.pid);
  await sleep(2000, undefined, { signal });
  const tasksRssKiB = await settledRss(plugin.pid, signal);
  note('idle window');
  const idleCpu = await cpuWindow(plugin.pid, windowMs, signal);

  note(`opening ${running.length} TaskStats streams`);
  const stats = await measureStatsStreams(plugin, running, streams, { intervalMs: STATS_INTERVAL_MS, windowMs, warmupMs: STATS_WARMUP_MS, signal });
  const statsRssKiB = residentKiB(plugin.pid);
  return {
    idleRssKiB,
    tasksRssKiB,
    statsRssKiB,
    peakRssKiB: peakResidentKiB(plugin.pid),
    startMillis: running.map((task) => task.startMs),
    startTotalMs,
    startCpu,
    idleCpu,
    stats,
  };
}

function positiveInt(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

