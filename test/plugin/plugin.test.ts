import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { status, type Client, type ClientDuplexStream, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';
import { PLUGIN_CONFIG_SCHEMA, TASK_CONFIG_SCHEMA, hclTypeName, type Schema } from '../../src/driver/schema.js';
import { encodeCtyConfig } from '../../src/plugin/cty-encode.js';
import { startPlugin, unary, unaryError, waitForStderr, type PluginProcess } from './harness.js';

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
const GO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}(Z|[+-]\d{2}:\d{2})$/;
const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error']);

interface AttrMsg {
  name: string;
  type: string;
  required: boolean;
}
interface SpecMsg {
  object?: { attributes: Record<string, SpecMsg> };
  Attr?: AttrMsg;
  default?: { primary: SpecMsg; default: SpecMsg };
  literal?: { value: string };
}

/** Every schema field appears once, as an Attr (or a Default around one) with the right type and required flag. */
function assertSpecMatches(spec: SpecMsg, schema: Schema): void {
  const attributes = spec.object?.attributes ?? {};
  assert.deepEqual(Object.keys(attributes).sort(), schema.fields.map((f) => f.name).sort());
  for (const field of schema.fields) {
    const entry = attributes[field.name];
    assert.ok(entry, field.name);
    const attr = field.default === undefined ? entry.Attr : entry.default?.primary.Attr;
    assert.deepEqual(attr, { name: field.name, type: hclTypeName(field.type), required: field.required }, field.name);
    if (field.default !== undefined) assert.equal(typeof entry.default?.default.literal?.value, 'string', field.name);
  }
}

function jsonLines(lines: string[]): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('plugin process over the wire', () => {
  let plugin: PluginProcess;
  let base: Client;

  before(async () => {
    plugin = await startPlugin();
    base = plugin.clients.base;
  });
  after(async () => plugin.close());

  test('prints one go-plugin handshake line for a unix socket in PLUGIN_UNIX_SOCKET_DIR', () => {
    const match = /^1\|2\|unix\|(\/[^|]+\.sock)\|grpc$/.exec(plugin.handshake);
    assert.ok(match, plugin.handshake);
    const socket = match[1] ?? '';
    assert.ok(Buffer.byteLength(socket) < 104);
    assert.equal(path.dirname(socket), plugin.socketDir);
    assert.ok(existsSync(socket));
  });

  test('health reports the plugin service as SERVING', async () => {
    assert.deepEqual(await unary(plugin.clients.health, 'Check', { service: 'plugin' }), { status: 'SERVING' });
    assert.deepEqual(await unary(plugin.clients.health, 'Check', { service: 'elsewhere' }), { status: 'SERVICE_UNKNOWN' });
  });

  test('PluginInfo names a DRIVER called pot with API v0.1.0 and the package version', async () => {
    assert.deepEqual(await unary(base, 'PluginInfo'), {
      type: 'DRIVER',
      plugin_api_versions: ['v0.1.0'],
      plugin_version: PACKAGE_VERSION,
      name: 'pot',
    });
  });

  test('ConfigSchema describes every plugin config field', async () => {
    const response = await unary<{ spec: SpecMsg }>(base, 'ConfigSchema');
    assertSpecMatches(response.spec, PLUGIN_CONFIG_SCHEMA);
  });

  test('TaskConfigSchema describes every task config field', async () => {
    const response = await unary<{ spec: SpecMsg }>(plugin.clients.driver, 'TaskConfigSchema');
    assertSpecMatches(response.spec, TASK_CONFIG_SCHEMA);
  });

  test('SetConfig accepts what the agent sends, twice, and keeps the decoded values', async () => {
    const payload = encodeCtyConfig({ enabled: false, pot_bin: '/opt/pot/bin/pot' }, PLUGIN_CONFIG_SCHEMA);
    const request = {
      msgpack_config: Buffer.from(payload),
      nomad_config: { driver: { ClientMinPort: 14000, ClientMaxPort: 14512 } },
      plugin_api_version: 'v0.1.0',
    };
    assert.deepEqual(await unary(base, 'SetConfig', request), {});
    assert.deepEqual(await unary(base, 'SetConfig', request), {});
    const lines = await waitForStderr(plugin, (ls) => ls.filter((l) => l.includes('"plugin configured"')).length >= 2);
    const configured = jsonLines(lines).filter((entry) => entry['@message'] === 'plugin configured');
    assert.equal(configured.length, 2);
    for (const entry of configured) {
      assert.deepEqual(entry.config, { enabled: false, pot_bin: '/opt/pot/bin/pot' });
      assert.equal(entry.api_version, 'v0.1.0');
      assert.deepEqual(entry.client_ports, { min: 14000, max: 14512 });
    }
  });

  test('a malformed SetConfig payload is INVALID_ARGUMENT and the plugin keeps serving', async () => {
    const err = await unaryError(base, 'SetConfig', { msgpack_config: Buffer.from([0x85, 0xa3, 0x61]) });
    assert.equal(err.code, status.INVALID_ARGUMENT);
    assert.match(err.details, /^the plugin config block sent by Nomad is not valid msgpack: /);
    const notAMap = await unaryError(base, 'SetConfig', { msgpack_config: Buffer.from([0x93, 0x01, 0x02, 0x03]) });
    assert.equal(notAMap.code, status.INVALID_ARGUMENT);
    assert.equal(notAMap.details, 'the plugin config block sent by Nomad should be a msgpack map of settings, but is an array');
    assert.equal((await unary<{ name: string }>(base, 'PluginInfo')).name, 'pot');
  });

  test('driver RPCs are answered by the driver core', async () => {
    const { capabilities } = await unary<{ capabilities: { fs_isolation: string } }>(plugin.clients.driver, 'Capabilities');
    assert.equal(capabilities.fs_isolation, 'IMAGE');
  });

  test('stdout holds nothing but the handshake, and every stderr line is an hclog JSON entry', async () => {
    await unary(base, 'PluginInfo');
    assert.equal(plugin.stdoutAfterHandshake(), '');
    const lines = plugin.stderrLines();
    assert.ok(lines.length >= 1);
    for (const entry of jsonLines(lines)) {
      assert.equal(typeof entry['@level'], 'string');
      assert.ok(LEVELS.has(entry['@level'] as string), String(entry['@level']));
      assert.equal(typeof entry['@message'], 'string');
      assert.equal(typeof entry['@timestamp'], 'string');
      assert.match(entry['@timestamp'] as string, GO_TIMESTAMP);
      assert.equal(typeof entry['@module'], 'string');
    }
  });
});

