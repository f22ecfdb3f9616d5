/** The Driver adapter against a fake driver core, over a real socket, in this process. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { TaskNotFoundError } from '../../src/driver/errors.js';
import { TASK_CONFIG_SCHEMA } from '../../src/driver/schema.js';
import { encodeCtyConfig } from '../../src/plugin/cty-encode.js';
import { createLogger } from '../../src/plugin/log.js';
import { serviceDefinition, SERVICES } from '../../src/plugin/protos.js';
import { startPluginServer, type PluginServer } from '../../src/plugin/serve.js';
import type { DriverService, ExecSession, Fingerprint, StartTaskRequest } from '../../src/plugin/services/driver-port.js';
import { unary, unaryError } from './harness.js';

const TASK_ID = '5bd8bb4b-0b1a-6f2e-4d9e-3c2a1b0f9e8d/web/7f3e9a1c';
const POT_CONFIG = { image: 'https://potluck.example/', pot: 'nginx', tag: '1.0', args: ['-g', 'daemon off;'] };

/** A driver core double: records calls, answers from canned values. */
class FakeDriver implements DriverService {
  started: StartTaskRequest[] = [];
  recovered: string[] = [];
  stops: Array<[string, number, string]> = [];
  fingerprintAborted = false;
  startError: unknown;

  async setConfig(): Promise<void> {}
  async capabilities() {
    return {
      sendSignals: true,
      exec: true,
      fsIsolation: 'image' as const,
      networkIsolationModes: ['host' as const],
      mustCreateNetwork: false,
      mounts: 'any' as const,
      disableLogCollection: false,
      dynamicWorkloadUsers: false,
    };
  }
  async *fingerprint(signal: AbortSignal): AsyncGenerator<Fingerprint> {
    yield { health: 'healthy', healthDescription: 'pot 0.16.0', attributes: { 'driver.pot.version': { string: '0.16.0' } } };
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    this.fingerprintAborted = true;
  }
  async startTask(request: StartTaskRequest) {
    if (this.startError) throw this.startError;
    this.started.push(request);
    return { handle: { version: 1, state: 'running' as const, driverState: Buffer.from('{"pid":42}') } };
  }
  async recoverTask(request: { taskId: string }) {
    this.recovered.push(request.taskId);
  }
  async waitTask(taskId: string, signal: AbortSignal) {
    if (taskId === 'blocks/until/aborted') {
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      throw new Error('wait aborted');
    }
    if (taskId !== TASK_ID) throw new TaskNotFoundError(taskId);
    return { exitCode: 3, signal: 0, oomKilled: false };
  }
  async stopTask(taskId: string, timeoutMs: number, killSignal: string) {
    this.stops.push([taskId, timeoutMs, killSignal]);
  }
  async destroyTask() {}
  async *taskStats() {}
  async *taskEvents() {}
  async signalTask() {}
  async execTask() {
    return { stdout: Buffer.from('out'), stderr: Buffer.alloc(0), result: { exitCode: 0, signal: 0, oomKilled: false } };
  }
  async execTaskStreaming(session: ExecSession) {
    for await (const input of session.input) {
      if ('stdin' in input) await session.stdout(input.stdin);
      if ('stdinClosed' in input) break;
    }
    return { exitCode: 7, signal: 0, oomKilled: false };
  }
}

