/**
 * Wraps async RPC bodies into grpc-js handlers so that every call settles exactly once (one callback, one
 * end or one error status), no rejection escapes into the process, and every call can be told to stop:
 * when the client cancels, and when the server shuts down.
 */
import type {
  handleBidiStreamingCall,
  handleServerStreamingCall,
  handleUnaryCall,
  ServerDuplexStream,
  ServerWritableStream,
  StatusObject,
} from '@grpc/grpc-js';
import { status } from './grpc.js';
import { untilAborted } from './abortable.js';
import type { Logger } from './log.js';
import { rpcStatusFromError, SHUTTING_DOWN, type RpcErrorStatus } from './status.js';

/** Where a streaming body writes; `write` waits while gRPC's buffer is full, and is a no-op once stopped. */
export interface StreamSink<Res> {
  write(message: Res): Promise<void>;
  readonly signal: AbortSignal;
}

export type UnaryBody<Req, Res> = (request: Req, signal: AbortSignal) => Promise<Res>;
export type ServerStreamBody<Req, Res> = (request: Req, sink: StreamSink<Res>) => Promise<void>;
export type DuplexBody<Req, Res> = (input: AsyncIterable<Req>, sink: StreamSink<Res>) => Promise<void>;

/** The calls in flight, so that a shutdown can ask each of them to finish; `signal` fires only for that. */
export class OpenCalls {
  private readonly controllers = new Set<AbortController>();

  open(): { signal: AbortSignal; close(): void } {
    const controller = new AbortController();
    this.controllers.add(controller);
    return { signal: controller.signal, close: () => this.controllers.delete(controller) };
  }

  get size(): number {
    return this.controllers.size;
  }

  abortAll(): void {
    for (const controller of this.controllers) controller.abort();
  }
}

export interface Settler {
  unary<Req, Res>(method: string, body: UnaryBody<Req, Res>): handleUnaryCall<Req, Res>;
  serverStream<Req, Res>(method: string, body: ServerStreamBody<Req, Res>): handleServerStreamingCall<Req, Res>;
  duplex<Req, Res>(method: string, body: DuplexBody<Req, Res>): handleBidiStreamingCall<Req, Res>;
}

export function createSettler(log: Logger, calls: OpenCalls = new OpenCalls()): Settler {
  const failed = (method: string, err: unknown): RpcErrorStatus => {
    const st = rpcStatusFromError(err);
    const level = st.code === status.INTERNAL ? 'error' : 'debug';
    log.log(level, 'RPC failed', { method, code: status[st.code], error: st.details });
    return st;
  };

  return {
    unary<Req, Res>(method: string, body: UnaryBody<Req, Res>): handleUnaryCall<Req, Res> {
      return (call, callback) => {
        const handle = calls.open();
        const abort = linkAbort(handle.signal);
        call.on('cancelled', () => abort.abort());
        let settled = false;
        const settle = (error: Partial<StatusObject> | null, value?: Res): void => {
          if (settled) return;
          settled = true;
          handle.close();
          try {
            if (error) callback(error);
            else callback(null, value);
          } catch (err) {
            log.error('could not send RPC result', { method, error: err });
          }
        };
        run(() => body(call.request, abort.signal)).then(
          (value) => settle(null, value),
          (err: unknown) => settle(handle.signal.aborted ? { ...SHUTTING_DOWN } : failed(method, err)),
        );
      };
    },

    serverStream<Req, Res>(method: string, body: ServerStreamBody<Req, Res>): handleServerStreamingCall<Req, Res> {
      return (call) => {
        const { sink, done } = streamSink(call, calls);
        run(() => body(call.request, sink)).then(
          () => done(null),
          (err: unknown) => done(failed(method, err)),
        );
      };
    },

    duplex<Req, Res>(method: string, body: DuplexBody<Req, Res>): handleBidiStreamingCall<Req, Res> {
      return (call) => {
        const { sink, done } = streamSink(call, calls);
        run(() => body(readAll(call, sink.signal), sink)).then(
          () => done(null),
          (err: unknown) => done(failed(method, err)),
        );
      };
    },
  };
}

function run<T>(body: () => Promise<T>): Promise<T> {
  try {
    return Promise.resolve(body());
  } catch (err) {
    return Promise.reject(err);
  }
}

/** An AbortController that also fires when `parent` does. */
function linkAbort(parent: AbortSignal): AbortController {
  const controller = new AbortController();
  if (parent.aborted) controller.abort();
  else parent.addEventListener('abort', () => controller.abort(), { once: true });
  return controller;
}

type WritableCall<Res> = ServerWritableStream<unknown, Res> | ServerDuplexStream<unknown, Res>;

function streamSink<Res>(call: WritableCall<Res>, calls: OpenCalls): {
  sink: StreamSink<Res>;
  done(error: RpcErrorStatus | null): void;
} {
  const handle = calls.open();
  const abort = linkAbort(handle.signal);
  let cancelled = false;
  call.on('cancelled', () => {
    cancelled = true;
    abort.abort();
  });
  // A stream error (peer reset) is reported through 'cancelled' as well; an unhandled 'error' would throw.
  call.on('error', () => abort.abort());
  let settled = false;
  const sink: StreamSink<Res> = {
    signal: abort.signal,
    async write(message) {
      if (abort.signal.aborted || settled) return;
      if (call.write(message)) return;
      await new Promise<void>((resolve) => {
        const finish = (): void => {
          call.off('drain', finish);
          abort.signal.removeEventListener('abort', finish);
          resolve();
        };
        call.on('drain', finish);
        abort.signal.addEventListener('abort', finish, { once: true });
      });
    },
  };
  const done = (error: RpcErrorStatus | null): void => {
    if (settled) return;
    settled = true;
    const outcome = handle.signal.aborted ? { ...SHUTTING_DOWN } : error;
    handle.close();
    abort.abort();
    if (cancelled) return;
    try {
      if (outcome) call.emit('error', outcome);
      else call.end();
    } catch {
      // The call may already be torn down by the transport; nothing is left to tell the client.
    }
  };
  return { sink, done };
}

/** The client's messages until it half-closes, cancels, or the call is stopped. */
async function* readAll<Req>(call: ServerDuplexStream<Req, unknown>, signal: AbortSignal): AsyncGenerator<Req> {
  // Returning early must not destroy the duplex: the body still writes its closing messages after reading.
  const source: AsyncIterable<Req> = { [Symbol.asyncIterator]: () => call.iterator({ destroyOnReturn: false }) };
  try {
    yield* untilAborted(source, signal);
  } catch {
    // A reset stream ends the input like a half-close does.
  }
}
