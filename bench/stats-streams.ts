/**
 * TaskStats for every running task, as Nomad's client asks for them. On a machine where the pot commands behind
 * the samples cannot keep up, all streams end up sampling in step, so a short window may see no sample arrive
 * at all; the first round, from opening the streams until each has delivered once, gives the cost per sample.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientReadableStream } from '@grpc/grpc-js';
import type { RunningTask } from './plugin-fleet.js';
import { firstMessage, openStream, type BenchPlugin, type Msg } from './plugin-process.js';
import type { PluginReport } from './plugin-report.js';
import { cpuTimes } from './proc-usage.js';
import { cpuSince, cpuWindow, round } from './sampling.js';

export interface StatsOptions {
  intervalMs: number;
  windowMs: number;
  /** Longest wait for the first round. */
  warmupMs: number;
  signal: AbortSignal;
}

/** Opens a stream per task (each pushed onto `streams`, for the caller to cancel), then measures. */
export async function measureStatsStreams(
  plugin: BenchPlugin,
  tasks: readonly RunningTask[],
  streams: ClientReadableStream<Msg>[],
  { intervalMs, windowMs, warmupMs, signal }: StatsOptions,
): Promise<Pick<PluginReport['stats_cpu'], 'first_round' | 'streaming'>> {
  let samples = 0;
  let emptySamples = 0;
  const pending: Promise<Msg>[] = [];
  const cpuBefore = cpuTimes(plugin.pid);
  const opened = performance.now();
  for (const task of tasks) {
    const stream = openStream(plugin.clients.driver, 'TaskStats', { task_id: task.id, collection_interval: { seconds: intervalMs / 1000, nanos: 0 } });
    streams.push(stream);
    stream.on('data', (message: Msg) => {
      samples += 1;
      if (!hasNumbers(message)) emptySamples += 1;
    });
    const first = firstMessage(stream, warmupMs);
    // Awaited below; until then a failure must not count as unhandled.
    first.catch(() => undefined);
    pending.push(first);
    // Spread over one interval, as tasks started at different times would be, not all in one burst.
    await sleep(intervalMs / tasks.length, undefined, { signal });
  }
  await Promise.all(pending);
  const roundMs = performance.now() - opened;
  const roundCpu = cpuSince(cpuBefore, plugin.pid);
  const roundSamples = samples;

  const [samplesBefore, emptyBefore] = [samples, emptySamples];
  const window = await cpuWindow(plugin.pid, windowMs, signal);
  return {
    first_round: {
      samples: roundSamples,
      wall_ms: round(roundMs),
      samples_per_second: round(roundSamples / (roundMs / 1000)),
      expected_per_second: tasks.length * (1000 / intervalMs),
      plugin_cpu_ms_per_sample: round(roundCpu.selfMs / roundSamples),
      pot_commands_cpu_ms_per_sample: round(roundCpu.childrenMs / roundSamples),
    },
    streaming: { ...window, samples: samples - samplesBefore, empty_samples: emptySamples - emptyBefore },
  };
}

function hasNumbers(message: Msg): boolean {
  const usage = (message.stats as { agg_resource_usage?: { memory?: { rss?: number } } } | undefined)?.agg_resource_usage;
  return (usage?.memory?.rss ?? 0) > 0;
}
