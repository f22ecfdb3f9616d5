/**
 * The runner with the built-in emulator as its pot: short calls are made in this process and answered as the
 * emulator's processes answer; a time limit or a cancel is answered as for a process, and the call ends by itself.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { acquireLock, asOwnCall, type Lock } from '../../src/emulator/lock.js';
import { EmulatorState } from '../../src/emulator/state.js';
import { EMULATOR_BIN } from '../../src/pot/emulated.js';
import { PotCommandError, PotError, PotTimeoutError } from '../../src/pot/errors.js';
import { createPotRunner } from '../../src/pot/runner.js';
import { tempRoot } from '../emulator/harness.js';

const state = tempRoot('runner-emulated');
after(() => state.cleanup());
const env = { POT_EMULATOR_ROOT: state.root, PATH: process.env.PATH ?? '/usr/bin:/bin' };
const runner = createPotRunner(EMULATOR_BIN, { env });
const PREPARE = ['prepare', '-U', 'https://potluck.example/registry', '-p', 'web', '-t', '1.0', '-c', 'true', '-a', '1', '-n', 'web'];

/** Holds the pot's lock as another pot call would, until released. */
function holdPotLock(name: string): Promise<Lock> {
  return asOwnCall(() => acquireLock(EmulatorState.open(env).potLockPath(name)));
}

test('a pot call gets the emulator\'s output and exit code, with the argv it was given', async () => {
  assert.deepEqual(await runner.run(['ls', '-q']), { argv: [EMULATOR_BIN, 'ls', '-q'], exitCode: 0, stdout: '', stderr: '' });
  await runner.check(PREPARE);
  assert.deepEqual(await runner.run(['ls', '-q']), { argv: [EMULATOR_BIN, 'ls', '-q'], exitCode: 0, stdout: 'web_1\n', stderr: '' });
  await assert.rejects(runner.check(['info', '-p', 'nope_1']), (error: unknown) => {
    assert.ok(error instanceof PotCommandError);
    assert.equal(error.exitCode, 1);
    assert.match(error.stdout, /^###> {2}nope_1 is not a pot\npot info \[-hvqr\]/);
    return true;
  });
});

test('a call past its time limit rejects as timed out and goes on to its end', async () => {
  const lock = await holdPotLock('web_1');
  const call = runner.run(['set-env', '-p', 'web_1', '-E', 'LATE=yes'], { timeoutMs: 50 });
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof PotTimeoutError);
    assert.equal(error.message, 'pot set-env did not finish within 50ms and is left to end by itself');
    return true;
  });
  lock.release();
  // The call was waiting for the lock; once it has it, it writes the variable.
  const conf = EmulatorState.open(env).potConfPath('web_1');
  const deadline = Date.now() + 10_000;
  while (!readFileSync(conf, 'utf8').includes('pot.env="LATE=yes"') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.match(readFileSync(conf, 'utf8'), /^pot\.env="LATE=yes"$/m);
});

test('a cancelled call rejects with PotError, before or while it runs', async () => {
  const before = new AbortController();
  before.abort(new Error('shutting down'));
  await assert.rejects(runner.run(['ls', '-q'], { signal: before.signal }), { message: 'pot ls was cancelled' });
  const lock = await holdPotLock('web_1');
  const during = new AbortController();
  const call = runner.run(['set-rss', '-M', '64M', '-p', 'web_1'], { signal: during.signal });
  during.abort(new Error('shutting down'));
  await assert.rejects(call, (error: unknown) => error instanceof PotError && error.message === 'pot set-rss was cancelled');
  lock.release();
});

test('pot start is not a call of this process: the runner starts the emulator for it', async () => {
  // A foreground start that fails at once: a process answers, with the emulator's exit code and message.
  const result = await runner.run(['start', 'nope_1']);
  assert.deepEqual(result, { argv: [EMULATOR_BIN, 'start', 'nope_1'], exitCode: 1, stdout: '###>  Pot nope_1 not found\n', stderr: '' });
});
