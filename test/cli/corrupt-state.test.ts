/**
 * A damaged run record next to a good run, through the CLI: `status`, `logs`, `inspect` and `stop` report it in
 * one warning line on standard error (once: it is moved aside), keep working for the good run with their normal
 * exit codes, and a command that names the damaged run says its record is corrupt and where it went (exit 1).
 */
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { potName } from '../../src/driver/pot-name.js';
import { cli, makeWorld, potList, startRun } from './helpers/run-fixture.js';

const ALLOC = 'b0b0b0b0-0000-4000-8000-000000000003';
const world = makeWorld('corrupt');
const runs = join(world.dataDir, 'runs');

/** A record as `pot-nomad run` writes it, for the run that gets damaged. */
const DAMAGED_TEXT = `${JSON.stringify(
  {
    version: 1,
    id: 'web-a1b2c3',
    job: 'web',
    createdAt: '2026-05-06T07:08:09.000Z',
    backend: 'emulator',
    status: 'running',
    allocs: [{ id: 'd0d0d0d0-0000-4000-8000-000000000004', group: 'web', index: 0, dir: '/nowhere', ports: [], status: 'running', tasks: [] }],
  },
  null,
  2,
)}\n`;
const CUT = DAMAGED_TEXT.slice(0, 120);

/** What JSON.parse says about `text`, as the warning quotes it (control characters escaped). */
function parseError(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message.replace(/[\u0000-\u001f\u007f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  throw new Error('it parsed');
}

/** The one copy of record `id` moved aside so far. */
function movedAside(id: string): string {
  const copies = readdirSync(runs).filter((n) => n.startsWith(`${id}.json.corrupt-`));
  assert.equal(copies.length, 1, `copies of ${id}: ${copies.join(', ')}`);
  return join(runs, copies[0]!);
}

const path = (id: string): string => join(runs, `${id}.json`);
const truncatedMessage = (): string =>
  `run record ${path('web-a1b2c3')} is corrupt: it is not valid JSON (${parseError(CUT)}); the file looks truncated; moved aside to ${movedAside('web-a1b2c3')}`;
const unusable = (id: string, message: string): string => `error: run ${id} cannot be used: ${message}\n`;

before(async () => {
  await startRun(world, {
    id: 'svc-000001',
    job: 'svc',
    createdAt: '2026-05-06T07:00:00.000Z',
    allocs: [{ id: ALLOC, group: 'svc', tasks: [{ name: 'server', invocation: '3c3c3c3c', killTimeoutMs: 2000, script: 'echo up; while :; do sleep 0.2; done' }] }],
  });
  writeFileSync(path('web-a1b2c3'), CUT);
});

after(async () => {
  if (potList(world).length > 0) await cli(world, ['stop', 'svc-000001']);
  world.cleanup();
});

describe('a damaged run record', () => {
  test('status lists the good run, warns once on standard error, and exits 0', async () => {
    const r = await cli(world, ['status']);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, `warning: ${truncatedMessage()}\n`);
    assert.deepEqual(
      r.stdout.split('\n').map((line) => line.split(' ')[0]),
      ['Run', 'svc-000001', ''],
    );
    const again = await cli(world, ['status']);
    assert.equal(again.status, 0);
    assert.equal(again.stderr, '');
    assert.equal(again.stdout, r.stdout);
  });

  test('status, logs, inspect and stop of the damaged run say where its record went, exit 1', async () => {
    for (const args of [['status', 'web-a1b2c3'], ['status', 'web'], ['logs', 'web-a1b2c3/server'], ['inspect', 'web-a1b2c3'], ['stop', 'web-a1b2c3']]) {
      const r = await cli(world, args);
      assert.equal(r.status, 1, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.equal(r.stderr, unusable('web-a1b2c3', truncatedMessage()), args.join(' '));
    }
  });

  test('a name nothing has, damaged or not, is still "no match"', async () => {
    const r = await cli(world, ['stop', 'zzzz']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'error: no run, job or allocation matches "zzzz"; run "pot-nomad status" to list the runs\n');
  });

  test('stop of a run damaged just now: the warning, then the error', async () => {
    writeFileSync(path('api-d4e5f6'), 'null\n');
    const r = await cli(world, ['stop', 'api-d4e5f6']);
    const message = `run record ${path('api-d4e5f6')} is corrupt: it holds null, not a JSON object; moved aside to ${movedAside('api-d4e5f6')}`;
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `warning: ${message}\n${unusable('api-d4e5f6', message)}`);
  });

  test('status -o json has the damaged record among its problems and still warns on standard error', async () => {
    writeFileSync(path('db-000003'), '');
    const r = await cli(world, ['status', '-o', 'json']);
    const message = `run record ${path('db-000003')} is corrupt: the file is empty; moved aside to ${movedAside('db-000003')}`;
    assert.equal(r.status, 0);
    assert.equal(r.stderr, `warning: ${message}\n`);
    const doc = JSON.parse(r.stdout) as { runs: { id: string }[]; problems: unknown[] };
    assert.deepEqual(doc.runs.map((run) => run.id), ['svc-000001']);
    assert.deepEqual(doc.problems, [{ id: 'db-000003', path: path('db-000003'), message, moved_to: movedAside('db-000003') }]);
  });

  test('logs and inspect of the good run work beside a damaged record', async () => {
    writeFileSync(path('db-000004'), '{"version": 7');
    const logs = await cli(world, ['logs', 'svc-000001/server']);
    const message = `run record ${path('db-000004')} is corrupt: it is not valid JSON (${parseError('{"version": 7')}); the file looks truncated; moved aside to ${movedAside('db-000004')}`;
    assert.equal(logs.status, 0);
    assert.equal(logs.stderr, `warning: ${message}\n`);
    assert.equal(logs.stdout, `===>  Starting the pot ${potName('server', '3c3c3c3c', ALLOC)}\nup\n`);
    const inspect = await cli(world, ['inspect', 'svc-000001/server', '-o', 'json']);
    assert.equal(inspect.status, 0);
    assert.equal(inspect.stderr, '');
    assert.deepEqual((JSON.parse(inspect.stdout) as { tasks: { run: string; task: string }[] }).tasks.map((t) => [t.run, t.task]), [['svc-000001', 'server']]);
  });

  test('stop of the good run stops it, beside a damaged record', async () => {
    writeFileSync(path('db-000005'), '[]');
    const r = await cli(world, ['stop', 'svc-000001']);
    const message = `run record ${path('db-000005')} is corrupt: it holds an array, not a JSON object; moved aside to ${movedAside('db-000005')}`;
    assert.equal(r.status, 0);
    assert.equal(r.stderr, `warning: ${message}\n`);
    assert.deepEqual(r.stdout.split('\n').slice(0, 1).concat(r.stdout.split('\n').slice(-2)), ['Run svc-000001 has no supervisor running; stopped its tasks here:', 'Run svc-000001 stopped', '']);
    assert.deepEqual(potList(world), []);
  });
});
