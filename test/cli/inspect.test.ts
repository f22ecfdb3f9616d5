/**
 * `pot-nomad inspect`: the driver's status of a re-adopted task with pot's own `info -v`, and the record's
 * view of a task that has ended, whose pot is gone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { potName } from '../../src/driver/pot-name.js';
import { cli, ended, makeWorld, startRun, type StartedRun } from './helpers/run-fixture.js';

const ALLOC = 'f0f0f0f0-0000-4000-8000-000000000006';
const SVC_POT = potName('svc', '5e5e5e5e', ALLOC);
const DONE_POT = potName('done', '6f6f6f6f', ALLOC);
const world = makeWorld('inspect');
let run: StartedRun;

before(async () => {
  run = await startRun(world, {
    id: 'probe-1',
    job: 'probe',
    createdAt: '2026-03-04T05:06:07.000Z',
    allocs: [
      {
        id: ALLOC,
        group: 'probe',
        tasks: [
          { name: 'svc', invocation: '5e5e5e5e', killTimeoutMs: 1000, script: 'while :; do sleep 0.2; done' },
          { name: 'done', invocation: '6f6f6f6f', script: 'exit 4' },
        ],
      },
    ],
  });
  assert.equal(await ended(run.potStartPids.get(`${ALLOC}/done`)!), true);
});

after(async () => {
  await cli(world, ['stop', 'probe-1']);
  world.cleanup();
});

describe('pot-nomad inspect', () => {
  test('an allocation: the driver\'s status and pot info of the running task, the record\'s of the ended one (JSON)', async () => {
    const r = await cli(world, ['inspect', 'f0f0f0f0', '-o', 'json']);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    const doc = JSON.parse(r.stdout) as { tasks: Record<string, unknown>[]; adopted: { task: string; outcome: string; exit_code: number | null }[] };
    assert.deepEqual(
      doc.adopted.map((f) => [f.task, f.outcome, f.exit_code]),
      [
        ['svc', 'running', null],
        ['done', 'ended', 4],
      ],
    );
    const [svc, done] = doc.tasks as [Record<string, unknown>, Record<string, unknown>];
    const record = (await world.store.read('probe-1'))!;
    const svcStatus = svc.status as Record<string, unknown>;
    assert.deepEqual(
      { ...svc, status: { ...svcStatus, started_at: 'T' }, pot_info: 'P', pot_info_text: 'T' },
      {
        run: 'probe-1',
        alloc_id: ALLOC,
        task: 'svc',
        task_id: `${ALLOC}/svc/5e5e5e5e`,
        pot_name: SVC_POT,
        source: 'driver',
        status: { id: `${ALLOC}/svc/5e5e5e5e`, name: 'svc', state: 'running', started_at: 'T', completed_at: null, exit_code: null, signal: null, oom_killed: null },
        driver_attributes: { pot_name: SVC_POT, pid: String(run.potStartPids.get(`${ALLOC}/svc`)) },
        driver_network: null,
        pot_info: 'P',
        pot_info_text: 'T',
        pot_info_error: null,
      },
    );
    assert.match(svcStatus.started_at as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const info = svc.pot_info as Record<string, unknown>;
    assert.deepEqual([info.name, info.type, info.active, info.networkType], [SVC_POT, 'single', true, 'inherit']);
    assert.match(svc.pot_info_text as string, new RegExp(`^pot name : ${SVC_POT}\n\ttype : single\n`));

    const doneTask = record.allocs[0]!.tasks[1]!;
    assert.deepEqual(done, {
      run: 'probe-1',
      alloc_id: ALLOC,
      task: 'done',
      task_id: `${ALLOC}/done/6f6f6f6f`,
      pot_name: DONE_POT,
      source: 'record',
      status: {
        id: `${ALLOC}/done/6f6f6f6f`,
        name: 'done',
        state: 'exited',
        started_at: new Date(doneTask.startedAt!).toISOString(),
        completed_at: new Date(doneTask.finishedAt!).toISOString(),
        exit_code: 4,
        signal: 0,
        oom_killed: false,
      },
      driver_attributes: {},
      driver_network: null,
      pot_info: null,
      pot_info_text: null,
      pot_info_error: `pot ${DONE_POT} cannot be shown (pot exited with 1: ${DONE_POT} is not a pot)`,
    });
  });

  test('a task as text', async () => {
    const r = await cli(world, ['inspect', 'svc']);
    assert.equal(r.status, 0);
    const lines = r.stdout.split('\n');
    assert.deepEqual(
      lines.slice(0, 12).map((l) => l.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/, 'TIME')),
      [
        `Task "svc" of alloc f0f0f0f0 (run probe-1, probe[0])`,
        `ID              = ${ALLOC}/svc/5e5e5e5e`,
        'State           = running',
        'Started At      = TIME',
        'Completed At    = -',
        'Exit Code       = -',
        'Signal          = -',
        'Source          = driver (re-adopted task)',
        `Driver pot_name = ${SVC_POT}`,
        `Driver pid      = ${run.potStartPids.get(`${ALLOC}/svc`)}`,
        '',
        `pot info -v -p ${SVC_POT}`,
      ],
    );
    assert.equal(lines[12], `    pot name : ${SVC_POT}`);
    assert.equal(lines.includes('    \tactive : true'), true);
  });
});
