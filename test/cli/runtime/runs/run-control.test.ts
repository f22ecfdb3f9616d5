/**
 * How a process that is not the run's supervisor (an observer) sees a task whose `pot start` lives but whose jail
 * is not up yet: as RecoverTask does, still starting within a command time limit of its start, ended after that.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { RunControl } from '../../../../src/cli/runtime/runs/run-control.js';
import type { RunRecord, TaskRecord } from '../../../../src/cli/state/run-record.js';
import { RunStore } from '../../../../src/cli/state/run-store.js';
import { decodePotConfig } from '../../../../src/driver/config.js';
import { encodeDriverState } from '../../../../src/driver/driver-state.js';
import { EMULATOR_BIN } from '../../../../src/pot/emulated.js';
import '../../../helpers/reaper.js';

const dir = mkdtempSync(join(tmpdir(), 'pn-run-control-'));
const ALLOC = 'c0c0c0c0-0000-4000-8000-000000000001';
const TASK_ID = `${ALLOC}/web/5e5e5e5e`;
const POT = `web_5e5e5e5e_${ALLOC}`;
/** Stand-ins for the run's live supervisor and for a `pot start` that has not made its jail yet. */
const children: ChildProcess[] = [spawn('sleep', ['300']), spawn('sleep', ['300'])];
const [supervisor, potStart] = children.map((child) => child.pid as number) as [number, number];
after(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function taskRecord(startedAt: Date): TaskRecord {
  const driverState = encodeDriverState({
    potName: POT,
    pid: potStart,
    startedAt,
    potBin: EMULATOR_BIN,
    task: {
      id: TASK_ID,
      allocId: ALLOC,
      taskName: 'web',
      jobName: 'web',
      jobId: 'web',
      groupName: 'web',
      namespace: 'default',
      env: {},
      resources: { cpuShares: 100, memoryMB: 64, memoryMaxMB: 0 },
      allocDir: join(dir, ALLOC),
      stdoutPath: join(dir, 'web.stdout'),
      stderrPath: join(dir, 'web.stderr'),
      pot: decodePotConfig({ image: 'https://potluck.example/registry', pot: 'web', tag: '1.0', command: 'true' }),
    },
  });
  return {
    name: 'web',
    driver: 'pot',
    state: 'running',
    failed: false,
    taskId: TASK_ID,
    potName: POT,
    handle: { version: 1, state: 'running', driverState: Buffer.from(driverState).toString('base64') },
    killTimeoutMs: 5000,
    restarts: 0,
    startedAt: startedAt.toISOString(),
    stdoutPath: join(dir, 'web.stdout'),
    stderrPath: join(dir, 'web.stderr'),
    events: [],
  };
}

function control(task: TaskRecord): RunControl {
  const record: RunRecord = {
    version: 1,
    id: 'web-000001',
    job: 'web',
    createdAt: new Date().toISOString(),
    backend: 'emulator',
    potBin: EMULATOR_BIN,
    emulatorRoot: join(dir, 'pot'),
    dataDir: dir,
    supervisorPid: supervisor,
    status: 'running',
    allocs: [{ id: ALLOC, group: 'web', index: 0, dir: join(dir, ALLOC), ports: [], status: 'running', tasks: [task] }],
  };
  return new RunControl(new RunStore(join(dir, 'data')), record);
}

describe('an observer of a run', () => {
  test('sees a task whose pot start lives but whose jail is not up yet as running, right after its start', async () => {
    const task = taskRecord(new Date());
    const observer = control(task);
    try {
      assert.equal(observer.supervisorAlive(), true);
      assert.equal(await observer.recover(task, new AbortController().signal), 'running');
      assert.equal(observer.owner, false);
    } finally {
      await observer.close();
    }
  });

  test('sees it as ended when the start was longer ago than any pot command may take', async () => {
    const task = taskRecord(new Date(Date.now() - 3_600_000));
    const observer = control(task);
    try {
      assert.equal(await observer.recover(task, new AbortController().signal), 'exited');
    } finally {
      await observer.close();
    }
  });
});
