/** The Driver service's streaming RPCs: fingerprints, task stats, task events and interactive exec. */
import type { UntypedServiceImplementation } from '@grpc/grpc-js';
import { untilAborted } from '../abortable.js';
import {
  execCloseToProto,
  execExitedToProto,
  execInputFromProto,
  execOutputToProto,
  type ExecStreamingRequestMsg,
  type ExecStreamingResponseMsg,
} from '../convert/exec.js';
import { fingerprintToProto } from '../convert/fingerprint.js';
import { taskEventToProto } from '../convert/task-event.js';
import { taskStatsToProto } from '../convert/task-stats.js';
import { durationFromProto, type DurationMsg } from '../convert/time.js';
import { PayloadError } from '../errors.js';
import type { Settler, StreamSink } from '../settle.js';
import type { DriverService, ExecInput } from './driver-port.js';

/** Nomad's default `telemetry.collection_interval`, used when the request carries none. */
const DEFAULT_STATS_INTERVAL_MS = 1000;

export function driverStreams(port: DriverService, settle: Settler): UntypedServiceImplementation {
  return {
    Fingerprint: settle.serverStream('Fingerprint', async (_request: unknown, sink) => {
      for await (const fingerprint of untilAborted(port.fingerprint(sink.signal), sink.signal)) {
        await sink.write(fingerprintToProto(fingerprint));
      }
    }),

    TaskStats: settle.serverStream(
      'TaskStats',
      async (request: { task_id: string; collection_interval: DurationMsg | null }, sink) => {
        const interval = durationFromProto(request.collection_interval) || DEFAULT_STATS_INTERVAL_MS;
        for await (const stats of untilAborted(port.taskStats(request.task_id, interval, sink.signal), sink.signal)) {
          await sink.write(taskStatsToProto(stats));
        }
      },
    ),

    TaskEvents: settle.serverStream('TaskEvents', async (_request: unknown, sink) => {
      for await (const event of untilAborted(port.taskEvents(sink.signal), sink.signal)) {
        await sink.write(taskEventToProto(event));
      }
    }),

    ExecTaskStreaming: settle.duplex(
      'ExecTaskStreaming',
      async (input: AsyncIterable<Partial<ExecStreamingRequestMsg>>, sink: StreamSink<ExecStreamingResponseMsg>) => {
        const messages = input[Symbol.asyncIterator]();
        const first = await messages.next();
        if (first.done) return;
        const setup = first.value.setup;
        if (!setup) throw new PayloadError('ExecTaskStreaming must start with a setup message');
        const result = await port.execTaskStreaming({
          taskId: setup.task_id,
          command: [...(setup.command ?? [])],
          tty: setup.tty === true,
          input: execInputs(first.value, messages),
          stdout: (data) => sink.write(execOutputToProto('stdout', data)),
          stderr: (data) => sink.write(execOutputToProto('stderr', data)),
          signal: sink.signal,
        });
        await sink.write(execCloseToProto('stdout'));
        await sink.write(execCloseToProto('stderr'));
        await sink.write(execExitedToProto(result));
      },
    ),
  };
}

async function* execInputs(
  first: Partial<ExecStreamingRequestMsg>,
  rest: AsyncIterator<Partial<ExecStreamingRequestMsg>>,
): AsyncGenerator<ExecInput> {
  yield* execInputFromProto(first);
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield* execInputFromProto(next.value);
  }
}
