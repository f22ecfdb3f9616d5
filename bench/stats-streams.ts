/**
 * TaskStats for every running task, as Nomad's client asks for them. On a machine where the pot commands behind
 * the samples cannot keep up, all streams end up sampling in step; the windows only open once every stream has
 * delivered its first sample (or given up waiting for it), and there are several of them, so that the median
 * rides over the bunching.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientReadableStream } from '@grpc/grpc-js';
import type { RunningTask } from './plugin-fleet.js';
import { firstMessage, openStream, type BenchPlugin, type Msg } from './plugin-process.js';
import { cpuWindow } from './sampling.js';

export interface StatsOptions {
  intervalMs: number;
  windows: number;
  windowMs: number;
  /** Longest wait for a stream's first sample; on a machine that cannot keep up, the windows open without it. */
  warmupMs: number;
  signal: AbortSignal;
}

/** One entry per window. */
export interface StatsWindows {
  pluginCpuPercent: number[];
  potCommandsCpuPercent: number[];
  samplesPerSecond: number[];
  /** Over all windows: samples that carried no memory figure. */
  emptySamples: number;
  /** From opening the first stream until every stream had delivered once, or `warmupMs` after the last opened. */
  firstRound: { ms: number; streams: number; delivered: number };
}

/** Opens a stream per task (each pushed onto `streams`, for the caller to cancel), then measures. */
export async function measureStatsStreams(
  plugin: BenchPlugin,
  tasks: readonly RunningTask[],
  streams: ClientReadableStream<Msg>[],
  { intervalMs, windows, windowMs, warmupMs, signal }: StatsOptions,
): Promise<StatsWindows> {
  let samples = 0;
  let emptySamples = 0;
  const pending: Promise<Msg>[] = [];
  const opened = performance.now();
  for (const task of tasks) {
    const stream = openStream(plugin.clients.driver, 'TaskStats', { task_id: task.id, collection_interval: { seconds: intervalMs / 1000, nanos: 0 } });
    streams.push(stream);
    stream.on('data', (message: Msg) => {
      samples += 1;
      if (!hasNumbers(message)) emptySamples += 1;
    });
    const first = firstMessage(stream, warmupMs);
    // Settled below; until then a failure must not count as unhandled.
    first.catch(() => undefined);
    pending.push(first);
    // Spread over one interval, as tasks started at different times would be, not all in one burst.
    await sleep(intervalMs / tasks.length, undefined, { signal });
  }
  const settled = await Promise.allSettled(pending);
  signal.throwIfAborted();
  const firstRound = { ms: performance.now() - opened, streams: tasks.length, delivered: settled.filter((r) => r.status === 'fulfilled').length };

  const result: StatsWindows = { pluginCpuPercent: [], potCommandsCpuPercent: [], samplesPerSecond: [], emptySamples: 0, firstRound };
  const emptyBefore = emptySamples;
  for (let i = 0; i < windows; i++) {
    const before = samples;
    const window = await cpuWindow(plugin.pid, windowMs, signal);
    result.pluginCpuPercent.push(window.selfPercent);
    result.potCommandsCpuPercent.push(window.childrenPercent);
    result.samplesPerSecond.push((samples - before) / (window.windowMs / 1000));
  }
  result.emptySamples = emptySamples - emptyBefore;
  return result;
}

function hasNumbers(message: Msg): boolean {
  const usage = (message.stats as { agg_resource_usage?: { memory?: { rss?: number } } } | undefined)?.agg_resource_usage;
  return (usage?.memory?.rss ?? 0) > 0;
}
