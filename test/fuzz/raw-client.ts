/**
 * A gRPC client that sends request bytes as they are, bypassing protobuf serialisation, so that a server can be
 * fed any byte string on any method path. Every call resolves (never rejects) with how it ended.
 */
import * as grpc from '@grpc/grpc-js';

export interface CallEnd {
  /** The gRPC status code the call ended with (OK for a unary response or a stream that ended normally). */
  code: grpc.status;
  details: string;
  /** Response messages received (one for a successful unary call). */
  messages: number;
  /** The first response message, as bytes. */
  first?: Buffer;
}

const identity = (bytes: Buffer): Buffer => bytes;

export class RawClient {
  private readonly client: grpc.Client;

  constructor(target: string) {
    this.client = new grpc.Client(target, grpc.credentials.createInsecure());
  }

  close(): void {
    this.client.close();
  }

  unary(path: string, request: Uint8Array, timeoutMs: number): Promise<CallEnd> {
    return new Promise((resolve) => {
      this.client.makeUnaryRequest(path, identity, identity, Buffer.from(request), { deadline: Date.now() + timeoutMs }, (err, response) => {
        if (err) resolve({ code: err.code, details: err.details, messages: 0 });
        else resolve({ code: grpc.status.OK, details: '', messages: response === undefined ? 0 : 1, ...(response ? { first: response } : {}) });
      });
    });
  }

  /**
   * A server stream, read for at most `readMs` (the plugin's streams are meant to stay open), then cancelled
   * unless it ended by itself.
   */
  serverStream(path: string, request: Uint8Array, readMs: number): Promise<CallEnd> {
    const call = this.client.makeServerStreamRequest(path, identity, identity, Buffer.from(request), { deadline: Date.now() + readMs + 5000 });
    return collect(call, readMs);
  }

  /** A bidirectional stream: `requests` written one by one, the sending side closed, then read like a server stream. */
  bidiStream(path: string, requests: readonly Uint8Array[], readMs: number): Promise<CallEnd> {
    const call = this.client.makeBidiStreamRequest(path, identity, identity, { deadline: Date.now() + readMs + 5000 });
    const ended = collect(call, readMs);
    for (const request of requests) call.write(Buffer.from(request));
    call.end();
    return ended;
  }
}

function collect(call: grpc.ClientReadableStream<Buffer> | grpc.ClientDuplexStream<Buffer, Buffer>, readMs: number): Promise<CallEnd> {
  return new Promise((resolve) => {
    let messages = 0;
    let first: Buffer | undefined;
    const timer = setTimeout(() => call.cancel(), readMs);
    call.on('data', (message: Buffer) => {
      first ??= message;
      messages++;
    });
    // The status event always comes last, whether the call ended, failed or was cancelled; 'error' only repeats it.
    call.on('error', () => undefined);
    call.on('status', (st: grpc.StatusObject) => {
      clearTimeout(timer);
      resolve({ code: st.code, details: st.details, messages, ...(first ? { first } : {}) });
    });
  });
}