describe('plugin process lifecycle', () => {
  test('GRPCController/Shutdown replies, then the process exits 0 and removes its socket', async () => {
    const plugin = await startPlugin();
    try {
      // Like Nomad: the stdio and broker streams are open when the host asks the plugin to exit.
      const stdio = (plugin.clients.stdio as unknown as { StreamStdio(req: object): ClientReadableStream<unknown> }).StreamStdio({});
      const broker = (plugin.clients.broker as unknown as { StartStream(): ClientDuplexStream<object, unknown> }).StartStream();
      const stdioEnded = new Promise<ServiceError>((resolve) => stdio.on('error', resolve));
      broker.on('error', () => undefined);
      broker.write({ service_id: 1, network: 'unix', address: '/nowhere' });
      assert.deepEqual(await unary(plugin.clients.health, 'Check', { service: 'plugin' }), { status: 'SERVING' });
      assert.deepEqual(await unary(plugin.clients.controller, 'Shutdown'), {});
      assert.equal((await stdioEnded).code, status.UNAVAILABLE);
      assert.deepEqual(await plugin.exited, { code: 0, signal: null });
      assert.equal(existsSync(plugin.address), false);
      assert.equal(plugin.stdoutAfterHandshake(), '');
    } finally {
      await plugin.close();
    }
  });

  test('SIGINT is ignored and SIGTERM stops the process with exit code 0', async () => {
    const plugin = await startPlugin();
    try {
      plugin.child.kill('SIGINT');
      await waitForStderr(plugin, (lines) => lines.some((l) => l.includes('ignoring SIGINT')));
      assert.deepEqual(await unary(plugin.clients.health, 'Check', { service: 'plugin' }), { status: 'SERVING' });
      plugin.child.kill('SIGTERM');
      assert.deepEqual(await plugin.exited, { code: 0, signal: null });
    } finally {
      await plugin.close();
    }
  });

  test('keeps serving after the host stops reading stdout and stderr', async () => {
    const plugin = await startPlugin();
    try {
      plugin.child.stdout?.destroy();
      plugin.child.stderr?.destroy();
      const payload = Buffer.from(encodeCtyConfig({ enabled: true }, PLUGIN_CONFIG_SCHEMA));
      for (let i = 0; i < 20; i++) assert.deepEqual(await unary(base(plugin), 'SetConfig', { msgpack_config: payload }), {});
      await unaryError(base(plugin), 'SetConfig', { msgpack_config: Buffer.from([0xc1]) });
      assert.deepEqual(await unary(plugin.clients.health, 'Check', { service: 'plugin' }), { status: 'SERVING' });
      assert.deepEqual(await unary(plugin.clients.controller, 'Shutdown'), {});
      assert.deepEqual(await plugin.exited, { code: 0, signal: null });
    } finally {
      await plugin.close();
    }
  });
});

function base(plugin: PluginProcess): Client {
  return plugin.clients.base;
}
