/**
 * The real plugin process, against the pot emulator, fed every BasePlugin and Driver RPC with mutated and random
 * request bytes (below protobuf, through a raw client) and with well-formed but hostile messages. Every call must
 * end with a response or a gRPC status; afterwards the process is still up, health still answers SERVING, and
 * stderr holds nothing but hclog JSON lines, none of them about an uncaught exception or a rejection.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { status } from '@grpc/grpc-js';
import { PLUGIN_CONFIG_SCHEMA, TASK_CONFIG_SCHEMA } from '../../src/driver/schema.js';
import { encodeCtyConfig } from '../../src/plugin/cty-encode.js';
import { MAX_DETAILS_CHARS } from '../../src/plugin/status.js';
import { serviceDefinition } from '../../src/plugin/protos.js';
import { startPlugin, unary, type PluginProcess } from '../plugin/harness.js';
import { preview } from './cases.js';
import { BYTE_MUTATIONS, flipBit, mutate, setOddByte } from './mutate.js';
import { caseRandom, fuzzSeed, type Random } from './random.js';
import { RawClient, type CallEnd } from './raw-client.js';

const SEED = fuzzSeed(0x0bad_f00d);
/** Mutated or random requests per RPC; with the hostile messages below, about 300 calls in all. */
const PER_RPC = 11;
/** A hang guard: no unary RPC may take longer (a start runs pot several times, on a busy machine too). */
const UNARY_TIMEOUT_MS = 20_000;
const STREAM_READ_MS = 250;

const EMULATOR = fileURLToPath(new URL('../../../bin/pot-emulator.js', import.meta.url));
const ALLOC_ID = '5f0c2b1e-8d4a-4c3b-9e2f-1a7d6c5b4e30';
const IMAGE = { image: 'https://potluck.example/registry', pot: 'loop-amd64-14_1', tag: '1.0.0' };
const MIB = 1024 * 1024;

const work = mkdtempSync(path.join(tmpdir(), 'pn-rpcfuzz-'));
const allocDir = path.join(work, 'alloc', ALLOC_ID);
for (const dir of ['web/local', 'web/secrets', 'alloc/logs']) mkdirSync(path.join(allocDir, dir), { recursive: true });
after(() => rmSync(work, { recursive: true, force: true }));

type Msg = Record<string, unknown>;

interface MethodInfo {
  service: 'base' | 'driver';
  name: string;
  path: string;
  requestStream: boolean;
  responseStream: boolean;
  serialize(message: Msg): Buffer;
  deserialize(bytes: Buffer): Msg;
}

function methods(): MethodInfo[] {
  const out: MethodInfo[] = [];
  for (const service of ['base', 'driver'] as const) {
    for (const [name, method] of Object.entries(serviceDefinition(service))) {
      out.push({
        service,
        name,
        path: method.path,
        requestStream: method.requestStream,
        responseStream: method.responseStream,
        serialize: (message) => method.requestSerialize(message),
        deserialize: (bytes) => method.responseDeserialize(bytes) as Msg,
      });
    }
  }
  return out;
}

function taskConfig(invocation: string, overrides: Msg = {}, driverConfig?: Uint8Array): Msg {
  return {
    id: `${ALLOC_ID}/web/${invocation}`,
    name: 'web',
    msgpack_driver_config: Buffer.from(driverConfig ?? REFUSED_CONFIG),
    env: { NOMAD_TASK_NAME: 'web', NOMAD_ALLOC_ID: ALLOC_ID },
    resources: { allocated_resources: { cpu: { cpu_shares: 100 }, memory: { memory_mb: 64 } } },
    alloc_dir: allocDir,
    stdout_path: path.join(allocDir, 'alloc', 'logs', `web.${invocation}.stdout`),
    stderr_path: path.join(allocDir, 'alloc', 'logs', `web.${invocation}.stderr`),
    task_group_name: 'group',
    job_name: 'fuzz',
    alloc_id: ALLOC_ID,
    ...overrides,
  };
}

