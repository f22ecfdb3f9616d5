/**
 * `pot-nomad status` over a run whose supervisor is gone: re-adoption first (a task that ended meanwhile gets
 * its true exit code and loses its pot; a running one stays running), then the list, a run, an allocation, in
 * text and JSON, and unknown names.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { potName } from '../../src/driver/pot-name.js';
import { cli, ended, makeWorld, potList, startRun, type StartedRun } from './helpers/run-fixture.js';

const ALLOC = 'a1b2c3d4-0000-4000-8000-000000000001';
const SERVER_POT = potName('server', '0a0a0a0a', ALLOC);
const ONESHOT_POT = potName('oneshot', '0b0b0b0b', ALLOC);
// Three days and ten minutes ago: the age column reads "3d" for the next fifty minutes.
const CREATED = new Date(Date.now() - 3 * 86_400_000 - 600_000).toISOString();
const STARTED = `${CREATED.slice(0, 19)}Z`;
/** The Pot column is as wide as the longer pot name. */
const pot = (name: string): string => name.padEnd(ONESHOT_POT.length);

const world = makeWorld('status');
let run: StartedRun;

before(async () => {
  run = await startRun(world, {
    id: 'example-1',
    job: 'example',
    createdAt: CREATED,
    allocs: [
      {
        id: ALLOC,
        group: 'app',
        ports: [{ label: 'http', hostPort: 23456, to: 80 }],
        checks: [{ service: 'web', name: 'alive', type: 'tcp', status: 'passing', output: 'TCP OK' }],
        tasks: [
          { name: 'server', invocation: '0a0a0a0a', script: 'echo up; while :; do sleep 0.2; done', killTimeoutMs: 2000 },
          { name: 'oneshot', invocation: '0b0b0b0b', script: 'echo done; exit 3' },
        ],
      },
    ],
  });
  assert.equal(await ended(run.potStartPids.get(`${ALLOC}/oneshot`)!), true);
});

after(async () => {
  await cli(world, ['stop', 'example']);
  world.cleanup();
});