describe('Driver service adapter', () => {
  const driver = new FakeDriver();
  const logLines: string[] = [];
  let dir: string;
  let server: PluginServer;
  let client: grpc.Client;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pn-'));
    server = await startPluginServer({
      driver,
      log: createLogger({ sink: (line) => logLines.push(line) }),
      version: '0.1.0',
      env: { PLUGIN_UNIX_SOCKET_DIR: dir },
      tmpdir: dir,
      onShutdownRequest: () => undefined,
    });
    assert.equal(server.address.network, 'unix');
    const target = server.address.network === 'unix' ? `unix:${server.address.path}` : '';
    const Ctor = grpc.makeGenericClientConstructor(serviceDefinition('driver'), SERVICES.driver);
    client = new Ctor(target, grpc.credentials.createInsecure());
  });

  after(async () => {
    client.close();
    await server.stop();
    assert.equal(server.address.network === 'unix' && existsSync(server.address.path), false);
    rmSync(dir, { recursive: true, force: true });
  });

  test('StartTask converts the task, decodes its config, and echoes it in the handle', async () => {
    const task = {
      id: TASK_ID,
      name: 'web',
      alloc_id: '5bd8bb4b-0b1a-6f2e-4d9e-3c2a1b0f9e8d',
      job_name: 'shop',
      msgpack_driver_config: Buffer.from(encodeCtyConfig(POT_CONFIG, TASK_CONFIG_SCHEMA)),
      resources: { allocated_resources: { cpu: { cpu_shares: 100 }, memory: { memory_mb: 64 } } },
    };
    const response = await unary<{ handle: { version: number; state: string; driver_state: Buffer; config: { id: string } } }>(
      client,
      'StartTask',
      { task },
    );
    assert.equal(response.handle.version, 1);
    assert.equal(response.handle.state, 'RUNNING');
    assert.equal(response.handle.config.id, TASK_ID);
    assert.deepEqual(response.handle.driver_state, Buffer.from('{"pid":42}'));
    const [started] = driver.started;
    assert.deepEqual(started?.driverConfig, POT_CONFIG);
    assert.equal(started?.task.taskName, 'web');
    assert.deepEqual(started?.task.resources, { cpuShares: 100, memoryMB: 64, memoryMaxMB: 0 });
  });

  test('StartTask errors keep their kind: bad config payloads, retryable failures', async () => {
    const bad = await unaryError(client, 'StartTask', { task: { id: TASK_ID, msgpack_driver_config: Buffer.from([0xc1]) } });
    assert.equal(bad.code, grpc.status.INVALID_ARGUMENT);
    assert.match(bad.details, /^the config block sent by Nomad is not valid msgpack: /);

    driver.startError = Object.assign(new Error('pot prepare is busy'), { kind: 'retryable' });
    try {
      const retry = await unaryError(client, 'StartTask', { task: { id: TASK_ID } });
      assert.equal(retry.code, grpc.status.FAILED_PRECONDITION);
      assert.equal(retry.details, 'pot prepare is busy');
      assert.equal(retry.metadata.get('grpc-status-details-bin').length, 1);
    } finally {
      driver.startError = undefined;
    }
  });

  test('WaitTask returns the exit result, and NOT_FOUND for unknown tasks', async () => {
    assert.deepEqual(await unary(client, 'WaitTask', { task_id: TASK_ID }), {
      result: { exit_code: 3, signal: 0, oom_killed: false },
      err: '',
    });
    const err = await unaryError(client, 'WaitTask', { task_id: 'x/y/z' });
    assert.equal(err.code, grpc.status.NOT_FOUND);
    assert.equal(err.details, 'task not found for given id');
  });

  test('StopTask passes the timeout in milliseconds and the signal name', async () => {
    await unary(client, 'StopTask', { task_id: TASK_ID, timeout: { seconds: 5, nanos: 250_000_000 }, signal: '' });
    assert.deepEqual(driver.stops.at(-1), [TASK_ID, 5250, '']);
  });

  test('RecoverTask takes the task id from the handle’s config', async () => {
    await unary(client, 'RecoverTask', { task_id: '', handle: { version: 1, config: { id: TASK_ID }, state: 'RUNNING', driver_state: Buffer.from('{}') } });
    assert.deepEqual(driver.recovered, [TASK_ID]);
    const err = await unaryError(client, 'RecoverTask', { handle: { version: 1 } });
    assert.equal(err.code, grpc.status.INVALID_ARGUMENT);
    assert.equal(err.details, 'RecoverTask arrived without a task id');
  });

  test('Capabilities and ExecTask convert their results; missing optional methods are UNIMPLEMENTED', async () => {
    const caps = await unary<{ capabilities: { fs_isolation: string; send_signals: boolean } }>(client, 'Capabilities');
    assert.equal(caps.capabilities.fs_isolation, 'IMAGE');
    assert.equal(caps.capabilities.send_signals, true);
    const exec = await unary<{ stdout: Buffer; result: { exit_code: number } }>(client, 'ExecTask', { task_id: TASK_ID, command: ['ls'] });
    assert.deepEqual(exec.stdout, Buffer.from('out'));
    assert.equal(exec.result.exit_code, 0);
    const err = await unaryError(client, 'InspectTask', { task_id: TASK_ID });
    assert.equal(err.code, grpc.status.UNIMPLEMENTED);
    assert.equal(err.details, 'the pot driver does not implement InspectTask');
  });

  test('Fingerprint streams the first value at once and stops the source when the client cancels', async () => {
    const stream = (client as unknown as { Fingerprint(req: object): grpc.ClientReadableStream<Record<string, unknown>> }).Fingerprint({});
    const first = await new Promise<Record<string, unknown>>((resolve) => stream.once('data', resolve));
    assert.deepEqual(first, {
      attributes: { 'driver.pot.version': { string_val: '0.16.0', unit: '', value: 'string_val' } },
      health: 'HEALTHY',
      health_description: 'pot 0.16.0',
      err: '',
    });
    const ended = new Promise<grpc.ServiceError>((resolve) => stream.once('error', resolve));
    stream.cancel();
    assert.equal((await ended).code, grpc.status.CANCELLED);
    await new Promise<void>((resolve) => {
      const poll = (): void => (driver.fingerprintAborted ? resolve() : void setImmediate(poll));
      poll();
    });
  });

  test('ExecTaskStreaming relays stdin to the session and ends with close, close, exited', async () => {
    const call = (client as unknown as { ExecTaskStreaming(): grpc.ClientDuplexStream<object, Record<string, unknown>> }).ExecTaskStreaming();
    const received: Record<string, unknown>[] = [];
    call.on('data', (msg: Record<string, unknown>) => received.push(msg));
    const done = new Promise<void>((resolve, reject) => {
      call.on('end', resolve);
      call.on('error', reject);
    });
    call.write({ setup: { task_id: TASK_ID, command: ['/bin/sh'], tty: false } });
    call.write({ stdin: { data: Buffer.from('hello') } });
    call.write({ stdin: { close: true } });
    await done;
    const simplified = received.map((m) =>
      m.exited ? { exited: true, exit_code: (m.result as { exit_code: number }).exit_code } : (m.stdout ?? m.stderr),
    );
    assert.deepEqual(simplified, [
      { data: Buffer.from('hello'), close: false },
      { data: Buffer.alloc(0), close: true },
      { data: Buffer.alloc(0), close: true },
      { exited: true, exit_code: 7 },
    ]);
    call.end();
  });

  test('failures are logged as hclog lines naming the method', () => {
    const entries = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(entries.some((e) => e['@message'] === 'RPC failed' && e.method === 'WaitTask' && e.code === 'NOT_FOUND'));
  });
});

