/**
 * Plays the Nomad agent: starts `bin/pot-nomad.js` with the magic cookie, reads the handshake line, and
 * connects grpc-js clients for every service over the advertised socket, using the plugin's own protos.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { PLUGIN_CONFIG_SCHEMA, TASK_CONFIG_SCHEMA } from '../../src/driver/schema.js';
import { encodeCtyConfig } from '../../src/plugin/cty-encode.js';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../src/plugin/handshake.js';
import { serviceDefinition, SERVICES, type ServiceKey } from '../../src/plugin/protos.js';
import { trackDir } from '../helpers/reaper.js';

export const BIN = fileURLToPath(new URL('../../../bin/pot-nomad.js', import.meta.url));
export const EMULATOR = fileURLToPath(new URL('../../../bin/pot-emulator.js', import.meta.url));

export type Clients = Record<ServiceKey, grpc.Client>;

export interface PluginProcess {
  readonly child: ChildProcess;
  readonly handshake: string;
  /** The temporary PLUGIN_UNIX_SOCKET_DIR given to the process. */
  readonly socketDir: string;
  /** The socket path or host:port from the handshake. */
  readonly address: string;
  readonly clients: Clients;
  /** Everything after the handshake line (should stay empty). */
  stdoutAfterHandshake(): string;
  /** Complete stderr lines so far. */
  stderrLines(): string[];
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  close(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
}

export async function startPlugin(options: StartOptions = {}): Promise<PluginProcess> {
  const socketDir = trackDir(mkdtempSync(path.join(tmpdir(), 'pn-')));
  const child = spawn(process.execPath, [BIN], {
    env: {
      ...process.env,
      [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
      PLUGIN_PROTOCOL_VERSIONS: '2',
      PLUGIN_MIN_PORT: '10000',
      PLUGIN_MAX_PORT: '25000',
      PLUGIN_UNIX_SOCKET_DIR: socketDir,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const handshake = await new Promise<string>((resolve, reject) => {
    const check = (): void => {
      const end = stdout.indexOf('\n');
      if (end >= 0) {
        child.stdout.off('data', check);
        resolve(stdout.slice(0, end));
      }
    };
    child.stdout.on('data', check);
    void exited.then(({ code }) => reject(new Error(`plugin exited (${code}) before the handshake; stderr:\n${stderr}`)));
  });
  const parts = handshake.split('|');
  const address = parts[3] ?? '';
  const target = parts[2] === 'unix' ? `unix:${address}` : address;

  const clients = {} as Clients;
  for (const key of Object.keys(SERVICES) as ServiceKey[]) {
    const Ctor = grpc.makeGenericClientConstructor(serviceDefinition(key), SERVICES[key]);
    clients[key] = new Ctor(target, grpc.credentials.createInsecure());
  }

  return {
    child,
    handshake,
    socketDir,
    address,
    clients,
    exited,
    stdoutAfterHandshake: () => stdout.slice(handshake.length + 1),
    stderrLines: () => stderr.split('\n').slice(0, -1),
    async close() {
      for (const client of Object.values(clients)) client.close();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/** One unary call as a promise. */
export function unary<Res = Record<string, unknown>>(client: grpc.Client, method: string, request: object = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, Function>)[method];
    if (typeof fn !== 'function') return reject(new Error(`no method ${method}`));
    fn.call(client, request, (err: grpc.ServiceError | null, response: Res) => (err ? reject(err) : resolve(response)));
  });
}

/** A unary call expected to fail; resolves with the error. */
export async function unaryError(client: grpc.Client, method: string, request: object = {}): Promise<grpc.ServiceError> {
  try {
    await unary(client, method, request);
  } catch (err) {
    return err as grpc.ServiceError;
  }
  throw new Error(`${method} succeeded where it should have failed`);
}

/** Waits until `predicate` holds for the stderr lines, polling the process's output as it arrives. */
export function waitForStderr(plugin: PluginProcess, predicate: (lines: string[]) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const lines = plugin.stderrLines();
      if (!predicate(lines)) return false;
      plugin.child.stderr?.off('data', check);
      resolve(lines);
      return true;
    };
    if (check()) return;
    plugin.child.stderr?.on('data', check);
    void plugin.exited.then(() => {
      if (!check()) reject(new Error(`plugin exited; stderr:\n${plugin.stderrLines().join('\n')}`));
    });
  });
}

export interface WebTask {
  allocId: string;
  allocDir: string;
  invocation: string;
  /** The task's `config {}` block; `rawConfig` replaces its encoding when a test sends bad bytes. */
  config: Record<string, unknown>;
  rawConfig?: Uint8Array;
  env?: Record<string, string>;
}

/** The TaskConfig a Nomad client sends with StartTask for a task "web", its logs in the alloc's log dir. */
export function webTaskConfig(task: WebTask): Record<string, unknown> {
  const logPath = (stream: string): string => path.join(task.allocDir, 'alloc', 'logs', `web.${task.invocation}.${stream}`);
  return {
    id: `${task.allocId}/web/${task.invocation}`,
    name: 'web',
    msgpack_driver_config: Buffer.from(task.rawConfig ?? encodeCtyConfig(task.config, TASK_CONFIG_SCHEMA)),
    env: { NOMAD_TASK_NAME: 'web', NOMAD_ALLOC_ID: task.allocId, ...task.env },
    resources: { allocated_resources: { cpu: { cpu_shares: 100 }, memory: { memory_mb: 64 } } },
    alloc_dir: task.allocDir,
    stdout_path: logPath('stdout'),
    stderr_path: logPath('stderr'),
    task_group_name: 'group',
    job_name: 'example',
    alloc_id: task.allocId,
  };
}

/** SetConfig as a Nomad agent sends it, with the pot emulator as pot and `settings` on top. */
export async function configureEmulator(plugin: PluginProcess, settings: Record<string, unknown> = {}): Promise<void> {
  const msgpack = encodeCtyConfig({ pot_bin: EMULATOR, command_timeout: '30s', ...settings }, PLUGIN_CONFIG_SCHEMA);
  await unary(plugin.clients.base, 'SetConfig', {
    msgpack_config: Buffer.from(msgpack),
    nomad_config: { driver: { ClientMinPort: 14000, ClientMaxPort: 14512 } },
    plugin_api_version: 'v0.1.0',
  });
}

/** `pot ls -q` of the emulator whose state is under `root`. */
export function emulatorPotList(root: string): string {
  return execFileSync(process.execPath, [EMULATOR, 'ls', '-q'], { env: { ...process.env, POT_EMULATOR_ROOT: root }, encoding: 'utf8' });
}
