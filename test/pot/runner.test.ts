import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { PotCommandError, PotError, PotNotFoundError, PotTimeoutError } from '../../src/pot/errors.js';
import { createPotRunner } from '../../src/pot/runner.js';
import { processAlive, tempDir, waitFor } from './helpers.js';

const dir = tempDir();
after(() => dir.remove());

// Prints every argument followed by a NUL byte, so that arguments containing newlines stay unambiguous.
const argvPot = dir.script('argv-pot', 'printf \'%s\\0\' "$@"');
const linesPot = dir.script('lines-pot', 'for a in "$@"; do echo "$a"; done');

test('arguments reach pot unchanged, without any shell in between', async () => {
  const args = [
    'set-env',
    '-p',
    'my pot',
    '-E',
    'A="double" \'single\'',
    '-E',
    'B=$(touch /tmp/pwned) `id` ; rm -rf / && echo | cat',
    '-E',
    'C=line one\nline two',
    '-E',
    '$HOME * ? [x] ~ \\ # !',
    '',
  ];
  const result = await createPotRunner(argvPot).run(args);
  assert.equal(result.exitCode, 0);
  assert.deepEqual(result.stdout.split('\0').slice(0, -1), args);
  assert.deepEqual(result.argv, [argvPot, ...args]);
  assert.equal(result.stderr, '');
});

test('stdout and stderr are captured whole, with the exit code', async () => {
  const pot = dir.script('exit-pot', 'echo "to stdout"; echo "to stderr" >&2; exit 3');
  const result = await createPotRunner(pot).run(['ls', '-q']);
  assert.deepEqual(result, { argv: [pot, 'ls', '-q'], exitCode: 3, stdout: 'to stdout\n', stderr: 'to stderr\n' });
});

test('output well past 4 KiB is kept entirely', async () => {
  const pot = dir.script('big-pot', 'head -c 100000 /dev/zero | tr "\\000" x');
  const result = await createPotRunner(pot).run(['version']);
  assert.equal(result.stdout.length, 100_000);
});

test('output beyond maxOutputBytes kills pot and rejects', async () => {
  const pot = dir.script('flood-pot', 'head -c 200000 /dev/zero | tr "\\000" x; sleep 30');
  await assert.rejects(createPotRunner(pot).run(['version'], { maxOutputBytes: 1000 }), {
    name: 'PotError',
    message: 'pot version wrote more than 1000 bytes to stdout and was killed',
  });
});

test('a process killed by a signal reports 128 + the signal number', async () => {
  const pot = dir.script('self-kill-pot', 'kill -KILL $$');
  const result = await createPotRunner(pot).run(['start', 'x']);
  assert.equal(result.exitCode, 137);
});

test('check resolves on exit 0 and rejects with PotCommandError otherwise', async () => {
  const ok = await createPotRunner(linesPot).check(['info', '-p', 'x']);
  assert.equal(ok.stdout, 'info\n-p\nx\n');

  const pot = dir.script(
    'prepare-fails',
    'echo "###>  Network type foo not recognized"; echo "pot prepare [-hvS] -p pot -U URL -t tag"; exit 1',
  );
  await assert.rejects(createPotRunner(pot).check(['prepare', '-N', 'foo']), (error: unknown) => {
    assert.ok(error instanceof PotCommandError);
    assert.equal(error.message, 'pot prepare failed (exit 1): Network type foo not recognized');
    assert.deepEqual(error.argv, [pot, 'prepare', '-N', 'foo']);
    assert.equal(error.exitCode, 1);
    assert.equal(error.stdout, '###>  Network type foo not recognized\npot prepare [-hvS] -p pot -U URL -t tag\n');
    assert.equal(error.stderr, '');
    return true;
  });
});

