/**
 * The host policy through the real plugin binary and the pot emulator: with the agent's defaults a task may
 * mount its allocation's directory and nothing else, and may not weaken its jail; once SetConfig allows a
 * host directory, the same task starts and sees it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { potName } from '../../src/driver/pot-name.js';
import { configureEmulator, emulatorPotList, startPlugin, unary, unaryError, webTaskConfig, type PluginProcess } from './harness.js';

const ALLOC_ID = '5b1f0c2e-8d3a-4e6f-9a7b-1c2d3e4f5a6b';
const IMAGE = { image: 'https://potluck.example/registry', pot: 'web-amd64-14_1', tag: '1.0.0' };
const BLOCK = 'in the client agent\'s plugin "pot-nomad" { config { ... } } block';

type Msg = Record<string, unknown>;

const work = realpathSync(mkdtempSync(path.join(tmpdir(), 'pn-policy-')));
const emulatorRoot = path.join(work, 'pot');
const allocDir = path.join(work, 'alloc', ALLOC_ID);
const www = path.join(work, 'www');
for (const dir of ['web/local', 'web/secrets', 'alloc/logs', 'alloc/data']) mkdirSync(path.join(allocDir, dir), { recursive: true });
mkdirSync(www);
writeFileSync(path.join(www, 'index.html'), 'hello from the host\n');
const logPath = (stream: string, invocation: string): string => path.join(allocDir, 'alloc', 'logs', `web.${invocation}.${stream}`);

// The emulator's jail is a directory the command runs in, and its mounts are links there: `cat` of the
// relative path reads the host directory mounted at /usr/local/www.
const CONFIG = {
  ...IMAGE,
  command: 'sh',
  args: ['-c', "'cat usr/local/www/index.html'"],
  mount: [`${allocDir}/alloc/data:/data`, `${www}:/usr/local/www`],
};

function taskConfig(invocation: string, config: Record<string, unknown>): Msg {
  return webTaskConfig({ allocId: ALLOC_ID, allocDir, invocation, config });
}

after(() => rmSync(work, { recursive: true, force: true }));

describe('the host policy in plugin mode', () => {
  let plugin: PluginProcess;
  before(async () => {
    plugin = await startPlugin({ env: { POT_EMULATOR_ROOT: emulatorRoot } });
  });
  after(async () => {
    await plugin.close();
  });

  test('by default a mount outside the alloc dir is INVALID_ARGUMENT, naming the entry and the line that allows it', async () => {
    await configureEmulator(plugin);
    const refused = await unaryError(plugin.clients.driver, 'StartTask', { task: taskConfig('1f2e3d4c', CONFIG) });
    assert.equal(refused.code, status.INVALID_ARGUMENT);
    assert.equal(
      refused.details,
      `invalid task config: mount[1]: the host path "${www}" is not allowed on this node (allowed: the allocation's own directory); to allow it, set allowed_host_paths = ["${www}"] ${BLOCK}`,
    );
    assert.equal(emulatorPotList(emulatorRoot), '');
  });

  test('by default a jail-weakening attribute is INVALID_ARGUMENT too', async () => {
    const refused = await unaryError(plugin.clients.driver, 'StartTask', {
      task: taskConfig('1f2e3d4d', { ...IMAGE, command: 'true', attributes: ['stop_timeout:5', 'raw_sockets:YES', 'devfs_ruleset:4'] }),
    });
    assert.equal(refused.code, status.INVALID_ARGUMENT);
    assert.equal(
      refused.details,
      `invalid task config: attributes[1]: "raw_sockets:YES" weakens the jail (raw_sockets lets the jail open raw sockets and forge packets); to allow it, set allowed_jail_attributes = ["raw_sockets"] ${BLOCK}`,
    );
    assert.equal(emulatorPotList(emulatorRoot), '');
  });

  test('once SetConfig allows the directory, the same task starts and reads it', async () => {
    await configureEmulator(plugin, { allowed_host_paths: [www] });
    const id = `${ALLOC_ID}/web/1f2e3d4c`;
    const started = await unary<{ handle: Msg }>(plugin.clients.driver, 'StartTask', { task: taskConfig('1f2e3d4c', CONFIG) });
    assert.equal(started.handle.state, 'RUNNING');
    const waited = await unary<Msg>(plugin.clients.driver, 'WaitTask', { task_id: id });
    assert.deepEqual(waited, { result: { exit_code: 0, signal: 0, oom_killed: false }, err: '' });
    assert.equal(readFileSync(logPath('stdout', '1f2e3d4c'), 'utf8'), `===>  Starting the pot ${potName('web', '1f2e3d4c', ALLOC_ID)}\nhello from the host\n`);
    await unary(plugin.clients.driver, 'DestroyTask', { task_id: id, force: true });
    assert.equal(emulatorPotList(emulatorRoot), '');
  });
});
