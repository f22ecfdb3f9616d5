import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { spawnPiped } from '../../src/driver/exec/piped.js';
import type { TerminalSize } from '../../src/driver/exec/terminal-protocol.js';
import { scriptCommand, spawnTerminal } from '../../src/driver/exec/terminal.js';
import { ConfigError } from '../../src/driver/errors.js';
import { signalNames } from '../../src/driver/signals.js';
import type { ExecInput } from '../../src/driver/types.js';
import { NEVER, POT_NAME, TASK_ID, timeoutError } from './fake-pot.js';
import { startedDriver } from './helpers.js';

describe('SignalTask', () => {
  test('takes SIGHUP, HUP and hup alike, and sends pot\'s SIG name', async () => {
    const { pot, driver } = await startedDriver();
    for (const name of ['SIGHUP', 'HUP', 'hup', 'SIGUSR1']) await driver.signalTask(TASK_ID, name, NEVER);
    assert.deepEqual(pot.callsOf('signal'), [
      ['signal', '-s', 'SIGHUP', '-p', POT_NAME],
      ['signal', '-s', 'SIGHUP', '-p', POT_NAME],
      ['signal', '-s', 'SIGHUP', '-p', POT_NAME],
      ['signal', '-s', 'SIGUSR1', '-p', POT_NAME],
    ]);
  });

  test('refuses unknown names with the list, unknown tasks, and exited tasks', async () => {
    const { pot, driver } = await startedDriver();
    const error = await driver.signalTask(TASK_ID, 'SIGFOO', NEVER).catch((e: unknown) => e);
    assert.ok(error instanceof ConfigError);
    assert.equal(error.message, `invalid signal: "SIGFOO" is not a signal pot can send; valid signals are ${signalNames().join(', ')}`);
    assert.ok(error.message.includes('SIGHUP, SIGINT, SIGQUIT'));
    await assert.rejects(driver.signalTask('no/such/task', 'SIGHUP', NEVER), { kind: 'not-found' });
    pot.startOf(POT_NAME)?.end(0);
    await driver.waitTask(TASK_ID, NEVER);
    await assert.rejects(driver.signalTask(TASK_ID, 'SIGHUP', NEVER), { message: `task ${TASK_ID} is not running` });
    assert.equal(pot.callsOf('signal').length, 0);
  });

  test('pot\'s own refusal comes back with its message', async () => {
    const { pot, driver } = await startedDriver();
    pot.script = (args) => (args[0] === 'signal' ? { exitCode: 1, stdout: '###>  Sending signal failed\n' } : undefined);
    await assert.rejects(driver.signalTask(TASK_ID, 'SIGHUP', NEVER), { message: 'pot signal failed (exit 1): Sending signal failed' });
  });
});

describe('ExecTask', () => {
  test('runs pot exec with the command as separate arguments and returns all of its output', async () => {
    const { pot, driver } = await startedDriver();
    const big = 'x'.repeat(10_000);
    pot.script = (args) => (args[0] === 'exec' ? { exitCode: 3, stdout: big, stderr: 'warning\n' } : undefined);
    const result = await driver.execTask(TASK_ID, ['/bin/sh', '-c', 'test -f /tmp/ok'], 2500, NEVER);
    assert.deepEqual(pot.callsOf('exec'), [['exec', '-p', POT_NAME, '/bin/sh', '-c', 'test -f /tmp/ok']]);
    assert.equal(pot.callOptions.at(-1)?.timeoutMs, 2500);
    assert.equal(Buffer.from(result.stdout).toString(), big);
    assert.equal(Buffer.from(result.stderr).toString(), 'warning\n');
    assert.deepEqual(result.result, { exitCode: 3, signal: 0, oomKilled: false });
  });

  test('a timeout fails the call with pot\'s timeout error; an empty command is refused', async () => {
    const { pot, driver } = await startedDriver();
    pot.script = (args) => (args[0] === 'exec' ? timeoutError(args, 1000) : undefined);
    await assert.rejects(driver.execTask(TASK_ID, ['sleep', '10'], 1000, NEVER), { message: 'pot exec did not finish within 1s and was killed' });
    await assert.rejects(driver.execTask(TASK_ID, [], 0, NEVER), {
      message: 'invalid exec: the command is empty; give the program to run and its arguments',
      kind: 'config',
    });
  });
});

