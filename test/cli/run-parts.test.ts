/** The pure parts of `pot-nomad run`: settings precedence, run ids, start progress, live runs, one start's TaskConfig. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLiveRun } from '../../src/cli/runtime/live-runs.js';
import { newRunId } from '../../src/cli/runtime/run-id.js';
import { loadRunJob } from '../../src/cli/runtime/run-job.js';
import { defaultDataDir, resolveRunSettings } from '../../src/cli/runtime/run-settings.js';
import { startProgress } from '../../src/cli/runtime/start-progress.js';
import { taskAttempt } from '../../src/cli/runtime/task-attempt.js';
import { RUN_RECORD_VERSION, type RunRecord, type TaskRecord } from '../../src/cli/state/run-record.js';

const ALLOC = '7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f';

function task(name: string, extra: Partial<TaskRecord> = {}): TaskRecord {
  return { name, driver: 'pot', state: 'pending', failed: false, killTimeoutMs: 5000, restarts: 0, stdoutPath: '/o', stderrPath: '/e', events: [], ...extra };
}

function run(tasks: TaskRecord[], extra: Partial<RunRecord> = {}): RunRecord {
  return {
    version: RUN_RECORD_VERSION,
    id: 'web-0a1b2c',
    job: 'web',
    createdAt: '2026-11-29T16:40:00.000Z',
    backend: 'emulator',
    allocs: [{ id: ALLOC, group: 'web', index: 0, dir: `/d/alloc/${ALLOC}`, ports: [], status: 'running', tasks }],
    status: 'starting',
    ...extra,
  };
}

describe('run settings', () => {
  const config = { dataDir: '/cfg/data', hostIp: '10.0.0.2', potBin: '/cfg/pot', portRange: { min: 30000, max: 30010 }, plugin: { prepare_timeout: '1m' } };

  it('takes flags over the settings file over the defaults', () => {
    const env = { XDG_DATA_HOME: '/xdg', POT_EMULATOR_ROOT: '/emu' };
    assert.deepEqual(resolveRunSettings({ dataDir: '/flag/data', hostIp: '10.0.0.1', potBin: '/flag/pot' }, config, env), {
      dataDir: '/flag/data',
      hostIp: '10.0.0.1',
      backend: { kind: 'pot', bin: '/flag/pot' },
      prepareTimeoutMs: 60_000,
      commandTimeoutMs: 120_000,
      portRange: { min: 30000, max: 30010 },
    });
    assert.deepEqual(resolveRunSettings({}, config, env), {
      dataDir: '/cfg/data',
      hostIp: '10.0.0.2',
      backend: { kind: 'pot', bin: '/cfg/pot' },
      prepareTimeoutMs: 60_000,
      commandTimeoutMs: 120_000,
      portRange: { min: 30000, max: 30010 },
    });
    const defaults = resolveRunSettings({ emulate: true }, undefined, env);
    assert.deepEqual([defaults.dataDir, defaults.hostIp, defaults.backend.kind, defaults.backend.emulatorRoot, defaults.prepareTimeoutMs], ['/xdg/pot-nomad', '127.0.0.1', 'emulator', '/emu', 600_000]);
  });

  it('keeps data in a per-user directory by default', () => {
    assert.equal(defaultDataDir({}, '/home/ann'), '/home/ann/.local/share/pot-nomad');
    assert.equal(defaultDataDir({ XDG_DATA_HOME: 'relative' }, '/home/ann'), '/home/ann/.local/share/pot-nomad');
    assert.equal(defaultDataDir({ XDG_DATA_HOME: '/data' }, '/home/ann'), '/data/pot-nomad');
  });
});

describe('run ids', () => {
  it('are the job id and 6 hex characters, reduced to what a file name may hold', () => {
    assert.equal(newRunId('web', () => '0a1b2c'), 'web-0a1b2c');
    assert.equal(newRunId('my job/v2', () => '0a1b2c'), 'my-job-v2-0a1b2c');
    assert.equal(newRunId('..hidden', () => '0a1b2c'), 'hidden-0a1b2c');
    assert.equal(newRunId('€', () => '0a1b2c'), 'run-0a1b2c');
    assert.match(newRunId('web'), /^web-[0-9a-f]{6}$/);
  });
});

describe('start progress', () => {
  it('waits for every task to start, ignoring skipped and poststop tasks', () => {
    const skipped = task('shipper', { driver: 'docker', skipped: 'driver "docker" is not run by pot-nomad' });
    const cleanup = task('cleanup', { lifecycle: { hook: 'poststop', sidecar: false } });
    assert.deepEqual(startProgress(run([task('web', { state: 'starting' }), skipped, cleanup])), { kind: 'waiting' });
    assert.deepEqual(startProgress(run([task('web', { state: 'running', startedAt: 'x' }), skipped, cleanup])), { kind: 'started' });
  });

  it('counts a batch task that already finished, and a task cancelled by a sibling, as started', () => {
    const done = task('job', { state: 'dead', startedAt: 'x', exitCode: 3, failed: true });
    const cancelled = task('other', { state: 'dead' });
    assert.deepEqual(startProgress(run([done, cancelled], { status: 'failed' })), { kind: 'started' });
  });

  it('reports the first task whose start failed for good, with its message', () => {
    const failed = task('web', { state: 'dead', failed: true, message: 'cannot start jail x: pot prepare failed (exit 1): no image' });
    const progress = startProgress(run([task('db', { state: 'running', startedAt: 'x' }), failed]));
    assert.equal(progress.kind, 'failed');
    assert.equal(progress.kind === 'failed' && progress.message, 'cannot start jail x: pot prepare failed (exit 1): no image');
    assert.equal(progress.kind === 'failed' && progress.task.name, 'web');
  });

  it('says when a run was stopped before its tasks started', () => {
    assert.deepEqual(startProgress(run([task('web', { state: 'dead' })], { status: 'stopped' })), { kind: 'ended', status: 'stopped' });
  });
});

describe('live runs', () => {
  it('are unfinished runs whose supervisor lives, or whose jails outlived it', () => {
    const alive = (pid: number): boolean => pid === 10;
    assert.equal(isLiveRun(run([], { status: 'running', supervisorPid: 10 }), alive), true);
    assert.equal(isLiveRun(run([], { status: 'starting' }), alive), true);
    assert.equal(isLiveRun(run([], { status: 'running', supervisorPid: 11 }), alive), false);
    assert.equal(isLiveRun(run([task('web', { state: 'running' })], { status: 'running', supervisorPid: 11 }), alive), true);
    assert.equal(isLiveRun(run([], { status: 'stopped', supervisorPid: 10 }), alive), false);
  });
});

describe('one start of a task', () => {
  it('adds env templates\' variables to the environment and interpolates the config again with them', async () => {
    const job = await loadRunJob({
      filename: 'app.nomad.hcl',
      source: `job "app" {
  group "app" {
    network {
      port "http" {}
    }
    task "app" {
      driver = "pot"
      config {
        image   = "https://potluck.example/img"
        pot     = "app-amd64-14_1"
        tag     = "1.0"
        command = "/usr/local/bin/app"
        args    = ["--mode", "\${APP_MODE}", "--port", "\${NOMAD_PORT_http}"]
      }
      template {
        destination = "secrets/app.env"
        env         = true
        data        = "APP_MODE=production\\n"
      }
    }
  }
}
`,
      baseDir: '/jobs',
      vars: [],
      dataDir: '/data',
      hostIp: '127.0.0.1',
      allocId: ALLOC,
      invocationId: '0a1b2c3d',
      ports: { kind: 'recorded', byAlloc: new Map([[ALLOC, [{ label: 'http', hostPort: 24567 }]]]) },
    });
    const [pot] = job.tasks;
    const before = pot!.allocated.config.args;
    assert.deepEqual(before, ['--mode', '${APP_MODE}', '--port', '24567']);
    const request = taskAttempt({ pot: pot!, node: job.node, hostIp: '127.0.0.1', invocationId: 'feedbeef', templateEnv: { APP_MODE: 'production' }, stdoutPath: '/l/app.stdout.0', stderrPath: '/l/app.stderr.0' });
    assert.deepEqual(request.driverConfig.args, ['--mode', 'production', '--port', '24567']);
    assert.equal(request.task.id, `${ALLOC}/app/feedbeef`);
    assert.equal(request.task.env.APP_MODE, 'production');
    assert.equal(request.task.env.NOMAD_PORT_http, '24567');
    assert.deepEqual([request.task.stdoutPath, request.task.stderrPath, request.task.allocDir], ['/l/app.stdout.0', '/l/app.stderr.0', `/data/alloc/${ALLOC}`]);
    assert.equal('pot' in request.task, false);
  });
});
