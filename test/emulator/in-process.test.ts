/**
 * The emulator's pot calls made inside the calling process (what the runner does for the built-in emulator) give
 * exactly what a `pot-emulator` process gives, hold their own locks, and stay out of `start` and `exec`.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { callInProcess, runsInProcess } from '../../src/emulator/main.js';
import { acquireLock, asOwnCall } from '../../src/emulator/lock.js';
import { EmulatorState } from '../../src/emulator/state.js';
import { pot, tempRoot } from './harness.js';

const processRoot = tempRoot('in-process-a');
const callRoot = tempRoot('in-process-b');
const host = tempRoot('in-process-host');
after(() => {
  processRoot.cleanup();
  callRoot.cleanup();
  host.cleanup();
});

const POT = 'web_1';
const hostDir = join(host.root, 'host-dir');
mkdirSync(hostDir, { recursive: true });

/** A task's life and the mistakes people make, as argument lists; `ROOT` stands for the state root. */
const CALLS: string[][] = [
  ['version'],
  ['version', '-q'],
  ['help', 'set-env'],
  ['prepare', '-U', 'https://potluck.example/registry', '-p', 'web', '-t', '1.0', '-c', '"/bin/sh -c true"', '-a', '1', '-n', 'web', '-v'],
  ['mount-in', '-p', POT, '-d', hostDir, '-m', '/local'],
  ['mount-in', '-p', POT, '-d', hostDir, '-m', '/again'],
  ['set-env', '-p', POT, '-E', 'NOMAD_TASK_NAME=web', '-E', 'A=b c'],
  ['set-env', '-p', POT, '-E', 'missing-equals'],
  ['set-rss', '-M', '64M', '-p', POT],
  ['set-attr', '-p', POT, '-A', 'no-such-attribute', '-V', 'YES'],
  ['get-attr', '-p', POT, '-A', 'persistent'],
  ['ls', '-q'],
  ['ls', '-v'],
  ['info', '-p', POT],
  ['info', '-r', '-p', POT],
  ['get-rss', '-p', POT, '-J'],
  ['last-run-stats', '-p', POT],
  ['signal', '-s', 'SIGTERM', '-p', POT],
  ['set-env', '-x'],
  ['set-env', '-p'],
  ['info', '-p', 'nope_1'],
  ['destroy', '-p', POT, '-F'],
  ['destroy', '-p', POT, '-F'],
  ['ls', '-q'],
];

describe('pot calls in the calling process', () => {
  test('print and exit exactly as pot-emulator processes do, call for call', async () => {
    for (const args of CALLS) {
      const asProcess = await pot(processRoot.root, args);
      const inProcess = await callInProcess(args, { env: { ...process.env, POT_EMULATOR_ROOT: callRoot.root }, cwd: callRoot.root });
      const label = args.join(' ');
      assert.equal(inProcess.exitCode, asProcess.code, label);
      assert.equal(inProcess.stdout.replaceAll(callRoot.root, 'ROOT'), asProcess.stdout.replaceAll(processRoot.root, 'ROOT'), label);
      assert.equal(inProcess.stderr.replaceAll(callRoot.root, 'ROOT'), asProcess.stderr.replaceAll(processRoot.root, 'ROOT'), label);
    }
  });

  test('take relative host paths from the working directory they are given', async () => {
    const env = { ...process.env, POT_EMULATOR_ROOT: callRoot.root };
    const prepared = await callInProcess(['prepare', '-U', 'https://potluck.example/registry', '-p', 'rel', '-t', '1.0', '-c', 'true', '-a', '2', '-n', 'rel'], { env, cwd: callRoot.root });
    assert.equal(prepared.exitCode, 0, prepared.stdout);
    const mounted = await callInProcess(['mount-in', '-p', 'rel_2', '-d', 'host-dir', '-m', '/local'], { env, cwd: host.root });
    assert.deepEqual(mounted, { exitCode: 0, stdout: '', stderr: '' });
    const info = await callInProcess(['ls', '-v'], { env, cwd: '/' });
    assert.match(info.stdout, new RegExp(`/local => ${hostDir}\\n`));
    assert.equal((await callInProcess(['destroy', '-p', 'rel_2', '-F'], { env, cwd: '/' })).exitCode, 0);
  });

  test('are only the calls that need no process of their own', () => {
    for (const args of [['start', POT], ['exec', '-p', POT, 'true'], ['create', '-p', 'x'], ['no-such-command'], []]) {
      assert.equal(runsInProcess(args), false, args.join(' '));
    }
    for (const args of [['prepare'], ['ls', '-q'], ['set-attr'], ['destroy', '-F'], ['version'], ['help']]) {
      assert.equal(runsInProcess(args), true, args.join(' '));
    }
  });

  test('refuse to run start in the calling process', async () => {
    await assert.rejects(callInProcess(['start', POT], { env: process.env, cwd: '/' }), { message: 'pot start cannot run in this process' });
  });

  test('hold their own locks: a second call waits for the first, a call nested in the first does not', async () => {
    const lockPath = EmulatorState.open({ POT_EMULATOR_ROOT: callRoot.root }).potLockPath('locked_1');
    const first = await asOwnCall(async () => {
      const held = await acquireLock(lockPath);
      const nested = await acquireLock(lockPath, 0);
      nested.release();
      return held;
    });
    await assert.rejects(
      asOwnCall(() => acquireLock(lockPath, 50)),
      (error: Error) => error.message === `Timeout waiting for the lock ${lockPath} (held by ${process.pid})`,
    );
    first.release();
    const second = await asOwnCall(() => acquireLock(lockPath, 1_000));
    second.release();
  });
});
