/**
 * `nomad alloc exec -t` through the real plugin binary and the pot emulator: the command runs on a terminal
 * (`tty` names a device), of the client's size, which follows the client's resizes, and the session ends with
 * the command's exit code.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ClientDuplexStream } from '@grpc/grpc-js';
import { configureEmulator, emulatorPotList, startPlugin, unary, webTaskConfig, type PluginProcess } from './harness.js';

type Msg = Record<string, unknown>;

const ALLOC_ID = '2b3c4d5e-6f70-4a8b-9c0d-1e2f3a4b5c6d';
const INVOCATION = '6f708192';
const TASK_ID = `${ALLOC_ID}/web/${INVOCATION}`;
const IMAGE = { image: 'https://potluck.example/registry', pot: 'web-amd64-14_1', tag: '1.0.0' };
const work = mkdtempSync(path.join(tmpdir(), 'pn-tty-test-'));
const emulatorRoot = path.join(work, 'pot');
const allocDir = path.join(work, 'alloc', ALLOC_ID);
for (const dir of ['web/local', 'web/secrets', 'alloc/logs']) mkdirSync(path.join(allocDir, dir), { recursive: true });

after(() => rmSync(work, { recursive: true, force: true }));

/** An exec session as Nomad's client drives it: messages in, the terminal's output and the result out. */
function session(plugin: PluginProcess): { call: ClientDuplexStream<object, Msg>; shown(): string; until(text: string): Promise<void>; result: Promise<Msg> } {
  const call = (plugin.clients.driver as unknown as { ExecTaskStreaming(): ClientDuplexStream<object, Msg> }).ExecTaskStreaming();
  let shown = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const result = new Promise<Msg>((resolve, reject) => {
    call.on('data', (message: Msg) => {
      const stdout = message.stdout as { data?: Buffer } | null;
      if (stdout?.data && stdout.data.length > 0) {
        shown += stdout.data.toString();
        for (const w of waiters.filter((w) => shown.includes(w.text))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
      if (message.exited === true) resolve(message.result as Msg);
    });
    call.on('error', reject);
  });
  return {
    call,
    shown: () => shown,
    until: (text) => (shown.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve }))),
    result,
  };
}

describe('ExecTaskStreaming with tty = true', () => {
  let plugin: PluginProcess;
  before(async () => {
    plugin = await startPlugin({ env: { POT_EMULATOR_ROOT: emulatorRoot } });
    await configureEmulator(plugin);
    const task = webTaskConfig({ allocId: ALLOC_ID, allocDir, invocation: INVOCATION, config: { ...IMAGE, command: 'sleep', args: ['60'] } });
    await unary(plugin.clients.driver, 'StartTask', { task });
  });
  after(async () => {
    await unary(plugin.clients.driver, 'DestroyTask', { task_id: TASK_ID, force: true });
    assert.equal(emulatorPotList(emulatorRoot), '');
    await plugin.close();
  });

  test('the command sees a terminal, of the client\'s size, and ends the session with its exit code', async () => {
    const s = session(plugin);
    s.call.write({ setup: { task_id: TASK_ID, command: ['/bin/sh', '-c', 'tty; stty size; exit 7'], tty: true } });
    s.call.write({ tty_size: { height: 33, width: 101 } });
    assert.deepEqual(await s.result, { exit_code: 7, signal: 0, oom_killed: false });
    assert.match(s.shown(), /^\/dev\/pts\/\d+\r\n33 101\r\n$/);
    s.call.end();
  });

  test('an interactive shell: typed lines are echoed and run, a resize reaches stty size, exit ends it', async () => {
    const s = session(plugin);
    s.call.write({ setup: { task_id: TASK_ID, command: ['/bin/sh'], tty: true } });
    s.call.write({ tty_size: { height: 25, width: 90 } });
    s.call.write({ stdin: { data: Buffer.from('PS1="> "; stty size\n'), close: false } });
    await s.until('25 90\r\n');
    s.call.write({ tty_size: { height: 50, width: 132 } });
    s.call.write({ stdin: { data: Buffer.from('stty size; exit 3\n'), close: false } });
    assert.deepEqual(await s.result, { exit_code: 3, signal: 0, oom_killed: false });
    assert.match(s.shown(), /25 90\r\n> stty size; exit 3\r\n50 132\r\n$/);
    s.call.end();
  });

  test('without tty the command has pipes, as before', async () => {
    const s = session(plugin);
    s.call.write({ setup: { task_id: TASK_ID, command: ['tty'], tty: false } });
    assert.deepEqual(await s.result, { exit_code: 1, signal: 0, oom_killed: false });
    assert.equal(s.shown(), 'not a tty\n');
    s.call.end();
  });
});
