/**
 * Plugin-mode figures: how fast the plugin answers Nomad's spawn with its handshake, how much memory it holds
 * idle and with many running tasks, what a StartTask costs next to its own pot commands, and what TaskStats
 * streams for every task cost in CPU, each next to a baseline from the same run. Bounded in time; every process
 * and file it creates is gone when it returns, and a pot left behind by the plugin is reported as its error.
 */
import { spawn } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchError, errorText } from './bench-error.js';
import { median, timeCommands } from './measure.js';
import { sweep, workspaceIn, type Workspace } from './plugin-fleet.js';
import { measureLoad, type LoadFigures } from './plugin-load.js';
import { launchPlugin } from './plugin-process.js';
import { count, figure, type Figure, type Section } from './report.js';
import { rssReadings } from './sampling.js';

export interface PluginOptions {
  /** Tasks on one plugin. Default 100. */
  tasks?: number;
  /** Runs per figure: plugin spawns (default 10), StartTask rounds (default 5) and CPU windows (default 5). */
  runs?: number;
}

const HANDSHAKE_TARGET_MS = 300;
/** Spawn to the first PluginInfo answered, as a ratio to `node -e 0`. */
const FIRST_CALL_TARGET_RATIO = 1.5;
const RSS_IDLE_TARGET_MIB = 60;
const RSS_TARGET_MIB = 120;
/** The task count the RSS target is stated for. */
const RSS_TARGET_TASKS = 100;
const CONCURRENCY = 8;
const STATS_INTERVAL_MS = 1000;
const WINDOW_MS = 2000;
/**
 * For everything up to the stop of the tasks; stopping, shutting down and sweeping come on top. Only a safety net
 * against a hang (every call has its own deadline), so generous: a busy 2-core machine starts a task in seconds.
 */
const BUDGET_MS = 600_000;
/** For stopping and destroying the tasks, after which the sweep takes over. */
const STOP_BUDGET_MS = 150_000;
/** Longest wait for a TaskStats stream's first sample; the windows open without it after that. */
const STATS_WARMUP_MS = 60_000;
const DIRECT = 'the same pot commands run directly';

let began = performance.now();
/** A run takes minutes: say on stderr what it is doing, so that a slow phase can be told from a stuck one. */
function note(message: string): void {
  process.stderr.write(`bench: plugin: ${message} (${((performance.now() - began) / 1000).toFixed(0)} s)\n`);
}

