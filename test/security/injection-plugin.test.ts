/**
 * The plugin binary as Nomad drives it, with payloads in the task name, the environment and every driver config
 * field, and a pot that records: StartTask gives pot exactly the argv the design prescribes, each value one
 * argument, and nothing runs on the host.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { status } from '@grpc/grpc-js';
import { NUL_PROBLEM } from '../../src/driver/config.js';
import { TASK_NAME_RULE } from '../../src/driver/pot-name.js';
import { PLUGIN_CONFIG_SCHEMA, TASK_CONFIG_SCHEMA } from '../../src/driver/schema.js';
import { encodeCtyConfig } from '../../src/plugin/cty-encode.js';
import { startPlugin, unary, unaryError, type PluginProcess } from '../plugin/harness.js';
import { blankFree, hostilePayloads, newCanary, NUL_PAYLOAD } from './hostile-inputs.js';
import { expectedStart, payloadTask, potNameOf, type PayloadTask } from './payload-task.js';
import { assertCallsFollowPlan, writeRecordingPot } from './recording-pot.js';

const ALLOC = '3f6e2b10-9a4c-4d2e-8b7f-1c2d3e4f5a6b';
// Every character a task name may have; the others are refused below.
const NAME = 'a.b-c_D9';

const canary = newCanary();
const work = mkdtempSync(join(tmpdir(), 'pn-sec-plugin-'));
const allocDir = join(work, 'alloc', ALLOC);
mkdirSync(join(allocDir, 'alloc', 'logs'), { recursive: true });
const pot = writeRecordingPot(work);

const payloads = hostilePayloads(canary.path);
const byId = (id: string): string => payloads.find((p) => p.id === id)!.value;

function driverConfig(t: PayloadTask): Record<string, unknown> {
  return { image: t.image, pot: t.pot, tag: t.tag, command: t.command, args: t.args, copy: t.copy, mount: t.mount, mount_read_only: t.mountReadOnly, extra_hosts: t.extraHosts };
}

function startRequest(t: PayloadTask, invocation: string, env: Record<string, string>): object {
  return {
    task: {
      id: `${ALLOC}/${t.name}/${invocation}`,
      name: t.name,
      msgpack_driver_config: Buffer.from(encodeCtyConfig(driverConfig(t), TASK_CONFIG_SCHEMA)),
      env,
      resources: { allocated_resources: { cpu: { cpu_shares: 100 }, memory: { memory_mb: 64 } } },
      alloc_dir: allocDir,
      stdout_path: join(allocDir, 'alloc', 'logs', `${invocation}.stdout.0`),
      stderr_path: join(allocDir, 'alloc', 'logs', `${invocation}.stderr.0`),
      task_group_name: 'g',
      job_name: 'hostile',
      alloc_id: ALLOC,
    },
  };
}

describe('StartTask with hostile values', () => {
  let plugin: PluginProcess;
  before(async () => {
    plugin = await startPlugin();
    await unary(plugin.clients.base, 'SetConfig', {
      msgpack_config: Buffer.from(encodeCtyConfig({ pot_bin: pot.bin, command_timeout: '30s' }, PLUGIN_CONFIG_SCHEMA)),
      nomad_config: { driver: { ClientMinPort: 14000, ClientMaxPort: 14512 } },
      plugin_api_version: 'v0.1.0',
    });
  });
  after(async () => {
    await plugin.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(canary.dir, { recursive: true, force: true });
  });

  it('hands pot every value as exactly one argument, unchanged, and runs nothing', async () => {
    // Host paths stay inside the alloc dir, which the plugin's default host policy allows.
    const task: PayloadTask = {
      ...payloadTask(NAME, payloads, blankFree(payloads), join(allocDir, 'host'), { entries: 'joined', copyIntoPayloads: true }),
      image: byId('subst'),
      pot: byId('force'),
      tag: byId('newline'),
      command: byId('semicolon'),
    };
    const invocation = '5e6f7a8b';
    const env = { ...task.env, NOMAD_TASK_NAME: NAME, NOMAD_ALLOC_ID: ALLOC, [`K_${byId('quotes')}`]: byId('conf_line') };
    const started = await unary<{ handle: { state: string } }>(plugin.clients.driver, 'StartTask', startRequest(task, invocation, env));
    assert.equal(started.handle.state, 'RUNNING');
    const potName = potNameOf(NAME, invocation, ALLOC);
    assert.equal(potName, `a_b-c_D9_${invocation}_${ALLOC}`);
    // Nomad waits for the exit, then destroys the task: the pot goes only then.
    await unary(plugin.clients.driver, 'WaitTask', { task_id: `${ALLOC}/${NAME}/${invocation}` });
    await unary(plugin.clients.driver, 'DestroyTask', { task_id: `${ALLOC}/${NAME}/${invocation}`, force: true });
    const expected = expectedStart(task, { bin: pot.bin, potName, allocId: ALLOC, invocationId: invocation, allocDir, memoryMB: 64, env });
    assertCallsFollowPlan(pot.calls(), expected, potName);
    assert.equal(canary.tripped(), false);
  });

  it('refuses a NUL in the environment before calling pot', async () => {
    const task = payloadTask('nul', [], [], allocDir, { entries: 'joined' });
    const invocation = '9a8b7c6d';
    const err = await unaryError(plugin.clients.driver, 'StartTask', startRequest(task, invocation, { P_nul: NUL_PAYLOAD.value }));
    assert.equal(err.code, status.INVALID_ARGUMENT);
    assert.equal(err.details, `invalid task: env["P_nul"]: ${NUL_PROBLEM}`);
    const potName = potNameOf('nul', invocation, ALLOC);
    assert.deepEqual(pot.calls().filter((argv) => argv.includes(potName)), []);
  });

  it('refuses task names pot cannot take, and a NUL in the config, before calling pot', async () => {
    const cases: [string, string][] = [
      [`a'b"c;$(id)`, `task "a'b\\"c;$(id)": "'" cannot be part of a pot name (pot names become ZFS dataset and jail names); ${TASK_NAME_RULE}`],
      ['a b', `task "a b": " " cannot be part of a pot name (pot names become ZFS dataset and jail names); ${TASK_NAME_RULE}`],
      ['-F', `task "-F": a task name cannot start with "-", which pot would read as an option; ${TASK_NAME_RULE}`],
    ];
    for (const [name, message] of cases) {
      const task = payloadTask(name, [], [], allocDir, { entries: 'joined' });
      const err = await unaryError(plugin.clients.driver, 'StartTask', startRequest(task, '1b2c3d4e', { NOMAD_TASK_NAME: name }));
      assert.equal(err.code, status.INVALID_ARGUMENT, name);
      assert.equal(err.details, `invalid task: ${message}`);
    }
    const nulArg = { ...payloadTask('nularg', [], [], allocDir, { entries: 'joined' }), args: ['ok', NUL_PAYLOAD.value] };
    const err = await unaryError(plugin.clients.driver, 'StartTask', startRequest(nulArg, '2c3d4e5f', {}));
    assert.equal(err.code, status.INVALID_ARGUMENT);
    assert.equal(err.details, `invalid task config: args[1]: ${NUL_PROBLEM}`);
    // Both invocation ids would be in every pot call for these tasks (`prepare -a`, then the pot names).
    assert.deepEqual(pot.calls().filter((argv) => argv.some((arg) => /1b2c3d4e|2c3d4e5f/.test(arg))), []);
  });
});
