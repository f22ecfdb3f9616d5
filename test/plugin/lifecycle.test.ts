/**
 * The driver core through the real plugin binary, in the order a Nomad client calls it, against the pot
 * emulator: start, observe, signal, exec, stop, destroy; a crash of the plugin and recovery by a new one;
 * and bad payloads that must be refused while the plugin keeps serving.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { status, type Client, type ClientReadableStream } from '@grpc/grpc-js';
import { encode } from '@msgpack/msgpack';
import { potName } from '../../src/driver/pot-name.js';
import { configureEmulator, emulatorPotList, startPlugin, unary, unaryError, webTaskConfig, type PluginProcess } from './harness.js';

const ALLOC_ID = '0d6e2a41-7c55-4b1e-9a3f-5e8c7b9d1f20';
const IMAGE = { image: 'https://potluck.example/registry', pot: 'loop-amd64-14_1', tag: '1.0.0' };

type Msg = Record<string, unknown>;

const work = mkdtempSync(path.join(tmpdir(), 'pn-life-'));
const emulatorRoot = path.join(work, 'pot');
const allocDir = path.join(work, 'alloc', ALLOC_ID);
for (const dir of ['web/local', 'web/secrets', 'alloc/logs']) mkdirSync(path.join(allocDir, dir), { recursive: true });
const logPath = (stream: string, invocation: string): string => path.join(allocDir, 'alloc', 'logs', `web.${invocation}.${stream}`);

function taskConfig(invocation: string, config: Record<string, unknown>, rawConfig?: Uint8Array): Msg {
  return webTaskConfig({ allocId: ALLOC_ID, allocDir, invocation, config, ...(rawConfig ? { rawConfig } : {}), env: { GREETING: 'hello' } });
}

function stream(client: Client, method: string, request: object = {}): ClientReadableStream<Msg> {
  const call = (client as unknown as Record<string, (req: object) => ClientReadableStream<Msg>>)[method]?.call(client, request);
  if (call === undefined) throw new Error(`no method ${method}`);
  call.on('error', () => undefined);
  return call;
}

function firstMessage(call: ClientReadableStream<Msg>): Promise<Msg> {
  return messages(call, 1).then(([first]) => first!);
}

/** The first `n` messages of a stream, which is then cancelled. */
function messages(call: ClientReadableStream<Msg>, n: number): Promise<Msg[]> {
  const got: Msg[] = [];
  return new Promise((resolve, reject) => {
    call.on('data', (message: Msg) => {
      got.push(message);
      if (got.length < n) return;
      call.cancel();
      resolve(got);
    });
    call.once('error', reject);
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await sleep(25);
  }
  assert.fail(`gave up waiting for ${what}`);
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

after(() => rmSync(work, { recursive: true, force: true }));

describe('a task through the plugin binary and the pot emulator', () => {
  let plugin: PluginProcess;
  const events: Msg[] = [];
  let eventStream: ClientReadableStream<Msg>;

  before(async () => {
    plugin = await startPlugin({ env: { POT_EMULATOR_ROOT: emulatorRoot } });
  });
  after(async () => {
    eventStream?.cancel();
    await plugin.close();
  });

  test('SetConfig, Fingerprint, Capabilities', async () => {
    await configureEmulator(plugin);
    const fingerprint = await firstMessage(stream(plugin.clients.driver, 'Fingerprint'));
    assert.equal(fingerprint.health, 'HEALTHY');
    assert.equal(fingerprint.health_description, 'Healthy');
    const attributes = fingerprint.attributes as Record<string, Msg>;
    assert.equal(attributes['driver.pot.version']?.string_val, '0.16.0');
    assert.equal(typeof attributes['driver.pot.plugin_version']?.string_val, 'string');
    const { capabilities } = await unary<{ capabilities: Msg }>(plugin.clients.driver, 'Capabilities');
    assert.equal(capabilities.send_signals, true);
    assert.equal(capabilities.exec, true);
    assert.equal(capabilities.fs_isolation, 'IMAGE');
    assert.deepEqual(capabilities.network_isolation_modes, ['HOST']);
    assert.equal(capabilities.must_create_network, false);
    assert.equal(capabilities.mount_configs, 'NO_MOUNTS');
  });

  test('start, wait, inspect, signal, exec, stats, stop, wait, destroy', async () => {
    eventStream = stream(plugin.clients.driver, 'TaskEvents');
    eventStream.on('data', (event: Msg) => events.push(event));
    const invocation = '1a2b3c4d';
    const id = `${ALLOC_ID}/web/${invocation}`;
    const name = potName('web', invocation, ALLOC_ID);
    const loop = `'trap "echo got-usr1" USR1; echo "greeting=$GREETING"; while :; do echo tick; sleep 0.1; done'`;
    const started = await unary<{ handle: Msg }>(plugin.clients.driver, 'StartTask', {
      task: taskConfig(invocation, { ...IMAGE, command: 'sh', args: ['-c', loop] }),
    });
    assert.equal(started.handle.state, 'RUNNING');
    assert.equal(started.handle.version, 1);
    assert.equal((started.handle.config as Msg).id, id);

    let waited: Msg | undefined;
    const waiting = unary<Msg>(plugin.clients.driver, 'WaitTask', { task_id: id }).then((result) => (waited = result));

    const inspected = await unary<{ task: Msg; driver: { attributes: Record<string, string> } }>(plugin.clients.driver, 'InspectTask', { task_id: id });
    assert.equal(inspected.task.state, 'RUNNING');
    assert.equal(inspected.driver.attributes.pot_name, name);
    assert.match(inspected.driver.attributes.pid ?? '', /^\d+$/);

    await until(() => readLog(logPath('stdout', invocation)).includes('tick\n'), 'the task to log');
    assert.ok(readLog(logPath('stdout', invocation)).includes('greeting=hello\n'));

    await unary(plugin.clients.driver, 'SignalTask', { task_id: id, signal: 'SIGUSR1' });
    await until(() => readLog(logPath('stdout', invocation)).includes('got-usr1\n'), 'the trap of SIGUSR1');

    const exec = await unary<{ stdout: Buffer; stderr: Buffer; result: Msg }>(plugin.clients.driver, 'ExecTask', {
      task_id: id,
      command: ['/bin/sh', '-c', 'head -c 5000 /dev/zero | tr "\\0" a; echo; echo err >&2; exit 3'],
      timeout: { seconds: 20, nanos: 0 },
    });
    assert.equal(exec.stdout.toString(), `${'a'.repeat(5000)}\n`);
    assert.equal(exec.stderr.toString(), 'err\n');
    assert.deepEqual(exec.result, { exit_code: 3, signal: 0, oom_killed: false });

    // A stream samples again at every interval, not once.
    const [stats, next] = await messages(stream(plugin.clients.driver, 'TaskStats', { task_id: id, collection_interval: { seconds: 1, nanos: 0 } }), 2);
    assert.ok(((next!.stats as Msg).agg_resource_usage as { memory: Msg }).memory.rss as number > 0);
    const usage = (stats!.stats as Msg).agg_resource_usage as { memory: Msg; cpu: Msg };
    assert.ok((usage.memory.rss as number) > 0);
    assert.deepEqual(usage.memory.measured_fields, ['RSS', 'SWAP']);
    assert.deepEqual(usage.cpu.measured_fields, ['TOTAL_TICKS', 'PERCENT']);

    assert.equal(waited, undefined);
    await unary(plugin.clients.driver, 'StopTask', { task_id: id, timeout: { seconds: 5, nanos: 0 }, signal: 'SIGTERM' });
    await waiting;
    assert.deepEqual(waited, { result: { exit_code: 143, signal: 15, oom_killed: false }, err: '' });
    await unary(plugin.clients.driver, 'DestroyTask', { task_id: id, force: true });
    assert.equal(emulatorPotList(emulatorRoot), '');
    assert.deepEqual(
      events.filter((e) => e.task_id === id).map((e) => e.message),
      [`Preparing jail ${name} from ${IMAGE.image} ${IMAGE.pot}:${IMAGE.tag}`, 'Jail started', `Stopping jail ${name} with SIGTERM`],
    );
    const [event] = events;
    assert.equal(event?.alloc_id, ALLOC_ID);
    assert.equal(event?.task_name, 'web');
  });

  test('bad payloads are INVALID_ARGUMENT with a clear message, and the plugin keeps serving', async () => {
    const start = (invocation: string, config: Record<string, unknown>, raw?: Uint8Array) =>
      unaryError(plugin.clients.driver, 'StartTask', { task: taskConfig(invocation, config, raw) });

    const malformed = await start('2a000001', {}, new Uint8Array([0x85, 0xa3, 0x61]));
    assert.equal(malformed.code, status.INVALID_ARGUMENT);
    assert.match(malformed.details, /^the config block sent by Nomad is not valid msgpack: /);

    const unknownKey = await start('2a000002', {}, encode({ ...IMAGE, comand: 'sh' }));
    assert.equal(unknownKey.code, status.INVALID_ARGUMENT);
    assert.equal(unknownKey.details, 'invalid task config: comand: unknown option; did you mean "command"?');

    const missing = await start('2a000003', { pot: IMAGE.pot, tag: IMAGE.tag });
    assert.equal(missing.code, status.INVALID_ARGUMENT);
    assert.equal(
      missing.details,
      'invalid task config: image: is required (Base URL of the image registry, passed to `pot prepare -U`); for example image = "https://potluck.honeyguide.net/nginx-nomad"',
    );

    const noColon = await start('2a000004', { ...IMAGE, mount: ['/srv/www'] });
    assert.equal(noColon.code, status.INVALID_ARGUMENT);
    assert.equal(noColon.details, 'invalid task config: mount[0]: "/srv/www" has no ":"; write "<host path>:<jail path>", e.g. "/host/dir:/jail/dir"');

    const badSignal = await unaryError(plugin.clients.driver, 'SignalTask', { task_id: `${ALLOC_ID}/web/2a000004`, signal: 'SIGUSR1' });
    assert.equal(badSignal.code, status.NOT_FOUND);

    assert.equal((await unary<{ name: string }>(plugin.clients.base, 'PluginInfo')).name, 'pot');
    assert.equal((await unary<{ capabilities: Msg }>(plugin.clients.driver, 'Capabilities')).capabilities.exec, true);
    assert.equal(emulatorPotList(emulatorRoot), '');
  });
});

describe('recovery by a new plugin process after the old one was killed', () => {
  test('WaitTask on the new plugin reports the exit code of the jail started by the old one', async () => {
    const invocation = '3c4d5e6f';
    const id = `${ALLOC_ID}/web/${invocation}`;
    const first = await startPlugin({ env: { POT_EMULATOR_ROOT: emulatorRoot } });
    let handle: Msg;
    try {
      await configureEmulator(first);
      const started = await unary<{ handle: Msg }>(first.clients.driver, 'StartTask', {
        task: taskConfig(invocation, { ...IMAGE, command: 'sh', args: ['-c', "'sleep 2; exit 3'"] }),
      });
      handle = started.handle;
      first.child.kill('SIGKILL');
      assert.deepEqual(await first.exited, { code: null, signal: 'SIGKILL' });
    } finally {
      await first.close();
    }

    const second = await startPlugin({ env: { POT_EMULATOR_ROOT: emulatorRoot } });
    try {
      await configureEmulator(second);
      // Like Nomad: only the handle, the task id inside its config.
      assert.deepEqual(await unary(second.clients.driver, 'RecoverTask', { task_id: '', handle }), {});
      const waited = await unary<Msg>(second.clients.driver, 'WaitTask', { task_id: id });
      assert.deepEqual(waited, { result: { exit_code: 3, signal: 0, oom_killed: false }, err: '' });
      await unary(second.clients.driver, 'DestroyTask', { task_id: id, force: true });
      assert.equal(emulatorPotList(emulatorRoot), '');
    } finally {
      await second.close();
    }
  });
});