describe('pot-nomad status', () => {
  test('re-adopts the run: the task that ended meanwhile has its exit code and no pot, the other still runs (JSON list)', async () => {
    assert.deepEqual(potList(world).sort(), [ONESHOT_POT, SERVER_POT].sort());
    const r = await cli(world, ['status', '-o', 'json']);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), {
      runs: [
        {
          id: 'example-1',
          job: 'example',
          status: 'running',
          backend: 'emulator',
          created_at: CREATED,
          supervisor_pid: run.starterPid,
          supervisor_alive: false,
          alloc_counts: { total: 1, pending: 0, running: 1, complete: 0, failed: 0, stopped: 0 },
        },
      ],
      adopted: [
        { run: 'example-1', alloc_id: ALLOC, task: 'server', outcome: 'running', exit_code: null, message: 'Re-adopted: still running, with no supervisor' },
        { run: 'example-1', alloc_id: ALLOC, task: 'oneshot', outcome: 'ended', exit_code: 3, message: 'Exited with code 3 while no supervisor was running' },
      ],
      problems: [],
    });
    assert.deepEqual(potList(world), [SERVER_POT]);
    const record = await world.store.read('example-1');
    const oneshot = record!.allocs[0]!.tasks[1]!;
    assert.equal(oneshot.state, 'dead');
    assert.equal(oneshot.exitCode, 3);
    assert.equal(oneshot.failed, true);
    assert.equal(oneshot.message, 'Exited with code 3 while no supervisor was running');
    assert.equal(record!.allocs[0]!.tasks[0]!.state, 'running');
  });

  test('lists the runs as a table', async () => {
    const r = await cli(world, ['status']);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        'Run ID     Job      Status   Allocs     Started               Age  Backend',
        `example-1  example  running  1 running  ${STARTED}  3d   emulator`,
        '',
      ].join('\n'),
    );
  });

  test('shows a job\'s run with its allocations, tasks and checks', async () => {
    const r = await cli(world, ['status', 'example']);
    assert.equal(r.status, 0);
    const normalised = r.stdout.replace(/  \d+s +(?=server_)/, '  UPTIME  ');
    assert.equal(
      normalised,
      [
        'ID         = example-1',
        'Job        = example',
        'Status     = running',
        'Backend    = emulator',
        `Started    = ${STARTED} (3d ago)`,
        `Supervisor = pid ${run.starterPid} (gone)`,
        '',
        'Allocations',
        'ID        Group   Status',
        'a1b2c3d4  app[0]  running',
        '',
        'Tasks',
        `Alloc ID  Task     State    Exit Code  Restarts  Ports       Uptime  ${pot('Pot')}  Message`,
        `a1b2c3d4  server   running  -          0         http=23456  UPTIME  ${pot(SERVER_POT)}  Started`,
        `a1b2c3d4  oneshot  dead     3          0         http=23456  -       ${ONESHOT_POT}  Exited with code 3 while no supervisor was running`,
        '',
        'Checks',
        'Alloc ID  Service  Check  Type  Status   Output',
        'a1b2c3d4  web      alive  tcp   passing  TCP OK',
        '',
      ].join('\n'),
    );
  });

  test('shows an allocation by its 8-character prefix, with recent events (JSON has the same run)', async () => {
    const r = await cli(world, ['status', 'a1b2c3d4']);
    assert.equal(r.status, 0);
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 8), [
      `ID         = ${ALLOC}`,
      'Run        = example-1',
      'Job        = example',
      'Group      = app[0]',
      'Status     = running',
      `Supervisor = pid ${run.starterPid} (gone)`,
      `Directory  = ${join(world.dataDir, 'alloc', ALLOC)}`,
      'Ports      = http=23456',
    ]);
    assert.equal(lines[10], `Task     State    Exit Code  Restarts  Uptime  ${pot('Pot')}  Message`);
    const events = lines.indexOf('Recent Events (oneshot)');
    assert.notEqual(events, -1);
    assert.match(lines[events + 2]!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ  Exited with code 3 while no supervisor was running$/);
    assert.match(lines[events + 3]!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ  Started$/);

    const json = JSON.parse((await cli(world, ['status', 'a1b2c3d4', '-o', 'json'])).stdout) as { runs: { allocs: { id: string; tasks: Record<string, unknown>[] }[] }[]; adopted: unknown[] };
    // Every command re-adopts a run nobody supervises; the task still running is found again.
    assert.deepEqual(json.adopted, [
      { run: 'example-1', alloc_id: ALLOC, task: 'server', outcome: 'running', exit_code: null, message: 'Re-adopted: still running, with no supervisor' },
    ]);
    const alloc = json.runs[0]!.allocs[0]!;
    assert.equal(alloc.id, ALLOC);
    assert.deepEqual(Object.keys(alloc.tasks[1]!), [
      'name', 'driver', 'state', 'skipped', 'failed', 'exit_code', 'signal', 'restarts', 'started_at', 'finished_at', 'uptime_ms',
      'task_id', 'pot_name', 'driver_network', 'message', 'kill_signal', 'kill_timeout_ms', 'stdout_path', 'stderr_path', 'events',
    ]);
    assert.deepEqual([alloc.tasks[1]!.state, alloc.tasks[1]!.exit_code, alloc.tasks[1]!.pot_name], ['dead', 3, ONESHOT_POT]);
  });

  test('an unknown name fails with close matches, or a pointer to the list', async () => {
    const typo = await cli(world, ['status', 'exampel']);
    assert.equal(typo.status, 1);
    assert.equal(typo.stdout, '');
    assert.equal(typo.stderr, 'error: no run, job or allocation matches "exampel"; did you mean "example" (job)?\n');
    const far = await cli(world, ['status', 'zzz']);
    assert.equal(far.status, 1);
    assert.equal(far.stderr, 'error: no run, job or allocation matches "zzz"; run "pot-nomad status" to list the runs\n');
  });

  test('with no runs recorded, says so; a damaged record is moved aside and reported', async () => {
    const empty = makeWorld('status-empty');
    try {
      const none = await cli(empty, ['status', 'example']);
      assert.equal(none.status, 1);
      assert.equal(none.stderr, `error: no run, job or allocation matches "example"; no runs are recorded in ${join(empty.dataDir, 'runs')}\n`);
      mkdirSync(join(empty.dataDir, 'runs'), { recursive: true });
      writeFileSync(join(empty.dataDir, 'runs', 'broken.json'), '{"version": 1,');
      const listed = await cli(empty, ['status']);
      assert.equal(listed.status, 0);
      assert.equal(listed.stdout, 'No runs\n');
      assert.match(listed.stderr, /^warning: run record .*broken\.json is corrupt: it is not valid JSON \(.*\); the file looks truncated; moved aside to .*broken\.json\.corrupt-.*\n$/);
    } finally {
      empty.cleanup();
    }
  });
});