describe('listening', () => {
  test('falls back to TCP on the loopback when no unix socket can be bound', async () => {
    const server = await startPluginServer({
      driver: new FakeDriver(),
      log: createLogger({ sink: () => undefined }),
      version: '0.1.0',
      env: {},
      tmpdir: tmpdir(),
      socketPaths: ['/nonexistent-dir-for-pot-nomad/x.sock'],
      onShutdownRequest: () => undefined,
    });
    try {
      assert.equal(server.address.network, 'tcp');
      assert.ok(server.address.network === 'tcp' && server.address.host === '127.0.0.1' && server.address.port > 0);
      const target = server.address.network === 'tcp' ? `127.0.0.1:${server.address.port}` : '';
      const Ctor = grpc.makeGenericClientConstructor(serviceDefinition('health'), SERVICES.health);
      const health = new Ctor(target, grpc.credentials.createInsecure());
      assert.deepEqual(await unary(health, 'Check', { service: 'plugin' }), { status: 'SERVING' });
      health.close();
    } finally {
      await server.stop();
    }
  });

  test('calls still open when the server stops end with UNAVAILABLE, so Nomad recovers instead of failing tasks', async () => {
    const server = await startPluginServer({
      driver: new FakeDriver(),
      log: createLogger({ sink: () => undefined }),
      version: '0.1.0',
      env: {},
      tmpdir: tmpdir(),
      socketPaths: [],
      onShutdownRequest: () => undefined,
    });
    const target = server.address.network === 'tcp' ? `127.0.0.1:${server.address.port}` : '';
    const Ctor = grpc.makeGenericClientConstructor(serviceDefinition('driver'), SERVICES.driver);
    const driverClient = new Ctor(target, grpc.credentials.createInsecure());
    try {
      const pending = unaryError(driverClient, 'WaitTask', { task_id: 'blocks/until/aborted' });
      const stream = (driverClient as unknown as { Fingerprint(req: object): grpc.ClientReadableStream<unknown> }).Fingerprint({});
      const streamEnded = new Promise<grpc.ServiceError>((resolve) => stream.on('error', resolve));
      await new Promise<void>((resolve) => stream.once('data', () => resolve()));
      await server.stop();
      const err = await pending;
      assert.equal(err.code, grpc.status.UNAVAILABLE);
      assert.equal(err.details, 'the pot plugin is shutting down');
      const streamErr = await streamEnded;
      assert.equal(streamErr.code, grpc.status.UNAVAILABLE);
      assert.equal(streamErr.details, 'the pot plugin is shutting down');
    } finally {
      driverClient.close();
      await server.stop();
    }
  });
});
