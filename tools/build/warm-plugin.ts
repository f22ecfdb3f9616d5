/**
 * Runs the plugin as a Nomad agent would, for its code cache: the handshake, the calls an agent makes first
 * (plugin info, schemas, capabilities, one fingerprint), then GRPCController/Shutdown, on which the plugin exits
 * and writes its cache. Only a unix socket in a fresh temporary directory is dialled.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../src/plugin/handshake.js';
import { serviceDefinition, SERVICES, type ServiceKey } from '../../src/plugin/protos.js';

const DEADLINE_MS = 60_000;

export async function warmPlugin(launcher: string, env: NodeJS.ProcessEnv): Promise<void> {
  const socketDir = mkdtempSync(path.join(tmpdir(), 'pot-nomad-build-'));
  const child = spawn(process.execPath, [launcher], {
    env: { ...env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '2', PLUGIN_UNIX_SOCKET_DIR: socketDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-8192)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), DEADLINE_MS);
  const clients: grpc.Client[] = [];
  try {
    const line = await handshake(child.stdout, exited);
    const [, , network, address = ''] = line.split('|');
    if (network !== 'unix') throw new Error(`the plugin did not listen on a unix socket: ${line}`);
    const client = (key: ServiceKey): grpc.Client => {
      const Ctor = grpc.makeGenericClientConstructor(serviceDefinition(key), SERVICES[key]);
      const c = new Ctor(`unix:${address}`, grpc.credentials.createInsecure());
      clients.push(c);
      return c;
    };
    const base = client('base');
    const driver = client('driver');
    await unary(base, 'PluginInfo');
    await unary(base, 'ConfigSchema');
    await unary(driver, 'TaskConfigSchema');
    await unary(driver, 'Capabilities');
    await firstMessage(driver, 'Fingerprint');
    await unary(client('controller'), 'Shutdown');
    const code = await exited;
    if (code !== 0) throw new Error(`the plugin exited ${code} after Shutdown`);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`warming the plugin's code cache: ${(error as Error).message}\n${stderr}`);
  } finally {
    clearTimeout(timer);
    for (const c of clients) c.close();
    await exited;
    rmSync(socketDir, { recursive: true, force: true });
  }
}

function handshake(stdout: NodeJS.ReadableStream, exited: Promise<number | null>): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stdout.setEncoding('utf8');
    stdout.on('data', (s: string) => {
      text += s;
      const end = text.indexOf('\n');
      if (end >= 0) resolve(text.slice(0, end));
    });
    void exited.then((code) => reject(new Error(`the plugin exited ${code} before its handshake`)));
  });
}

type Unary = (request: object, metadata: grpc.Metadata, options: grpc.CallOptions, callback: (err: grpc.ServiceError | null) => void) => void;
type Stream = (request: object, options: grpc.CallOptions) => grpc.ClientReadableStream<unknown>;

function unary(client: grpc.Client, method: string): Promise<void> {
  const fn = (client as unknown as Record<string, Unary>)[method]!;
  return new Promise((resolve, reject) =>
    fn.call(client, {}, new grpc.Metadata(), { deadline: Date.now() + DEADLINE_MS }, (err) => (err ? reject(new Error(`${method}: ${err.message}`)) : resolve())),
  );
}

function firstMessage(client: grpc.Client, method: string): Promise<void> {
  const fn = (client as unknown as Record<string, Stream>)[method]!;
  const stream = fn.call(client, {}, { deadline: Date.now() + DEADLINE_MS });
  return new Promise((resolve, reject) => {
    stream.once('data', () => {
      stream.cancel();
      resolve();
    });
    stream.once('error', (err: Error) => reject(new Error(`${method}: ${err.message}`)));
  });
}
