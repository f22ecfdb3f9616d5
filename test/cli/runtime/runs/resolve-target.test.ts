import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AmbiguousNameError, NoMatchError, resolveOneTask, resolveTarget, resolveTasks, shortId } from '../../../../src/cli/runtime/runs/resolve-target.js';
import type { AllocRecord, RunRecord, TaskRecord } from '../../../../src/cli/state/run-record.js';

function task(name: string, extra: Partial<TaskRecord> = {}): TaskRecord {
  return { name, driver: 'pot', state: 'running', failed: false, killTimeoutMs: 5000, restarts: 0, stdoutPath: '/l/o', stderrPath: '/l/e', events: [], ...extra };
}

function alloc(id: string, index: number, tasks: TaskRecord[]): AllocRecord {
  return { id, group: 'g', index, dir: `/d/alloc/${id}`, ports: [], status: 'running', tasks };
}

function run(id: string, job: string, allocs: AllocRecord[], status: RunRecord['status'] = 'running'): RunRecord {
  return { version: 1, id, job, createdAt: '2026-01-01T00:00:00.000Z', backend: 'emulator', allocs, status };
}

const A1 = '11111111-aaaa-4000-8000-000000000001';
const A2 = '22222222-bbbb-4000-8000-000000000002';
const A3 = '11111111-cccc-4000-8000-000000000003';
const OLD = run('web-old', 'web', [alloc(A3, 0, [task('server', { state: 'dead' })])], 'complete');
const CURRENT = run('web-new', 'web', [alloc(A1, 0, [task('server'), task('sidecar'), task('docker', { skipped: 'driver "docker"' })]), alloc(A2, 1, [task('server')])]);
const RECORDS = [OLD, CURRENT];

describe('resolveTarget', () => {
  test('run id, job name (all runs, oldest first), allocation id or prefix, run id prefix', () => {
    assert.deepEqual(resolveTarget(RECORDS, 'web-old', '/d/runs'), { kind: 'run', records: [OLD] });
    assert.deepEqual(resolveTarget(RECORDS, 'web', '/d/runs'), { kind: 'job', records: [OLD, CURRENT] });
    assert.deepEqual(resolveTarget(RECORDS, '22222222', '/d/runs'), { kind: 'alloc', records: [CURRENT], alloc: CURRENT.allocs[1] });
    assert.deepEqual(resolveTarget(RECORDS, A1, '/d/runs'), { kind: 'alloc', records: [CURRENT], alloc: CURRENT.allocs[0] });
    assert.deepEqual(resolveTarget(RECORDS, 'web-n', '/d/runs'), { kind: 'run', records: [CURRENT] });
  });

  test('a prefix of several allocations is ambiguous; short prefixes are not prefixes', () => {
    assert.throws(() => resolveTarget(RECORDS, '11111111', '/d/runs'), (e: unknown) => {
      assert.ok(e instanceof AmbiguousNameError);
      assert.equal(e.message, `"11111111" matches 2 allocations; give more of the id:\n  ${A3}  (run web-old)\n  ${A1}  (run web-new)`);
      return true;
    });
    assert.throws(() => resolveTarget(RECORDS, '222', '/d/runs'), NoMatchError);
  });

  test('no match: close names, or the way to list them', () => {
    assert.throws(() => resolveTarget(RECORDS, 'wbe', '/d/runs'), { message: 'no run, job or allocation matches "wbe"; did you mean "web" (job)?' });
    assert.throws(() => resolveTarget(RECORDS, 'web-nwe', '/d/runs'), { message: 'no run, job or allocation matches "web-nwe"; did you mean "web-new" (run)?' });
    assert.throws(() => resolveTarget(RECORDS, 'eb-', '/d/runs'), { message: 'no run, job or allocation matches "eb-"; did you mean one of "web-new" (run), "web-old" (run)?' });
    assert.throws(() => resolveTarget(RECORDS, 'database', '/d/runs'), { message: 'no run, job or allocation matches "database"; run "pot-nomad status" to list the runs' });
    assert.throws(() => resolveTarget([], 'web', '/d/runs'), { message: 'no run, job or allocation matches "web"; no runs are recorded in /d/runs' });
  });
});

describe('resolveTasks and resolveOneTask', () => {
  test('a task name looks in the runs still going; skipped tasks are never candidates', () => {
    assert.deepEqual(
      resolveTasks(RECORDS, 'server', '/d').map((r) => [r.record.id, r.alloc.id]),
      [
        ['web-new', A1],
        ['web-new', A2],
      ],
    );
    assert.throws(() => resolveOneTask(RECORDS, 'docker', '/d'), { message: 'no task, allocation, run or job matches "docker"; run "pot-nomad status" to list the runs' });
  });

  test('once every run has ended, the latest run that has the task', () => {
    const ended = [OLD, { ...CURRENT, status: 'complete' as const }];
    assert.deepEqual(resolveTasks(ended, 'sidecar', '/d').map((r) => r.record.id), ['web-new']);
    assert.deepEqual(resolveTasks([OLD, run('other', 'x', [])], 'server', '/d').map((r) => r.record.id), ['web-old']);
  });

  test('scoped forms: <alloc-prefix>/<task>, <run>/<task>, <job>/<task> (latest run), and a full task id', () => {
    assert.equal(resolveOneTask(RECORDS, '22222222/server', '/d').alloc.id, A2);
    assert.equal(resolveOneTask(RECORDS, 'web-old/server', '/d').record.id, 'web-old');
    assert.equal(resolveOneTask(RECORDS, 'web/sidecar', '/d').record.id, 'web-new');
    const withId = [run('r', 'j', [alloc(A2, 0, [task('t', { taskId: `${A2}/t/0a0b0c0d` })])])];
    assert.equal(resolveOneTask(withId, `${A2}/t/0a0b0c0d`, '/d').task.name, 't');
    assert.throws(() => resolveOneTask(RECORDS, '22222222/sidecar', '/d'), { message: `allocation ${A2} has no pot task "sidecar"; its tasks: server` });
  });

  test('ambiguous names list the names that pick each task', () => {
    assert.throws(() => resolveOneTask(RECORDS, 'server', '/d'), {
      message: '"server" matches 2 tasks; name one of them:\n  11111111/server  (run web-new, g[0])\n  22222222/server  (run web-new, g[1])',
    });
    assert.throws(() => resolveOneTask(RECORDS, '11111111-aaaa', '/d'), {
      message: '"11111111-aaaa" matches 2 tasks; name one of them:\n  11111111/server  (run web-new, g[0])\n  11111111/sidecar  (run web-new, g[0])',
    });
    const two = [run('r1', 'j', [alloc(A1, 0, [task('t')])]), run('r2', 'k', [alloc(A2, 0, [task('t')])])];
    assert.throws(() => resolveOneTask(two, 't', '/d'), { message: '"t" matches 2 tasks; name one of them:\n  r1/t  (run r1, g[0])\n  r2/t  (run r2, g[0])' });
  });

  test('shortId grows past 8 characters while another id shares the prefix', () => {
    assert.equal(shortId(A1, [A1, A2]), '11111111');
    assert.equal(shortId(A1, [A1, A3]), '11111111-a');
    assert.equal(shortId(A1, [A1, '11111111-aaab']), '11111111-aaaa');
  });
});