const UNKNOWN_TASK = `${ALLOC_ID}/web/deadbeef`;
/** A config the driver refuses (an unknown network mode), so that mutated StartTasks rarely reach pot. */
const REFUSED_CONFIG = encodeCtyConfig({ ...IMAGE, network_mode: 'bogus' }, TASK_CONFIG_SCHEMA);
/** A config the emulator runs: a jail that sleeps until it is stopped. */
const VALID_CONFIG = encodeCtyConfig({ ...IMAGE, command: '/bin/sh', args: ['-c', "'sleep 30'"] }, TASK_CONFIG_SCHEMA);
const PLUGIN_CONFIG = encodeCtyConfig({ pot_bin: EMULATOR, command_timeout: '10s', prepare_timeout: '10s' }, PLUGIN_CONFIG_SCHEMA);

/** A well-formed request for each RPC, the starting point of its mutations. */
function baseRequests(method: string): Msg[] {
  const task = taskConfig('fz000001', {}, REFUSED_CONFIG);
  switch (method) {
    case 'SetConfig':
      return [{ msgpack_config: Buffer.from(PLUGIN_CONFIG), nomad_config: { driver: { ClientMinPort: 14000, ClientMaxPort: 14512 } }, plugin_api_version: 'v0.1.0' }];
    case 'StartTask':
      return [{ task }];
    case 'RecoverTask':
      return [{ task_id: '', handle: { version: 1, config: task, state: 'RUNNING', driver_state: Buffer.from('{"version":1}') } }];
    case 'WaitTask':
    case 'InspectTask':
      return [{ task_id: UNKNOWN_TASK }];
    case 'StopTask':
      return [{ task_id: UNKNOWN_TASK, timeout: { seconds: 1, nanos: 0 }, signal: 'SIGTERM' }];
    case 'DestroyTask':
      return [{ task_id: UNKNOWN_TASK, force: true }];
    case 'TaskStats':
      return [{ task_id: UNKNOWN_TASK, collection_interval: { seconds: 1, nanos: 0 } }];
    case 'SignalTask':
      return [{ task_id: UNKNOWN_TASK, signal: 'SIGHUP' }];
    case 'ExecTask':
      return [{ task_id: UNKNOWN_TASK, command: ['/bin/echo', 'hi'], timeout: { seconds: 1, nanos: 0 } }];
    case 'ExecTaskStreaming':
      return [{ setup: { task_id: UNKNOWN_TASK, command: ['/bin/sh'], tty: false } }, { stdin: { data: Buffer.from('exit\n'), close: true } }];
    case 'CreateNetwork':
      return [{ alloc_id: ALLOC_ID, hostname: 'web' }];
    case 'DestroyNetwork':
      return [{ alloc_id: ALLOC_ID, isolation_spec: { mode: 'GROUP', path: '/var/run/netns/x', labels: { a: 'b' } } }];
    default:
      return [{}];
  }
}

const HOSTILE_STRINGS = ['', ' ', '\u0000', '\ud800', 'é', '/', '../../../etc/passwd', 'a/b/c/d', UNKNOWN_TASK, `${ALLOC_ID}/web/fz000001`,
  'SIGKILL', 'SIGFOO', '-1', '9'.repeat(30), 'x'.repeat(70_000)];
const HOSTILE_NUMBERS = [0, -1, 1, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, -(2 ** 53), Number.NaN];
const HOSTILE_BYTES = [new Uint8Array(0), Uint8Array.of(0xc1), Uint8Array.of(0xdd, 0xff, 0xff, 0xff, 0xff), new TextEncoder().encode('{"version":99}')];

