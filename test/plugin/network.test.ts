/**
 * The driver network through the real plugin binary and the pot emulator: a public-bridge jail's own address
 * and its port map reach Nomad in StartTask's answer, InspectTask shows them, and a new plugin that recovers
 * the task after a crash still has them.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { potName } from '../../src/driver/pot-name.js';
import { configureEmulator, EMULATOR, emulatorPotList, startPlugin, unary, webTaskConfig } from './harness.js';

type Msg = Record<string, unknown>;

const ALLOC_ID = '3c0a1b2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const IMAGE = { image: 'https://potluck.example/registry', pot: 'web-amd64-14_1', tag: '1.0.0' };
const work = mkdtempSync(path.join(tmpdir(), 'pn-net-'));
const emulatorRoot = path.join(work, 'pot');
const allocDir = path.join(work, 'alloc', ALLOC_ID);
for (const dir of ['web/local', 'web/secrets', 'alloc/logs']) mkdirSync(path.join(allocDir, dir), { recursive: true });

after(() => rmSync(work, { recursive: true, force: true }));

/** The `ip :` line of the emulator's `pot info`. */
function potInfoIp(name: string): string | undefined {
  const out = execFileSync(process.execPath, [EMULATOR, 'info', '-p', name], { env: { ...process.env, POT_EMULATOR_ROOT: emulatorRoot }, encoding: 'utf8' });
  return /^\tip : (.*)$/m.exec(out)?.[1];
}

describe('the driver network of a public-bridge jail', () => {
  test('StartTask returns the jail\'s address and port map, InspectTask shows them, and a recovered task keeps them', async () => {
    const invocation = '4d5e6f70';
    const id = `${ALLOC_ID}/web/${invocation}`;
    const name = potName('web', invocation, ALLOC_ID);
    const config = { ...IMAGE, command: 'sleep', args: ['30'], port_map: [{ http: '80', dns: 'udp:53' }] };
    const task = webTaskConfig({ allocId: ALLOC_ID, allocDir, invocation, config, env: { NOMAD_HOST_PORT_http: '23456', NOMAD_HOST_PORT_dns: '23457' } });
    const first = await startPlugin({ env: { POT_EMULATOR_ROOT: emulatorRoot } });
    let handle: Msg;
    let network: Msg;
    try {
      await configureEmulator(first);
      const started = await unary<{ handle: Msg; network_override: Msg }>(first.clients.driver, 'StartTask', { task });
      ({ handle, network_override: network } = started);
      const ip = potInfoIp(name);
      assert.match(ip ?? '', /^10\.192\.\d+\.\d+$/);
      assert.deepEqual(network, { port_map: { http: 80, dns: 53 }, addr: ip, auto_advertise: false });
      const inspected = await unary<{ network_override: Msg }>(first.clients.driver, 'InspectTask', { task_id: id });
      assert.deepEqual(inspected.network_override, network);
      first.child.kill('SIGKILL');
      await first.exited;
    } finally {
      await first.close();
    }
    const second = await startPlugin({ env: { POT_EMULATOR_ROOT: emulatorRoot } });
    try {
      await configureEmulator(second);
      await unary(second.clients.driver, 'RecoverTask', { task_id: '', handle });
      const inspected = await unary<{ network_override: Msg }>(second.clients.driver, 'InspectTask', { task_id: id });
      assert.deepEqual(inspected.network_override, network);
      await unary(second.clients.driver, 'StopTask', { task_id: id, timeout: { seconds: 5, nanos: 0 }, signal: 'SIGTERM' });
      await unary(second.clients.driver, 'DestroyTask', { task_id: id, force: true });
      assert.equal(emulatorPotList(emulatorRoot), '');
    } finally {
      await second.close();
    }
  });

  test('a jail on the host\'s network has none', async () => {
    const plugin = await startPlugin({ env: { POT_EMULATOR_ROOT: emulatorRoot } });
    try {
      await configureEmulator(plugin);
      const invocation = '5e6f7081';
      const task = webTaskConfig({ allocId: ALLOC_ID, allocDir, invocation, config: { ...IMAGE, command: 'true', network_mode: 'host' } });
      const started = await unary<{ network_override: Msg | null }>(plugin.clients.driver, 'StartTask', { task });
      assert.equal(started.network_override, null);
      await unary(plugin.clients.driver, 'WaitTask', { task_id: `${ALLOC_ID}/web/${invocation}` });
      await unary(plugin.clients.driver, 'DestroyTask', { task_id: `${ALLOC_ID}/web/${invocation}`, force: true });
    } finally {
      await plugin.close();
    }
  });
});
