import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { createPotCommands } from '../../src/pot/commands.js';
import { PotCommandError } from '../../src/pot/errors.js';
import { createPotRunner } from '../../src/pot/runner.js';
import { readFixture, tempDir } from './helpers.js';

const dir = tempDir();
after(() => dir.remove());

const NAME = 'www1_a1b2c3d4_5d3c1a0e-8f5b-4c1e-9a59-2b8f5a1e4c7d';
const NOT_INIT = "###>  /opt/pot does not exist, please run 'pot init'\n";

interface Reply {
  stdout?: string;
  stderr?: string;
  exit?: number;
}

let fakes = 0;

/** A fake pot answering per subcommand (its first argument); it logs every call, one line each. */
function fakePot(replies: Record<string, Reply>): { commands: ReturnType<typeof createPotCommands>; calls: () => string[][] } {
  const id = `fake${++fakes}`;
  const log = dir.file(`${id}.log`);
  writeFileSync(log, '');
  const cases = Object.entries(replies).map(([sub, reply]) => {
    const out = dir.file(`${id}.${sub}.out`);
    const err = dir.file(`${id}.${sub}.err`);
    writeFileSync(out, reply.stdout ?? '');
    writeFileSync(err, reply.stderr ?? '');
    return `  ${sub}) cat '${out}'; cat '${err}' >&2; exit ${reply.exit ?? 0} ;;`;
  });
  const bin = dir.script(id, [`printf '%s\\037' "$@" >> '${log}'; echo >> '${log}'`, 'case "$1" in', ...cases, '  *) exit 99 ;;', 'esac'].join('\n'));
  const calls = (): string[][] =>
    readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split('\x1f').slice(0, -1));
  return { commands: createPotCommands(createPotRunner(bin)), calls };
}

test('potExists matches whole lines of ls -q, never substrings', async () => {
  const { commands, calls } = fakePot({ ls: { stdout: readFixture('ls-q.txt') } });
  assert.equal(await commands.potExists(NAME), true);
  assert.equal(await commands.potExists('www1_a1b2c3d4'), false);
  assert.equal(await commands.potExists('nginx-nomad-amd64-13_1_1_1_13'), true);
  assert.deepEqual(calls()[0], ['ls', '-q']);
});

test('potExists fails when pot cannot list', async () => {
  const { commands } = fakePot({ ls: { stderr: NOT_INIT, exit: 1 } });
  await assert.rejects(commands.potExists(NAME), {
    name: 'PotCommandError',
    message: "pot ls failed (exit 1): /opt/pot does not exist, please run 'pot init'",
  });
});

test('isRunning uses info -r -p and its exit code', async () => {
  const running = fakePot({ info: { exit: 0 } });
  assert.equal(await running.commands.isRunning(NAME), true);
  assert.deepEqual(running.calls(), [['info', '-r', '-p', NAME]]);

  const stopped = fakePot({ info: { exit: 1 } });
  assert.equal(await stopped.commands.isRunning(NAME), false);

  const missing = fakePot({ info: { stdout: `###>  ${NAME} is not a pot\npot info [-hvqr] [-p pname|-B bname]\n`, exit: 1 } });
  assert.equal(await missing.commands.isRunning(NAME), false);
});

test('isRunning does not take a broken pot installation for "not running"', async () => {
  const { commands } = fakePot({ info: { stderr: NOT_INIT, exit: 1 } });
  await assert.rejects(commands.isRunning(NAME), (error: unknown) => {
    assert.ok(error instanceof PotCommandError);
    assert.equal(error.message, "pot info failed (exit 1): /opt/pot does not exist, please run 'pot init'");
    return true;
  });
  const odd = fakePot({ info: { exit: 2 } });
  await assert.rejects(odd.commands.isRunning(NAME), { name: 'PotCommandError', message: 'pot info failed: exit status 2' });
});

test('lastRunExitCode reads last-run-stats, including a missing record', async () => {
  const recorded = fakePot({ 'last-run-stats': { stdout: '{ "ExitCode": 127 }\n' } });
  assert.deepEqual(await recorded.commands.lastRunExitCode(NAME), { exitCode: 127, missing: false });
  assert.deepEqual(recorded.calls(), [['last-run-stats', '-p', NAME]]);
  const missing = fakePot({ 'last-run-stats': { stdout: readFixture('last-run-stats-missing.json') } });
  assert.deepEqual(await missing.commands.lastRunExitCode(NAME), { exitCode: 0, missing: true });
});

