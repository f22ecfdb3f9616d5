/**
 * The plugin binary as a Nomad agent runs it, timed from spawn to the handshake line, with grpc-js clients for
 * its services and unary calls that carry a deadline and can be cancelled, so that no step of the benchmark can
 * hang. Only unix sockets and the loopback are ever dialled.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../src/plugin/handshake.js';
import { serviceDefinition, SERVICES, type ServiceKey } from '../src/plugin/protos.js';
import { pluginInfo } from './first-call.js';

export const PLUGIN_BIN = fileURLToPath(new URL('../../bin/pot-nomad.js', import.meta.url));

export type Clients = Record<ServiceKey, grpc.Client>;
export type Msg = Record<string, unknown>;

export interface BenchPlugin {
  readonly pid: number;
  /** From just before spawn() to the arrival of the handshake line. */
  readonly handshakeMs: number;
  /** With `firstCall`: from just before spawn() to the first PluginInfo answered. */
  readonly firstCallMs: number | undefined;
  readonly clients: Clients;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last few KiB of the plugin's log, for error messages. */
  stderrTail(): string;
  /** GRPCController/Shutdown as Nomad sends it; SIGKILL when the process is still there after `timeoutMs`. */
  shutdown(timeoutMs?: number): Promise<void>;
}

export interface LaunchOptions {
  /** Added to this process's environment, after the go-plugin variables. */
  env: Record<string, string>;
  /** PLUGIN_UNIX_SOCKET_DIR. */
  socketDir: string;
  timeoutMs?: number;
  /** Node options for the plugin's process only (NODE_OPTIONS would reach every pot command too). */
  nodeArgs?: readonly string[];
  /** Call PluginInfo the moment the handshake arrives, as Nomad does, before the clients are made. */
  firstCall?: boolean;
}

const STDERR_TAIL_CHARS = 8192;

export async function launchPlugin(options: LaunchOptions): Promise<BenchPlugin> {
  // As Nomad runs it: the file itself is executed, unless node needs arguments of its own.
  const [command, args] = options.nodeArgs === undefined ? [PLUGIN_BIN, []] : [process.execPath, [...options.nodeArgs, PLUGIN_BIN]];
  const started = performance.now();
  const child = spawn(command, args, {
    env: {
      ...process.env,
      [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: '2',
      PLUGIN_MIN_PORT: '10000',
      PLUGIN_MAX_PORT: '25000',
      PLUGIN_UNIX_SOCKET_DIR: options.socketDir,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // Drained throughout: a full pipe would block the plugin's logging and distort every figure.
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-STDERR_TAIL_CHARS)));
  let stdout = '';
  const handshake = new Promise<{ line: string; ms: number }>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const end = stdout.indexOf('\n');
      // Later chunks resolve nothing: the first resolution stands.
      if (end >= 0) resolve({ line: stdout.slice(0, end), ms: performance.now() - started });
    });
    child.once('error', reject);
    void exited.then(({ code, signal }) => reject(new Error(`the plugin exited (${code ?? signal}) before its handshake:\n${stderr}`)));
  });
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };

  let line: string;
  let handshakeMs: number;
  let firstCallMs: number | undefined;
  try {
    ({ line, ms: handshakeMs } = await withTimeout(handshake, options.timeoutMs ?? 15_000, 'the handshake line'));
    if (options.firstCall) {
      const [, , network = '', address = ''] = line.split('|');
      checkLoopback(line, network, address);
      await pluginInfo(network, address, options.timeoutMs ?? 15_000);
      firstCallMs = performance.now() - started;
    }
  } catch (error) {
    kill();
    await exited;
    throw error;
  }
  const clients = connect(line, kill);
  const pid = child.pid as number;
  return {
    pid,
    handshakeMs,
    firstCallMs,
    clients,
    exited,
    stderrTail: () => stderr,
    async shutdown(timeoutMs = 5000) {
      if (child.exitCode === null && child.signalCode === null) {
        await call(clients.controller, 'Shutdown', {}, { timeoutMs }).catch(() => undefined);
        await withTimeout(exited, timeoutMs, 'the plugin to exit').catch(kill);
      }
      await exited;
      for (const client of Object.values(clients)) client.close();
    },
  };
}

/** Only a unix socket or the loopback is ever dialled. */
function checkLoopback(handshake: string, network: string | undefined, address: string): void {
  const loopback = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost):\d+$/.test(address);
  if (network !== 'unix' && !(network === 'tcp' && loopback)) {
    throw new Error(`refusing to dial the plugin's address from handshake "${handshake}": not a unix socket or the loopback`);
  }
}

/** `1|2|unix|/path|grpc` or `1|2|tcp|127.0.0.1:port|grpc`. */
function connect(handshake: string, kill: () => void): Clients {
  const [, , network, address = ''] = handshake.split('|');
  try {
    checkLoopback(handshake, network, address);
  } catch (error) {
    kill();
    throw error;
  }
  const target = network === 'unix' ? `unix:${address}` : address;
  const clients = {} as Clients;
  for (const key of Object.keys(SERVICES) as ServiceKey[]) {
    const Ctor = grpc.makeGenericClientConstructor(serviceDefinition(key), SERVICES[key]);
    clients[key] = new Ctor(target, grpc.credentials.createInsecure());
  }
  return clients;
}

export interface CallOptions {
  timeoutMs: number;
  /** Cancels the call. */
  signal?: AbortSignal;
}

type UnaryMethod = (request: object, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<Msg>) => grpc.ClientUnaryCall;
type StreamMethod = (request: object) => grpc.ClientReadableStream<Msg>;

/** One unary call with a deadline. */
export function call<Res = Msg>(client: grpc.Client, method: string, request: object, options: CallOptions): Promise<Res> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, UnaryMethod | undefined>)[method];
    if (fn === undefined) return reject(new Error(`no method ${method}`));
    if (options.signal?.aborted) return reject(new Error(`${method} not sent: the benchmark was aborted`));
    const pending = fn.call(client, request, new grpc.Metadata(), { deadline: Date.now() + options.timeoutMs }, (err, response) => {
      options.signal?.removeEventListener('abort', cancel);
      if (err) reject(new Error(`${method}: ${err.message}`, { cause: err }));
      else resolve(response as Res);
    });
    const cancel = (): void => pending.cancel();
    options.signal?.addEventListener('abort', cancel, { once: true });
  });
}

/** A server stream whose errors (cancellation above all) are expected and ignored. */
export function openStream(client: grpc.Client, method: string, request: object = {}): grpc.ClientReadableStream<Msg> {
  const fn = (client as unknown as Record<string, StreamMethod | undefined>)[method];
  if (fn === undefined) throw new Error(`no method ${method}`);
  const stream = fn.call(client, request);
  stream.on('error', () => undefined);
  return stream;
}

export function firstMessage(stream: grpc.ClientReadableStream<Msg>, timeoutMs: number): Promise<Msg> {
  const first = new Promise<Msg>((resolve, reject) => {
    stream.once('data', resolve);
    stream.once('error', (error: Error) => reject(new Error(`a stream failed before its first message: ${error.message}`, { cause: error })));
    stream.once('end', () => reject(new Error('a stream ended before its first message')));
  });
  return withTimeout(first, timeoutMs, 'the first message of a stream');
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting for ${what} after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
