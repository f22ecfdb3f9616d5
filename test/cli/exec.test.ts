/** `pot-nomad exec`: a command in a re-adopted task's jail, with this process's stdio and its exit code. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cli, ended, makeWorld, startRun, type StartedRun } from './helpers/run-fixture.js';

const ALLOC = 'e0e0e0e0-0000-4000-8000-000000000005';
const world = makeWorld('exec');
let run: StartedRun;

before(async () => {
  run = await startRun(world, {
    id: 'box-1',
    job: 'box',
    createdAt: '2026-03-04T05:06:07.000Z',
    allocs: [
      {
        id: ALLOC,
        group: 'box',
        tasks: [
          { name: 'shell', invocation: '7a7a7a7a', killTimeoutMs: 1000, script: 'while :; do sleep 0.2; done' },
          { name: 'gone', invocation: '8b8b8b8b', script: 'exit 0' },
        ],
      },
    ],
  });
  assert.equal(await ended(run.potStartPids.get(`${ALLOC}/gone`)!), true);
});

after(async () => {
  await cli(world, ['stop', 'box']);
  world.cleanup();
});

describe('pot-nomad exec', () => {
  test('a task that is not running is refused', async () => {
    const r = await cli(world, ['exec', 'gone', '--', 'true']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'note: task "gone" of run box-1 (alloc e0e0e0e0) ended while no supervisor was running: exit code 0\n' +
        'error: task "gone" (alloc e0e0e0e0) is not running (state dead); it ended with exit code 0\n',
    );
  });

  test('output goes to stdout and stderr, and the exit code is the command\'s', async () => {
    const r = await cli(world, ['exec', 'shell', '--', 'sh', '-c', 'echo "out $NOMAD_TASK_NAME"; echo err >&2; exit 7']);
    assert.equal(r.stdout, 'out shell\n');
    assert.equal(r.stderr, 'err\n');
    assert.equal(r.status, 7);
  });

  test('-t runs the command on a terminal; from pipes it is 24 rows of 80 columns, and its keys are echoed', async () => {
    const r = await cli(world, ['exec', '-t', 'shell', '--', 'sh', '-c', 'tty; stty size; read line; echo "got $line"; exit 4'], { input: 'hello\n' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 4);
    // The terminal echoes the typed line whenever it arrives, which may be before the command's first output.
    const echo = r.stdout.replace(/got hello\r\n$/, '').indexOf('hello\r\n');
    assert.ok(echo >= 0, r.stdout);
    const withoutEcho = r.stdout.slice(0, echo) + r.stdout.slice(echo + 'hello\r\n'.length);
    assert.match(withoutEcho, /^\/dev\/pts\/\d+\r\n24 80\r\ngot hello\r\n$/);
  });

  test('without a terminal of its own, exec uses pipes unless -t asks for one', async () => {
    const r = await cli(world, ['exec', 'shell', '--', 'tty']);
    assert.equal(r.stdout, 'not a tty\n');
    assert.equal(r.status, 1);
  });

  test('stdin reaches the command', async () => {
    const r = await cli(world, ['exec', 'box-1/shell', '--', 'cat'], { input: 'hello\nworld\n' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'hello\nworld\n');
  });

  test('a command that cannot be found, and a task that does not exist', async () => {
    const missing = await cli(world, ['exec', 'shell', '--', 'no-such-command']);
    assert.equal(missing.status, 127);
    assert.equal(missing.stderr, 'env: no-such-command: No such file or directory\n');
    const unknown = await cli(world, ['exec', 'shel', '--', 'true']);
    assert.equal(unknown.status, 1);
    assert.equal(unknown.stderr, 'error: no task, allocation, run or job matches "shel"; did you mean "shell" (task)?\n');
  });
});
