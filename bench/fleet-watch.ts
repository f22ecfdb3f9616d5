/**
 * The streams Nomad's client keeps open on a plugin, recorded: the one TaskEvents stream, and TaskStats streams
 * of single tasks with every sample and how the stream ended.
 */
import { status as grpcStatus, type ClientReadableStream, type StatusObject } from '@grpc/grpc-js';
import { openStream, withTimeout, type BenchPlugin, type Msg } from './plugin-process.js';

export interface EventLog {
  /** Every event so far, in arrival order. */
  readonly events: Msg[];
  close(): void;
}

export function watchEvents(plugin: BenchPlugin): EventLog {
  const events: Msg[] = [];
  const stream = openStream(plugin.clients.driver, 'TaskEvents');
  stream.on('data', (event: Msg) => events.push(event));
  return { events, close: () => stream.cancel() };
}

export interface StatsWatch {
  readonly taskId: string;
  readonly samples: Msg[];
  /** The gRPC status the stream ended with: 'OK' when the plugin ended it, else the code's name and details. */
  readonly ended: Promise<string>;
  /** Resolves with the first sample; rejects after `timeoutMs`. */
  firstSample(timeoutMs: number): Promise<Msg>;
  close(): void;
}

export function watchStats(plugin: BenchPlugin, taskId: string, intervalMs: number): StatsWatch {
  const samples: Msg[] = [];
  const stream: ClientReadableStream<Msg> = openStream(plugin.clients.driver, 'TaskStats', {
    task_id: taskId,
    collection_interval: { seconds: Math.floor(intervalMs / 1000), nanos: (intervalMs % 1000) * 1_000_000 },
  });
  const first = new Promise<Msg>((resolve, reject) => {
    stream.once('data', resolve);
    stream.once('status', (status: StatusObject) => reject(new Error(`the TaskStats stream of ${taskId} ended before its first sample: ${statusText(status)}`)));
  });
  first.catch(() => undefined);
  stream.on('data', (sample: Msg) => samples.push(sample));
  const ended = new Promise<string>((resolve) => stream.once('status', (status: StatusObject) => resolve(statusText(status))));
  return {
    taskId,
    samples,
    ended,
    firstSample: (timeoutMs) => withTimeout(first, timeoutMs, `the first TaskStats sample of ${taskId}`),
    close: () => stream.cancel(),
  };
}

function statusText(status: StatusObject): string {
  return status.code === grpcStatus.OK ? 'OK' : `${grpcStatus[status.code] ?? status.code}: ${status.details}`;
}