test('getRss parses get-rss -J and reports a stopped pot as a command error', async () => {
  const ok = fakePot({ 'get-rss': { stdout: readFixture('get-rss.json') } });
  assert.deepEqual(await ok.commands.getRss(NAME), { rssBytes: 25923584, swapBytes: 0, cpuPercent: 2, totalTicks: 48 });
  assert.deepEqual(ok.calls(), [['get-rss', '-p', NAME, '-J']]);
  const stopped = fakePot({ 'get-rss': { stdout: `###>  The pot ${NAME} is not running\n`, exit: 1 } });
  await assert.rejects(stopped.commands.getRss(NAME), {
    name: 'PotCommandError',
    message: `pot get-rss failed (exit 1): The pot ${NAME} is not running`,
  });
  const garbage = fakePot({ 'get-rss': { stdout: readFixture('get-rss.txt') } });
  await assert.rejects(garbage.commands.getRss(NAME), { name: 'PotOutputError' });
});

test('signal passes the signal name through', async () => {
  const { commands, calls } = fakePot({ signal: { stdout: `===>  Sending SIGHUP to main process of pot ${NAME}\n` } });
  await commands.signal(NAME, 'SIGHUP');
  assert.deepEqual(calls(), [['signal', '-s', 'SIGHUP', '-p', NAME]]);
  const failing = fakePot({ signal: { stdout: '###>  The pot is not running\n', exit: 1 } });
  await assert.rejects(failing.commands.signal(NAME, 'HUP'), {
    name: 'PotCommandError',
    message: 'pot signal failed (exit 1): The pot is not running',
  });
});

test('destroy succeeds, and treats a pot that is already gone as success', async () => {
  const ok = fakePot({ destroy: { stdout: `===>  Destroying pot ${NAME}\n` } });
  assert.deepEqual(await ok.commands.destroy(NAME, { force: true }), { alreadyGone: false });
  assert.deepEqual(ok.calls(), [['destroy', '-p', NAME, '-F']]);

  const gone = fakePot({
    destroy: { stdout: `###>  Pot ${NAME} not found\n###>  pot ${NAME} not found or corrupted. Try to use the -F flag\n`, exit: 1 },
  });
  assert.deepEqual(await gone.commands.destroy(NAME, { force: false }), { alreadyGone: true });
  assert.deepEqual(gone.calls(), [['destroy', '-p', NAME]]);

  const otherWording = fakePot({ destroy: { stdout: '###>  no such pot\n', exit: 1 }, ls: { stdout: 'another_pot\n' } });
  assert.deepEqual(await otherWording.commands.destroy(NAME, { force: true }), { alreadyGone: true });
  assert.deepEqual(otherWording.calls(), [['destroy', '-p', NAME, '-F'], ['ls', '-q']]);
});

test('destroy fails when the pot is still there', async () => {
  const { commands } = fakePot({
    destroy: { stdout: "###>  This operation needs 'root' privilegies\n", exit: 1 },
    ls: { stdout: `${NAME}\n` },
  });
  await assert.rejects(commands.destroy(NAME, { force: true }), {
    name: 'PotCommandError',
    message: "pot destroy failed (exit 1): This operation needs 'root' privilegies",
  });
});

test('info and version parse their outputs', async () => {
  const { commands, calls } = fakePot({ info: { stdout: readFixture('info-verbose.txt') }, version: { stdout: readFixture('version.txt') } });
  const info = await commands.info(NAME, { verbose: true });
  assert.equal(info.name, NAME);
  assert.deepEqual(info.exportedPorts, ['80:23456']);
  assert.deepEqual(await commands.version(), { version: '0.16.0', major: 0, minor: 16, patch: 0 });
  assert.deepEqual(calls(), [['info', '-v', '-p', NAME], ['version']]);
  const garbage = fakePot({ version: { stdout: 'pot\n' } });
  await assert.rejects(garbage.commands.version(), {
    name: 'PotOutputError',
    message: 'cannot read the output of pot version: no version number found',
  });
});