/** Never throws: a failure, an interrupt or the budget ends the section early, with its `error` set. */
export async function pluginSection(options: PluginOptions = {}): Promise<Section> {
  const tasks = options.tasks ?? 100;
  const spawns = options.runs ?? 10;
  const rounds = options.runs ?? 5;
  const windows = options.runs ?? 5;
  began = performance.now();
  const deadline = began + BUDGET_MS;
  const ws = workspaceIn(mkdtempSync(path.join(tmpdir(), 'pn-bench-')));
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => stop.abort(new BenchError(`the plugin benchmark was interrupted by ${signal}`));
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  const budget = setTimeout(() => stop.abort(new BenchError(`the plugin benchmark ran out of its ${BUDGET_MS / 1000} s budget`)), BUDGET_MS).unref();
  const { signal } = stop;
  // Every call in flight listens to it, a hundred at a time.
  setMaxListeners(0, signal);
  let handshake: Handshakes | undefined;
  let bareNodeKiB: number[] | undefined;
  const load: LoadFigures = { startMs: [], directStartMs: [] };
  const section = (error?: unknown): Section => ({
    id: 'plugin',
    title: 'Plugin (bin/pot-nomad.js as Nomad runs it, on the pot emulator)',
    about:
      `${tasks} tasks on one plugin: ${Math.min(rounds, tasks)} started one at a time next to their pot commands run directly, ` +
      `the rest ${CONCURRENCY} at a time; TaskStats every ${STATS_INTERVAL_MS / 1000} s for each, CPU over ${count(windows, 'window')} of ${WINDOW_MS / 1000} s`,
    figures: [...handshakeFigures(handshake), ...memoryFigures(load, tasks, bareNodeKiB), ...startFigures(load), ...statsFigures(load, tasks)],
    ...(error === undefined ? {} : { error: errorText(error) }),
  });
  try {
    note(`timing ${count(spawns, 'spawn')} to the handshake`);
    handshake = await measureHandshake(ws, spawns, signal);
    bareNodeKiB = await bareNodeRss(signal);
    await measureLoad(
      ws,
      {
        tasks,
        rounds,
        concurrency: CONCURRENCY,
        statsIntervalMs: STATS_INTERVAL_MS,
        windows,
        windowMs: WINDOW_MS,
        statsWarmupMs: STATS_WARMUP_MS,
        stopBudgetMs: STOP_BUDGET_MS,
        deadline,
        signal,
        note,
      },
      load,
    );
    return section();
  } catch (error) {
    // What failed first after an abort is some cancelled call; the reason for the abort is the news.
    return section(signal.aborted ? signal.reason : error);
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

// Each builder gives the figures there are measurements for, so that a section cut short shows what it has.

function handshakeFigures(handshake: Handshakes | undefined): Figure[] {
  if (handshake === undefined) return [];
  const node = { name: 'node -e 0', median: median(handshake.node) };
  return [
    figure({ name: 'spawn to handshake line', unit: 'ms', samples: handshake.plugin, baseline: node, target: { of: 'median', op: '<', value: HANDSHAKE_TARGET_MS } }),
    figure({
      name: 'spawn to first PluginInfo answered',
      unit: 'ms',
      samples: handshake.firstCall,
      baseline: node,
      target: { of: 'ratio', op: '<=', value: FIRST_CALL_TARGET_RATIO },
      note: 'the benchmark dials the socket from the handshake over bare HTTP/2 and calls BasePlugin/PluginInfo at once, as Nomad does first',
    }),
  ];
}

function memoryFigures(load: LoadFigures, tasks: number, bareNodeKiB: number[] | undefined): Figure[] {
  if (load.idleRssKiB === undefined || bareNodeKiB === undefined) return [];
  const mib = (kib: number[]): number[] => kib.map((k) => k / 1024);
  const idle = { name: 'RSS idle', median: median(mib(load.idleRssKiB)) };
  const out = [
    figure({
      name: 'RSS idle',
      unit: 'MiB',
      samples: mib(load.idleRssKiB),
      baseline: { name: 'a bare node process', median: median(mib(bareNodeKiB)) },
      target: { of: 'median', op: '<=', value: RSS_IDLE_TARGET_MIB },
    }),
  ];
  if (load.tasksRssKiB !== undefined) {
    const judged = tasks >= RSS_TARGET_TASKS;
    out.push(
      figure({
        name: `RSS with ${tasks} tasks`,
        unit: 'MiB',
        samples: mib(load.tasksRssKiB),
        baseline: idle,
        ...(judged ? { target: { of: 'median', op: '<', value: RSS_TARGET_MIB } } : { note: `the target < ${RSS_TARGET_MIB} MiB is for ${RSS_TARGET_TASKS} tasks: not judged` }),
      }),
    );
  }
  if (load.statsRssKiB !== undefined) {
    const peak = load.peakRssKiB === undefined ? '' : `; the plugin's peak over the run: ${(load.peakRssKiB / 1024).toFixed(2)} MiB`;
    out.push(figure({ name: `RSS with ${tasks} TaskStats streams`, unit: 'MiB', samples: mib(load.statsRssKiB), baseline: idle, note: `readings 200 ms apart${peak}` }));
  }
  return out;
}

function startFigures(load: LoadFigures): Figure[] {
  if (load.directStartMs.length === 0) return [];
  const direct = { name: DIRECT, median: median(load.directStartMs) };
  const out: Figure[] = [];
  if (load.startMs.length > 0) out.push(figure({ name: 'StartTask, one at a time', unit: 'ms', samples: load.startMs, baseline: direct }));
  const { burst } = load;
  if (burst === undefined || burst.tasks === 0) return out;
  out.push(
    figure({
      name: `StartTask, ${burst.tasks} tasks ${CONCURRENCY} at a time (wall per task)`,
      unit: 'ms',
      samples: [burst.wallMs / burst.tasks],
      baseline: direct,
      note: `all ${burst.tasks} started in ${(burst.wallMs / 1000).toFixed(1)} s`,
    }),
    figure({
      name: 'plugin CPU per task started',
      unit: 'ms',
      samples: [burst.cpu.selfMs / burst.tasks],
      baseline: { name: 'the pot commands it ran', median: burst.cpu.childrenMs / burst.tasks },
      note: `over the ${burst.tasks} tasks started ${CONCURRENCY} at a time; the emulator's pot calls but pot start run in the plugin's process and count as its own`,
    }),
  );
  return out;
}

function statsFigures(load: LoadFigures, tasks: number): Figure[] {
  const { stats } = load;
  if (stats === undefined) return [];
  const asked = tasks * (1000 / STATS_INTERVAL_MS);
  const firstRound =
    stats.firstRound.delivered === stats.firstRound.streams
      ? `every stream had delivered once ${(stats.firstRound.ms / 1000).toFixed(1)} s after the first opened`
      : `only ${stats.firstRound.delivered} of ${stats.firstRound.streams} streams had delivered once ${(stats.firstRound.ms / 1000).toFixed(1)} s after the first opened`;
  return [
    figure({
      name: `plugin CPU, ${tasks} TaskStats streams`,
      unit: '%cpu',
      samples: stats.pluginCpuPercent,
      baseline: { name: 'the pot commands it ran', median: median(stats.potCommandsCpuPercent) },
      note: 'the emulator\'s get-rss runs in the plugin\'s process: its CPU is the plugin\'s own',
    }),
    figure({
      name: 'TaskStats samples delivered',
      unit: '/s',
      samples: stats.samplesPerSecond,
      baseline: { name: `asked: ${tasks} streams at ${STATS_INTERVAL_MS / 1000} s`, median: asked },
      note: `${firstRound}; ${stats.emptySamples} samples in the windows carried no memory figure`,
    }),
  ];
}

interface Handshakes {
  plugin: number[];
  firstCall: number[];
  node: number[];
}

/**
 * Spawn to handshake line and to the first PluginInfo answered, each spawn ended by GRPCController/Shutdown,
 * interleaved with `node -e 0`.
 */
async function measureHandshake(ws: Workspace, spawns: number, signal: AbortSignal): Promise<Handshakes> {
  const out: Handshakes = { plugin: [], firstCall: [], node: [] };
  for (let i = 0; i < spawns; i++) {
    signal.throwIfAborted();
    out.node.push(timeCommands([{ name: 'node -e 0', argv: [process.execPath, '-e', '0'] }], 1)[0]!.millis[0]!);
    const p = await launchPlugin({ env: { POT_EMULATOR_ROOT: ws.emulatorRoot }, socketDir: ws.socketDir, firstCall: true });
    out.plugin.push(p.handshakeMs);
    out.firstCall.push(p.firstCallMs!);
    await p.shutdown();
    const exit = await p.exited;
    if (exit.code !== 0) throw new BenchError(`GRPCController/Shutdown did not end the plugin cleanly (${exit.code ?? exit.signal}):\n${p.stderrTail()}`);
  }
  return out;
}

/** RSS of a node process doing nothing, read as the plugin's is: what any node program holds to begin with. */
async function bareNodeRss(signal: AbortSignal): Promise<number[]> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { stdio: 'ignore' });
  try {
    if (child.pid === undefined) throw new BenchError('could not spawn a bare node process');
    await sleep(1000, undefined, { signal });
    return await rssReadings(child.pid, signal);
  } finally {
    child.kill('SIGKILL');
  }
}
