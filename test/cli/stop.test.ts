/**
 * `pot-nomad stop` of a run whose supervisor is gone: the tasks are re-adopted and stopped here with their
 * kill_signal and kill_timeout, nothing is left behind, a second stop succeeds, and --purge removes the record
 * and the allocation directory.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { processAlive } from '../../src/driver/process-alive.js';
import { cli, makeWorld, potList, startRun, type StartedRun } from './helpers/run-fixture.js';

const ALLOC = 'c0ffee00-0000-4000-8000-000000000002';
const world = makeWorld('stop');
let run: StartedRun;

/** The pid a task's shell prints first, once it has. */
async function shellPid(task: string): Promise<number> {
  const path = join(world.dataDir, 'alloc', ALLOC, 'alloc', 'logs', `${task}.stdout.0`);
  for (let i = 0; i < 400; i++) {
    const pid = /^pid=(\d+)$/m.exec(readFileSync(path, 'utf8'))?.[1];
    if (pid !== undefined) return Number(pid);
    await sleep(25);
  }
  throw new Error(`${task} never printed its pid`);
}

before(async () => {
  run = await startRun(world, {
    id: 'stop-1',
    job: 'svc',
    createdAt: '2026-03-04T05:06:07.000Z',
    allocs: [
      {
        id: ALLOC,
        group: 'svc',
        tasks: [
          // Leaves at once on SIGINT: a long kill_timeout is never waited out.
          { name: 'polite', invocation: '1a1a1a1a', killSignal: 'SIGINT', killTimeoutMs: 30_000, script: 'echo pid=$$; trap "echo bye; exit 0" INT; while :; do sleep 0.1; done' },
          // Ignores SIGINT: its jail is destroyed once kill_timeout has passed.
          { name: 'stubborn', invocation: '2b2b2b2b', killTimeoutMs: 1000, script: 'echo pid=$$; trap "" INT; while :; do sleep 0.1; done' },
        ],
      },
    ],
  });
});

after(() => world.cleanup());

describe('pot-nomad stop without a supervisor', () => {
  test('stops each task with its kill signal, or after its kill timeout, and leaves no process and no pot', async () => {
    const pids = [await shellPid('polite'), await shellPid('stubborn'), ...run.potStartPids.values()];
    assert.equal(pids.every((pid) => pid > 0 && processAlive(pid)), true);
    const r = await cli(world, ['stop', 'svc']);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(
      r.stdout,
      [
        'Run stop-1 has no supervisor running; stopped its tasks here:',
        '  polite (alloc c0ffee00): Stopped with SIGINT: exit code 0',
        '  stubborn (alloc c0ffee00): Killed after its kill_timeout (1s): exit code 137',
        'Run stop-1 stopped',
        '',
      ].join('\n'),
    );
    assert.deepEqual(pids.filter((pid) => processAlive(pid)), []);
    assert.deepEqual(potList(world), []);
    assert.match(readFileSync(join(world.dataDir, 'alloc', ALLOC, 'alloc', 'logs', 'polite.stdout.0'), 'utf8'), /^bye$/m);
    const record = (await world.store.read('stop-1'))!;
    assert.equal(record.status, 'stopped');
    assert.equal(record.stopRequested, true);
    assert.equal(record.allocs[0]!.status, 'stopped');
    assert.deepEqual(
      record.allocs[0]!.tasks.map((t) => [t.name, t.state, t.failed, t.exitCode, t.message]),
      [
        ['polite', 'dead', false, 0, 'Stopped with SIGINT: exit code 0'],
        ['stubborn', 'dead', false, 137, 'Killed after its kill_timeout (1s): exit code 137'],
      ],
    );
  });

  test('stopping it again succeeds and changes nothing', async () => {
    const before = readFileSync(world.store.pathOf('stop-1'), 'utf8');
    const r = await cli(world, ['stop', 'stop-1']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'Run stop-1 is already stopped\n');
    assert.equal(readFileSync(world.store.pathOf('stop-1'), 'utf8'), before);
  });

  test('--purge removes the record and the allocation directory', async () => {
    const allocDir = join(world.dataDir, 'alloc', ALLOC);
    assert.equal(existsSync(allocDir), true);
    const r = await cli(world, ['stop', 'c0ffee00', '--purge']);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'Allocation c0ffee00 of run stop-1 is already stopped\nPurged allocation c0ffee00: removed its directory and the record of run stop-1, which had no other allocation\n');
    assert.equal(existsSync(allocDir), false);
    assert.equal(existsSync(world.store.pathOf('stop-1')), false);
    const gone = await cli(world, ['stop', 'stop-1']);
    assert.equal(gone.status, 1);
    assert.equal(gone.stderr, `error: no run, job or allocation matches "stop-1"; no runs are recorded in ${join(world.dataDir, 'runs')}\n`);
  });
});