test('a timeout kills pot and its children and rejects with PotTimeoutError', async () => {
  const pidFile = dir.file('sleep.pid');
  const pot = dir.script('slow-pot', `sleep 30 & echo $! > '${pidFile}'; wait`);
  await assert.rejects(createPotRunner(pot).run(['prepare', '-p', 'x'], { timeoutMs: 300 }), (error: unknown) => {
    assert.ok(error instanceof PotTimeoutError);
    assert.equal(error.message, 'pot prepare did not finish within 300ms and was killed');
    assert.equal(error.timeoutMs, 300);
    return true;
  });
  const sleepPid = Number(readFileSync(pidFile, 'utf8'));
  assert.ok(await waitFor(() => !processAlive(sleepPid)), 'the child of pot was killed too');
});

test('a pot that ignores SIGTERM is killed with SIGKILL after the grace period', async () => {
  const pot = dir.script('stubborn-pot', "trap '' TERM; sleep 30");
  const runner = createPotRunner(pot, { killGraceMs: 200 });
  await assert.rejects(runner.run(['destroy', '-p', 'x'], { timeoutMs: 300 }), {
    name: 'PotTimeoutError',
    message: 'pot destroy did not finish within 300ms and was killed',
  });
});

test('the runner default timeout applies when the call sets none', async () => {
  const pot = dir.script('sleepy-pot', 'sleep 30');
  await assert.rejects(createPotRunner(pot, { timeoutMs: 300 }).run(['get-rss']), { name: 'PotTimeoutError' });
});

test('aborting the signal kills pot and rejects', async () => {
  const pot = dir.script('abort-pot', 'sleep 30');
  const controller = new AbortController();
  const running = createPotRunner(pot).run(['start', 'x'], { signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(running, { name: 'PotError', message: 'pot start was cancelled' });
  controller.abort();
  await assert.rejects(createPotRunner(pot).run(['start', 'x'], { signal: controller.signal }), {
    message: 'pot start was cancelled',
  });
});

test('a missing or non-executable binary rejects with PotNotFoundError', async () => {
  await assert.rejects(createPotRunner(dir.file('no-such-pot')).run(['version']), (error: unknown) => {
    assert.ok(error instanceof PotNotFoundError);
    assert.equal(error.message, `pot binary ${dir.file('no-such-pot')} not found`);
    return true;
  });
  const notExecutable = dir.script('not-executable', 'exit 0');
  const { chmodSync } = await import('node:fs');
  chmodSync(notExecutable, 0o644);
  await assert.rejects(createPotRunner(notExecutable).check(['version']), {
    name: 'PotNotFoundError',
    message: `pot binary ${notExecutable} is not executable`,
  });
});

test('a missing working directory is not mistaken for a missing binary', async () => {
  await assert.rejects(createPotRunner(linesPot).run(['start', 'x'], { cwd: dir.file('no-such-dir') }), (error: unknown) => {
    assert.ok(error instanceof PotError && !(error instanceof PotNotFoundError));
    assert.equal(error.message, `cannot run pot start: working directory ${dir.file('no-such-dir')} does not exist`);
    return true;
  });
});

test('pot gets exactly the given environment, cwd and input', async () => {
  const pot = dir.script('env-pot', 'echo "FOO=$FOO"; echo "LEAK=${POT_TEST_LEAK-unset}"; pwd; cat');
  process.env['POT_TEST_LEAK'] = 'leaked';
  try {
    const explicit = await createPotRunner(pot, { env: { FOO: 'runner' } }).run(['x'], { cwd: dir.path, input: 'from stdin' });
    assert.equal(explicit.stdout, `FOO=runner\nLEAK=unset\n${dir.path}\nfrom stdin`);
    const perCall = await createPotRunner(pot, { env: { FOO: 'runner' } }).run(['x'], { env: { FOO: 'call' }, cwd: dir.path });
    assert.equal(perCall.stdout, `FOO=call\nLEAK=unset\n${dir.path}\n`);
    const inherited = await createPotRunner(pot).run(['x'], { cwd: dir.path });
    assert.equal(inherited.stdout, `FOO=\nLEAK=leaked\n${dir.path}\n`);
  } finally {
    delete process.env['POT_TEST_LEAK'];
  }
});
