import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { PotError, PotNotFoundError } from '../../src/pot/errors.js';
import { spawnDetached } from '../../src/pot/spawn.js';
import { processAlive, tempDir, waitFor } from './helpers.js';

const dir = tempDir();
after(() => dir.remove());

const SPAWN_MODULE = new URL('../../src/pot/spawn.js', import.meta.url).href;

test('spawnDetached appends stdout and stderr to files and reports the exit code', async () => {
  const pot = dir.script('files-pot', 'echo "out $1"; echo "err $2" >&2; exit 4');
  const stdoutPath = dir.file('files.out');
  const stderrPath = dir.file('files.err');
  writeFileSync(stdoutPath, 'earlier\n');
  const spawned = await spawnDetached(pot, ['one arg', '$(two)'], { stdoutPath, stderrPath, keepAlive: true });
  assert.equal(typeof spawned.pid, 'number');
  assert.deepEqual(await spawned.exited, { exitCode: 4, signal: null });
  assert.equal(readFileSync(stdoutPath, 'utf8'), 'earlier\nout one arg\n');
  assert.equal(readFileSync(stderrPath, 'utf8'), 'err $(two)\n');
});

test('spawnDetached reports a death by signal', async () => {
  const pot = dir.script('signal-pot', 'kill -TERM $$');
  const spawned = await spawnDetached(pot, [], {
    stdoutPath: dir.file('sig.out'),
    stderrPath: dir.file('sig.err'),
    keepAlive: true,
  });
  assert.deepEqual(await spawned.exited, { exitCode: null, signal: 'SIGTERM' });
});

test('spawnDetached runs pot in its own session, with the given cwd and env', async () => {
  const pot = dir.script('session-pot', 'ps -o pgid= -o sid= -p $$; pwd; echo "FOO=$FOO HOME=${HOME-unset}"');
  const stdoutPath = dir.file('session.out');
  const spawned = await spawnDetached(pot, [], {
    stdoutPath,
    stderrPath: dir.file('session.err'),
    cwd: dir.path,
    keepAlive: true,
    env: { FOO: 'bar', PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
  });
  await spawned.exited;
  const [ids = '', cwd, env] = readFileSync(stdoutPath, 'utf8').split('\n');
  assert.deepEqual(ids.trim().split(/\s+/).map(Number), [spawned.pid, spawned.pid]);
  assert.equal(cwd, dir.path);
  assert.equal(env, 'FOO=bar HOME=unset');
});

test('spawnDetached writes into a FIFO that has a reader', async () => {
  const fifo = dir.file('stdout.fifo');
  execFileSync('mkfifo', [fifo]);
  const chunks: Buffer[] = [];
  const reader = createReadStream(fifo);
  reader.on('data', (chunk) => chunks.push(chunk as Buffer));
  const ended = once(reader, 'end');
  const pot = dir.script('fifo-pot', 'echo "through the fifo"');
  const spawned = await spawnDetached(pot, [], {
    stdoutPath: fifo,
    stderrPath: dir.file('fifo.err'),
    keepAlive: true,
  });
  assert.deepEqual(await spawned.exited, { exitCode: 0, signal: null });
  await ended;
  assert.equal(Buffer.concat(chunks).toString('utf8'), 'through the fifo\n');
});

test('spawnDetached gives up on a FIFO that nobody reads, without starting pot', async () => {
  const fifo = dir.file('lonely.fifo');
  execFileSync('mkfifo', [fifo]);
  const marker = dir.file('lonely.marker');
  const pot = dir.script('lonely-pot', `touch '${marker}'`);
  await assert.rejects(
    spawnDetached(pot, [], { stdoutPath: dir.file('lonely.out'), stderrPath: fifo, fifoOpenTimeoutMs: 300 }),
    (error: unknown) => {
      assert.ok(error instanceof PotError);
      assert.equal(error.message, `nothing opened the FIFO ${fifo} for reading within 300ms`);
      return true;
    },
  );
  assert.equal(existsSync(marker), false);
});

test('spawnDetached rejects a missing binary and a missing working directory', async () => {
  const logs = { stdoutPath: dir.file('missing.out'), stderrPath: dir.file('missing.err') };
  await assert.rejects(spawnDetached(dir.file('no-such-pot'), ['start', 'x'], logs), (error: unknown) => {
    assert.ok(error instanceof PotNotFoundError);
    assert.equal(error.message, `pot binary ${dir.file('no-such-pot')} not found`);
    return true;
  });
  const pot = dir.script('cwd-pot', 'exit 0');
  await assert.rejects(spawnDetached(pot, ['start', 'x'], { ...logs, cwd: dir.file('no-such-dir') }), {
    name: 'PotError',
    message: `cannot run pot start: working directory ${dir.file('no-such-dir')} does not exist`,
  });
});

test('a spawned pot neither keeps its starter alive nor dies with it', async () => {
  const stdoutPath = dir.file('orphan.out');
  const pot = dir.script('orphan-pot', 'sleep 2; echo "survived $$"');
  const starter = [
    `const { spawnDetached } = await import(${JSON.stringify(SPAWN_MODULE)});`,
    `const p = await spawnDetached(${JSON.stringify(pot)}, [], { stdoutPath: ${JSON.stringify(stdoutPath)}, stderrPath: ${JSON.stringify(dir.file('orphan.err'))} });`,
    'console.log(p.pid);',
  ].join('\n');
  const pid = Number(execFileSync(process.execPath, ['--input-type=module', '-e', starter], { encoding: 'utf8' }).trim());
  assert.ok(pid > 0);
  assert.equal(processAlive(pid), true, 'the starter exited on its own while pot was still running');
  assert.ok(await waitFor(() => existsSync(stdoutPath) && readFileSync(stdoutPath, 'utf8') !== ''));
  assert.equal(readFileSync(stdoutPath, 'utf8'), `survived ${pid}\n`);
});