describe('ExecTaskStreaming', () => {
  test('forwards input, passes output on, and returns the exit code', async () => {
    const { pot, driver } = await startedDriver();
    const argvs: (readonly string[])[] = [];
    pot.piped = (args) => {
      argvs.push(args);
      return spawnPiped('/bin/sh', ['-c', 'read line; echo "got $line"; echo oops >&2; exit 4']);
    };
    async function* input(): AsyncGenerator<ExecInput> {
      yield { resize: { height: 24, width: 80 } };
      yield { stdin: Buffer.from('hello\n') };
      yield { stdinClosed: true };
    }
    const stdout: string[] = [];
    const stderr: string[] = [];
    const result = await driver.execTaskStreaming({
      taskId: TASK_ID,
      command: ['/bin/sh'],
      tty: false,
      input: input(),
      stdout: async (data) => void stdout.push(Buffer.from(data).toString()),
      stderr: async (data) => void stderr.push(Buffer.from(data).toString()),
      signal: NEVER,
    });
    assert.deepEqual(argvs, [['exec', '-p', POT_NAME, '/bin/sh']]);
    assert.equal(stdout.join(''), 'got hello\n');
    assert.equal(stderr.join(''), 'oops\n');
    assert.deepEqual(result, { exitCode: 4, signal: 0, oomKilled: false });
  });

  test('a caller that goes away kills the command', async () => {
    const { pot, driver } = await startedDriver();
    pot.piped = () => spawnPiped('/bin/sh', ['-c', 'echo ready; exec sleep 30']);
    const controller = new AbortController();
    async function* idle(): AsyncGenerator<ExecInput> {
      await new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve()));
    }
    const result = await driver.execTaskStreaming({
      taskId: TASK_ID,
      command: ['sh'],
      tty: false,
      input: idle(),
      stdout: async () => controller.abort(),
      stderr: async () => undefined,
      signal: controller.signal,
    });
    assert.deepEqual(result, { exitCode: 137, signal: 0, oomKilled: false });
  });

  test('with a terminal: pot exec -t on a terminal of the client\'s size, which follows its size changes', async () => {
    const { pot, driver } = await startedDriver();
    const asked: { args: readonly string[]; size: TerminalSize }[] = [];
    pot.terminal = (args, size) => {
      asked.push({ args, size });
      return spawnTerminal('/bin/sh', ['-c', 'tty; stty size; read line; stty size; echo "got $line"; exit 5'], { size });
    };
    let shown = '';
    let sawFirstSize: () => void = () => undefined;
    const firstSize = new Promise<void>((resolve) => (sawFirstSize = resolve));
    async function* input(): AsyncGenerator<ExecInput> {
      yield { resize: { height: 30, width: 100 } };
      await firstSize;
      yield { resize: { height: 40, width: 120 } };
      yield { stdin: Buffer.from('hello\n') };
    }
    const result = await driver.execTaskStreaming({
      taskId: TASK_ID,
      command: ['/bin/sh'],
      tty: true,
      input: input(),
      stdout: async (data) => {
        shown += Buffer.from(data).toString();
        if (shown.includes('30 100')) sawFirstSize();
      },
      stderr: async () => undefined,
      signal: NEVER,
    });
    assert.deepEqual(asked, [{ args: ['exec', '-t', '-p', POT_NAME, '/bin/sh'], size: { rows: 30, cols: 100 } }]);
    assert.match(shown, /^\/dev\/pts\/\d+\r\n30 100\r\nhello\r\n40 120\r\ngot hello\r\n$/);
    assert.deepEqual(result, { exitCode: 5, signal: 0, oomKilled: false });
  });

  test('with a terminal and no size from the client: 24 rows of 80 columns', async () => {
    const { pot, driver } = await startedDriver();
    pot.terminal = (_args, size) => spawnTerminal('/bin/sh', ['-c', 'stty size'], { size });
    let shown = '';
    async function* input(): AsyncGenerator<ExecInput> {
      yield { stdinClosed: true };
    }
    const result = await driver.execTaskStreaming({
      taskId: TASK_ID,
      command: ['sh'],
      tty: true,
      input: input(),
      stdout: async (data) => void (shown += Buffer.from(data).toString()),
      stderr: async () => undefined,
      signal: NEVER,
    });
    assert.equal(shown, '24 80\r\n');
    assert.deepEqual(result, { exitCode: 0, signal: 0, oomKilled: false });
  });
});

describe('the terminal\'s script(1) command line', () => {
  const payload = { argv: ['/usr/local/bin/pot', 'exec', '-t', '-p', 'p', 'sh'], socket: '/tmp/s', token: 't', rows: 24, cols: 80, restoreEnv: {} };
  test('BSD script runs the helper with its payload as arguments; util-linux script gets it as the helper-shell\'s -c', () => {
    const bsd = scriptCommand(payload, 'freebsd', { PATH: '/usr/bin' });
    assert.deepEqual(bsd.argv.slice(0, 4), ['/usr/bin/script', '-q', '/dev/null', process.execPath]);
    assert.match(bsd.argv[4] ?? '', /\/bin\/pot-nomad-tty\.js$/);
    assert.deepEqual(JSON.parse(bsd.argv[5] ?? ''), payload);
    assert.equal(bsd.env.SHELL, undefined);
    const linux = scriptCommand(payload, 'linux', { PATH: '/usr/bin', SHELL: '/bin/bash' });
    assert.deepEqual(linux.argv.slice(0, 4), ['/usr/bin/script', '-q', '-e', '-c']);
    assert.deepEqual(JSON.parse(linux.argv[4] ?? ''), payload);
    assert.equal(linux.argv[5], '/dev/null');
    assert.match(linux.env.SHELL ?? '', /\/bin\/pot-nomad-tty\.js$/);
    assert.equal(linux.env.PATH, `${path.dirname(process.execPath)}:/usr/bin`);
  });
});