/** A copy of a request object with some of its values (at any depth) replaced by hostile ones or dropped. */
function perturb(value: unknown, random: Random): unknown {
  if (value instanceof Uint8Array) return random.chance(0.3) ? (random.chance(0.5) ? random.pick(HOSTILE_BYTES) : random.bytes(random.int(32))) : value;
  if (Array.isArray(value)) return random.chance(0.2) ? [] : value.map((v) => perturb(v, random));
  if (typeof value === 'object' && value !== null) {
    const out: Msg = {};
    for (const [k, v] of Object.entries(value)) if (!random.chance(0.1)) out[k] = perturb(v, random);
    return out;
  }
  if (!random.chance(0.3)) return value;
  if (typeof value === 'string') return random.pick(HOSTILE_STRINGS);
  if (typeof value === 'number') return random.pick(HOSTILE_NUMBERS);
  if (typeof value === 'boolean') return !value;
  return value;
}

/** Raw request bytes for one fuzz case: a well-formed request with hostile values, a mutated encoding, or noise. */
function fuzzRequest(m: MethodInfo, random: Random): Uint8Array {
  const base = random.pick(baseRequests(m.name));
  const kind = random.int(20);
  if (kind < 3) return random.bytes(random.int(48));
  if (kind < 8) return mutate(new Uint8Array(m.serialize(base)), random, BYTE_MUTATIONS, 2);
  if (kind < 10) return mutate(new Uint8Array(m.serialize(base)), random, [flipBit, setOddByte], 3);
  try {
    return new Uint8Array(m.serialize(perturb(base, random) as Msg));
  } catch {
    return new Uint8Array(m.serialize(base));
  }
}

interface Sent {
  method: string;
  request: string;
  end: CallEnd;
}

/** `readMs`: how long a stream is read before it is cancelled, unless it ends by itself. */
async function send(raw: RawClient, m: MethodInfo, requests: readonly Uint8Array[], readMs = STREAM_READ_MS): Promise<Sent> {
  let end: CallEnd;
  if (m.requestStream) end = await raw.bidiStream(m.path, requests, readMs);
  else if (m.responseStream) end = await raw.serverStream(m.path, requests[0] ?? new Uint8Array(0), readMs);
  else end = await raw.unary(m.path, requests[0] ?? new Uint8Array(0), UNARY_TIMEOUT_MS);
  return { method: m.name, request: preview(requests[0] ?? new Uint8Array(0), 160), end };
}

/** Runs `calls` at most `width` at a time, in order of start. */
async function inBatches<T>(calls: ReadonlyArray<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < calls.length; i += width) results.push(...(await Promise.all(calls.slice(i, i + width).map((c) => c()))));
  return results;
}

/** Statuses whose message is the text of a JavaScript engine error: a bug in a handler, not a refusal. */
const ENGINE_ERROR = /^(Cannot (read|set|convert|destructure)|[\w.]+ is not (a function|iterable|a constructor|defined))|Maximum call stack|Invalid (string|array|typed array) length/;

function assertEnded(r: Sent): void {
  const where = `${r.method} (seed ${SEED}, request ${r.request})`;
  assert.ok(Number.isInteger(r.end.code) && r.end.code >= 0 && r.end.code <= 16, `${where} ended without a status: ${JSON.stringify(r.end)}`);
  assert.notEqual(r.end.code, status.DEADLINE_EXCEEDED, `${where} got no answer in ${UNARY_TIMEOUT_MS} ms`);
  assert.ok(r.end.details.length <= MAX_DETAILS_CHARS + 40, `${where} answered with a ${r.end.details.length}-character message`);
  if (r.end.code === status.INTERNAL || r.end.code === status.UNKNOWN) {
    assert.ok(!ENGINE_ERROR.test(r.end.details), `${where} failed inside a handler: ${r.end.details}`);
  }
}

