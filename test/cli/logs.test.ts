/**
 * `pot-nomad logs`: a task's stdout or stderr, the last lines, ambiguous names, and following a task that was
 * re-adopted until it ends by itself.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli, ended, makeWorld, startRun, type StartedRun } from './helpers/run-fixture.js';

const A = 'aaaa1111-0000-4000-8000-000000000003';
const B = 'bbbb2222-0000-4000-8000-000000000004';
const world = makeWorld('logs');
const trigger = join(world.dir, 'go-on');
let run: StartedRun;

before(async () => {
  run = await startRun(world, {
    id: 'logs-1',
    job: 'site',
    createdAt: '2026-03-04T05:06:07.000Z',
    allocs: [
      {
        id: A,
        group: 'site',
        index: 0,
        tasks: [
          {
            name: 'web',
            invocation: '3c3c3c3c',
            script: `for i in 1 2 3 4 5; do echo line$i; done; echo oops >&2; while [ ! -e ${trigger} ]; do sleep 0.1; done; echo late; exit 0`,
          },
        ],
      },
      { id: B, group: 'site', index: 1, tasks: [{ name: 'web', invocation: '4d4d4d4d', script: 'echo only-b; exit 0' }] },
    ],
  });
  assert.equal(await ended(run.potStartPids.get(`${B}/web`)!), true);
});

after(async () => {
  writeFileSync(trigger, '');
  await ended(run.potStartPids.get(`${A}/web`)!);
  world.cleanup();
});

describe('pot-nomad logs', () => {
  test('a name that fits several tasks lists the names that pick one', async () => {
    const r = await cli(world, ['logs', 'web']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'error: "web" matches 2 tasks; name one of them:\n  aaaa1111/web  (run logs-1, site[0])\n  bbbb2222/web  (run logs-1, site[1])\n');
  });

  test('an allocation with one task names it; its end while unwatched is noted', async () => {
    const r = await cli(world, ['logs', 'bbbb2222']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `===>  Starting the pot web_4d4d4d4d_${B}\nonly-b\n`);
    assert.equal(r.stderr, 'note: task "web" of run logs-1 (alloc bbbb2222) ended while no supervisor was running: exit code 0\n');
  });

  test('the last N lines of stdout, and stderr', async () => {
    // `<alloc> <task>` is `<alloc>/<task>`.
    const tail = await cli(world, ['logs', 'aaaa1111', 'web', '-n', '2']);
    assert.equal(tail.stderr, '');
    assert.equal(tail.status, 0);
    assert.equal(tail.stdout, 'line4\nline5\n');
    const err = await cli(world, ['logs', 'aaaa1111/web', '--stderr']);
    assert.equal(err.status, 0);
    assert.equal(err.stdout, 'oops\n');
  });

  test('-f prints what comes and ends by itself once the task is dead and its log printed', { timeout: 60_000 }, async () => {
    let released = false;
    const following = cli(world, ['logs', '-f', 'aaaa1111/web'], {
      onStdout: (text) => {
        if (released || !text.includes('line5\n')) return;
        released = true;
        writeFileSync(trigger, '');
      },
    });
    const r = await following;
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    // pot start's own line comes first, as in a real task's log.
    assert.equal(r.stdout, `===>  Starting the pot web_3c3c3c3c_${A}\nline1\nline2\nline3\nline4\nline5\nlate\n`);
    const task = (await world.store.read('logs-1'))!.allocs[0]!.tasks[0]!;
    assert.deepEqual([task.state, task.exitCode, task.message], ['dead', 0, 'Exited with code 0 while no supervisor was running']);
  });

  test('unknown names', async () => {
    const typo = await cli(world, ['logs', 'wbe']);
    assert.equal(typo.status, 1);
    assert.equal(typo.stderr, 'error: no task, allocation, run or job matches "wbe"; did you mean "web" (task)?\n');
    const missing = await cli(world, ['logs', 'aaaa1111/db']);
    assert.equal(missing.status, 1);
    assert.equal(missing.stderr, `error: allocation ${A} has no pot task "db"; its tasks: web\n`);
  });
});