describe('plugin RPCs under fuzzed requests', () => {
  let plugin: PluginProcess;
  let raw: RawClient;
  const byName = new Map(methods().map((m) => [`${m.service}.${m.name}`, m]));
  const method = (name: string): MethodInfo => byName.get(name.includes('.') ? name : `driver.${name}`)!;
  /** One well-formed request, serialised by the plugin's own protos; a stream is expected to end by itself. */
  const call = async (name: string, ...requests: Msg[]): Promise<CallEnd> => {
    const m = method(name);
    const sent = await send(raw, m, requests.map((r) => new Uint8Array(m.serialize(r))), UNARY_TIMEOUT_MS);
    assertEnded(sent);
    return sent.end;
  };
  const refused = async (name: string, request: Msg, code: status, details?: string): Promise<void> => {
    const end = await call(name, request);
    assert.equal(status[end.code], status[code], `${name}: ${end.details}`);
    if (details !== undefined) assert.equal(end.details, details);
  };

  before(async () => {
    plugin = await startPlugin({ env: { POT_EMULATOR_ROOT: path.join(work, 'pot') } });
    raw = new RawClient(plugin.handshake.split('|')[2] === 'unix' ? `unix:${plugin.address}` : plugin.address);
    assert.equal((await call('base.SetConfig', baseRequests('SetConfig')[0]!)).code, status.OK);
  });
  after(async () => {
    raw?.close();
    await plugin?.close();
  });

  it('refuses well-formed but hostile StartTask messages with a status', async () => {
    const notMsgpack = 'the config block sent by Nomad is not valid msgpack: Max length exceeded: ';
    await refused('StartTask', { task: taskConfig('fz000010', {}, Uint8Array.of(0x85, 0xa3, 0x61)) }, status.INVALID_ARGUMENT,
      `${notMsgpack}map length (5) > maxMapLengthLength (3)`);
    await refused('StartTask', { task: taskConfig('fz000011', {}, Uint8Array.of(0xdd, 0xff, 0xff, 0xff, 0xff)) }, status.INVALID_ARGUMENT,
      `${notMsgpack}array length (4294967295) > maxArrayLength (5)`);
    await refused('StartTask', { task: taskConfig('fz000012', { id: '', alloc_id: '', name: '' }, VALID_CONFIG) }, status.INVALID_ARGUMENT,
      'StartTask arrived without a task id');
    await refused('StartTask', {}, status.INVALID_ARGUMENT, 'StartTask arrived without a task config');
    // A 1 MiB id or env value cannot reach pot's command line: refused up front, quoted only in part.
    const id = `${ALLOC_ID}/web/${'a'.repeat(MIB)}`;
    const end = await call('StartTask', { task: taskConfig('fz000013', { id, env: { BIG: 'v'.repeat(MIB) } }, VALID_CONFIG) });
    assert.equal(status[end.code], 'INVALID_ARGUMENT');
    const lines = end.details.split('\n');
    assert.equal(lines[0], `invalid task: task id "${id.slice(0, 40)}"… is ${id.length} bytes long; Nomad's task ids (<alloc>/<task>/<invocation>) have at most 196`);
    assert.equal(lines[1], `env["BIG"]: the entry is ${MIB + 4} bytes long, and no program can take an argument of more than 131071 bytes; pass large data in a file (a template or an artifact) instead`);
    assert.ok(end.details.length < 1000, end.details.slice(0, 200));
  });

  it('starts a task with absurd resources, then refuses an empty exec command and an unknown signal for it', async () => {
    const id = `${ALLOC_ID}/web/fz000020`;
    const resources = {
      allocated_resources: { cpu: { cpu_shares: 2 ** 62 }, memory: { memory_mb: 2 ** 40, memory_max_mb: -5 } },
      linux_resources: { memory_limit_bytes: -1, cpu_shares: -1 },
    };
    const started = await call('StartTask', { task: taskConfig('fz000020', { resources }, VALID_CONFIG) });
    assert.equal(status[started.code], 'OK', started.details);
    const handle = method('StartTask').deserialize(started.first!).handle as { config: { id: string } };
    assert.equal(handle.config.id, id);
    await refused('ExecTask', { task_id: id, command: [], timeout: { seconds: 5 } }, status.INVALID_ARGUMENT);
    await refused('SignalTask', { task_id: id, signal: 'SIGFOO' }, status.INVALID_ARGUMENT);
    await refused('StopTask', { task_id: id, timeout: { seconds: 1 }, signal: '' }, status.OK);
    await refused('DestroyTask', { task_id: id, force: true }, status.OK);
  });

  it('answers requests about unknown or malformed task ids', async () => {
    const notFound = 'task not found for given id';
    for (const taskId of [UNKNOWN_TASK, '', 'w'.repeat(MIB)]) {
      await refused('WaitTask', { task_id: taskId }, status.NOT_FOUND, notFound);
      await refused('InspectTask', { task_id: taskId }, status.NOT_FOUND, notFound);
      await refused('SignalTask', { task_id: taskId, signal: 'SIGHUP' }, status.NOT_FOUND, notFound);
      await refused('ExecTask', { task_id: taskId, command: [] }, status.NOT_FOUND, notFound);
      await refused('StopTask', { task_id: taskId, timeout: { seconds: 2 ** 40 }, signal: 'SIGFOO' }, status.OK);
      await refused('DestroyTask', { task_id: taskId, force: false }, status.OK);
      await refused('TaskStats', { task_id: taskId, collection_interval: { seconds: 0, nanos: -1 } }, status.NOT_FOUND, notFound);
    }
    const setup = { setup: { task_id: UNKNOWN_TASK, command: [], tty: true } };
    assert.equal(status[(await call('ExecTaskStreaming', setup, { tty_size: { height: -1, width: 2 ** 31 - 1 } })).code], 'NOT_FOUND');
    assert.deepEqual(await call('ExecTaskStreaming', { stdin: { data: Buffer.from('x'), close: true } }), {
      code: status.INVALID_ARGUMENT,
      details: 'ExecTaskStreaming must start with a setup message',
      messages: 0,
    });
    await refused('RecoverTask', { handle: { version: 1, state: 'RUNNING' } }, status.INVALID_ARGUMENT, 'RecoverTask arrived without a task id');
    const garbageState = await call('RecoverTask', { handle: { version: 1, config: taskConfig('fz000030'), state: 'RUNNING', driver_state: Buffer.from('not json') } });
    assert.notEqual(garbageState.code, status.OK);
    await refused('base.SetConfig', { msgpack_config: Buffer.from([0xc1]) }, status.INVALID_ARGUMENT,
      'the plugin config block sent by Nomad is not valid msgpack: Unrecognized type byte: 0xc1');
    await refused('base.SetConfig', baseRequests('SetConfig')[0]!, status.OK);
  });

  it(`ends ${PER_RPC} mutated or random requests to every RPC with a response or a status`, async () => {
    const all = methods();
    // Driver.Shutdown ends the driver's streams for good, so it goes last.
    const isShutdown = (m: MethodInfo): boolean => m.service === 'driver' && m.name === 'Shutdown';
    const ordered = [...all.filter((m) => !isShutdown(m)), ...all.filter(isShutdown)];
    const calls: Array<() => Promise<Sent>> = [];
    ordered.forEach((m, k) => {
      for (let i = 0; i < PER_RPC; i++) {
        const random = caseRandom(SEED, k * 1000 + i);
        const requests = m.requestStream ? Array.from({ length: 1 + random.int(3) }, () => fuzzRequest(m, random)) : [fuzzRequest(m, random)];
        calls.push(() => send(raw, m, requests));
      }
    });
    for (const sent of await inBatches(calls, 8)) assertEnded(sent);
  });

  it('is still alive and serving, with nothing but hclog JSON on stderr', async () => {
    assert.equal(plugin.child.exitCode, null);
    assert.equal(plugin.child.signalCode, null);
    assert.deepEqual(await unary(plugin.clients.health, 'Check', { service: 'plugin' }), { status: 'SERVING' });
    assert.equal(plugin.stdoutAfterHandshake(), '');
    const lines = plugin.stderrLines();
    assert.ok(lines.length > 0);
    for (const line of lines) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        assert.fail(`stderr line that is not JSON: ${line.slice(0, 300)}`);
      }
      for (const key of ['@level', '@message', '@timestamp']) assert.equal(typeof entry[key], 'string', `${key} in ${line.slice(0, 300)}`);
      assert.ok(!/uncaught exception|unhandled promise rejection/.test(String(entry['@message'])), line.slice(0, 500));
    }
  });
});
