import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { capabilitiesToProto } from '../../src/plugin/convert/capabilities.js';
import { execInputFromProto } from '../../src/plugin/convert/exec.js';
import { exitResultFromProto, exitResultToProto } from '../../src/plugin/convert/exit-result.js';
import { fingerprintToProto } from '../../src/plugin/convert/fingerprint.js';
import { cpuCount, taskConfigFromProto, type TaskConfigMsg } from '../../src/plugin/convert/task-config.js';
import { taskHandleFromProto, taskHandleToProto } from '../../src/plugin/convert/task-handle.js';
import { taskStatsToProto } from '../../src/plugin/convert/task-stats.js';
import { taskStatusToProto } from '../../src/plugin/convert/task-status.js';
import {
  durationFromProto,
  durationToProto,
  GO_ZERO_TIME,
  timestampFromProto,
  timestampToProto,
} from '../../src/plugin/convert/time.js';

const ALLOC = '5bd8bb4b-0b1a-6f2e-4d9e-3c2a1b0f9e8d';

function nomadTaskConfig(overrides: Partial<TaskConfigMsg> = {}): TaskConfigMsg {
  return {
    id: `${ALLOC}/web/7f3e9a1c`,
    name: 'web',
    msgpack_driver_config: new Uint8Array([0x80]),
    env: { NOMAD_TASK_NAME: 'web', NOMAD_ALLOC_ID: ALLOC },
    resources: {
      allocated_resources: { cpu: { cpu_shares: 500 }, memory: { memory_mb: 256, memory_max_mb: 512 } },
      linux_resources: { cpu_shares: 500, memory_limit_bytes: 512 * 1024 * 1024 },
    },
    alloc_dir: `/var/lib/nomad/alloc/${ALLOC}`,
    stdout_path: `/var/lib/nomad/alloc/${ALLOC}/alloc/logs/.web.stdout.fifo`,
    stderr_path: `/var/lib/nomad/alloc/${ALLOC}/alloc/logs/.web.stderr.fifo`,
    task_group_name: 'frontend',
    job_name: 'shop',
    alloc_id: ALLOC,
    job_id: 'shop-prod',
    namespace: 'retail',
    ...overrides,
  };
}

describe('taskConfigFromProto', () => {
  test('maps every field Nomad sends', () => {
    assert.deepEqual(taskConfigFromProto(nomadTaskConfig()), {
      id: `${ALLOC}/web/7f3e9a1c`,
      allocId: ALLOC,
      taskName: 'web',
      jobName: 'shop',
      jobId: 'shop-prod',
      groupName: 'frontend',
      namespace: 'retail',
      env: { NOMAD_TASK_NAME: 'web', NOMAD_ALLOC_ID: ALLOC },
      resources: { cpuShares: 500, memoryMB: 256, memoryMaxMB: 512 },
      allocDir: `/var/lib/nomad/alloc/${ALLOC}`,
      stdoutPath: `/var/lib/nomad/alloc/${ALLOC}/alloc/logs/.web.stdout.fifo`,
      stderrPath: `/var/lib/nomad/alloc/${ALLOC}/alloc/logs/.web.stderr.fifo`,
      rawDriverConfig: new Uint8Array([0x80]),
    });
  });

  test('falls back to the task id, the job name, the default namespace and the Linux resources', () => {
    const config = taskConfigFromProto(
      nomadTaskConfig({
        alloc_id: '',
        name: '',
        job_id: '',
        namespace: '',
        resources: {
          allocated_resources: null,
          linux_resources: { cpu_shares: '300', memory_limit_bytes: '134217728' },
        },
      }),
    );
    assert.equal(config.allocId, ALLOC);
    assert.equal(config.taskName, 'web');
    assert.equal(config.jobId, 'shop');
    assert.equal(config.namespace, 'default');
    assert.deepEqual(config.resources, { cpuShares: 300, memoryMB: 128, memoryMaxMB: 0 });
  });

  test('counts the cores Nomad reserved from their ids in cpuset syntax', () => {
    const withCores = (cpuset: string) =>
      taskConfigFromProto({ id: `${ALLOC}/web/1a2b3c4d`, resources: { allocated_resources: null, linux_resources: { cpu_shares: 0, memory_limit_bytes: 0, cpuset_cpus: cpuset } } }).resources;
    assert.deepEqual(withCores('2,3'), { cpuShares: 0, memoryMB: 0, memoryMaxMB: 0, cores: 2 });
    assert.equal(cpuCount('0-3,8'), 5);
    assert.equal(cpuCount('1, 1,2'), 2);
    assert.equal(cpuCount(''), 0);
    assert.equal(cpuCount(undefined), 0);
    assert.equal(cpuCount('x,3-1,0-99999999'), 0);
    assert.deepEqual(withCores(''), { cpuShares: 0, memoryMB: 0, memoryMaxMB: 0 });
  });

  test('survives a nearly empty message', () => {
    assert.deepEqual(taskConfigFromProto({ id: 'not-a-task-id' }), {
      id: 'not-a-task-id',
      allocId: '',
      taskName: '',
      jobName: '',
      jobId: '',
      groupName: '',
      namespace: 'default',
      env: {},
      resources: { cpuShares: 0, memoryMB: 0, memoryMaxMB: 0 },
      allocDir: '',
      stdoutPath: '',
      stderrPath: '',
      rawDriverConfig: new Uint8Array(0),
    });
  });
});

describe('task handles', () => {
  test('echo the TaskConfig Nomad sent and read back the id from it', () => {
    const config = nomadTaskConfig();
    const msg = taskHandleToProto({ version: 1, state: 'running', driverState: Buffer.from('{"v":1}') }, config);
    assert.deepEqual(msg, { version: 1, config, state: 'RUNNING', driver_state: Buffer.from('{"v":1}') });
    const back = taskHandleFromProto({ ...msg, config: { ...config, msgpack_driver_config: new Uint8Array(0) } });
    assert.equal(back.taskId, `${ALLOC}/web/7f3e9a1c`);
    assert.deepEqual(back.handle, { version: 1, state: 'running', driverState: Buffer.from('{"v":1}') });
    assert.equal(back.task?.taskName, 'web');
  });

  test('never hand Nomad the reserved version 0, and read a bare handle', () => {
    assert.equal(taskHandleToProto({ version: 0, state: 'exited', driverState: new Uint8Array(0) }, {}).version, 1);
    assert.deepEqual(taskHandleFromProto(null), {
      taskId: '',
      handle: { version: 0, state: 'unknown', driverState: new Uint8Array(0) },
    });
  });
});

describe('time, exit results and statuses', () => {
  test('durations and timestamps', () => {
    assert.equal(durationFromProto({ seconds: 5, nanos: 500_000_000 }), 5500);
    assert.equal(durationFromProto(null), 0);
    assert.deepEqual(durationToProto(30_250), { seconds: 30, nanos: 250_000_000 });
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678));
    assert.deepEqual(timestampToProto(at), { seconds: at.getTime() / 1000 - 0.678, nanos: 678_000_000 });
    assert.deepEqual(timestampFromProto(timestampToProto(at)), at);
    assert.deepEqual(timestampToProto(undefined), GO_ZERO_TIME);
    assert.equal(timestampFromProto(GO_ZERO_TIME), undefined);
  });

  test('exit results are always complete', () => {
    assert.deepEqual(exitResultToProto({ exitCode: 137, signal: 9, oomKilled: true }), { exit_code: 137, signal: 9, oom_killed: true });
    assert.deepEqual(exitResultToProto(undefined), { exit_code: 0, signal: 0, oom_killed: false });
    assert.deepEqual(exitResultFromProto({ exit_code: 2 }), { exitCode: 2, signal: 0, oomKilled: false });
  });

  test('a task status sets both timestamps and the result', () => {
    assert.deepEqual(taskStatusToProto({ id: 'a/b/c', name: 'b', state: 'running' }), {
      id: 'a/b/c',
      name: 'b',
      state: 'RUNNING',
      started_at: GO_ZERO_TIME,
      completed_at: GO_ZERO_TIME,
      result: { exit_code: 0, signal: 0, oom_killed: false },
    });
  });
});

describe('capabilities, fingerprints, stats and exec input', () => {
  test('capabilities use Nomad’s enum names', () => {
    assert.deepEqual(
      capabilitiesToProto({
        sendSignals: true,
        exec: true,
        fsIsolation: 'image',
        networkIsolationModes: ['host', 'group'],
        mustCreateNetwork: false,
        mounts: 'none',
        disableLogCollection: false,
        dynamicWorkloadUsers: false,
      }),
      {
        send_signals: true,
        exec: true,
        fs_isolation: 'IMAGE',
        network_isolation_modes: ['HOST', 'GROUP'],
        must_create_network: false,
        mount_configs: 'NO_MOUNTS',
        disable_log_collection: false,
        dynamic_workload_users: false,
      },
    );
  });

  test('fingerprint attributes keep their types', () => {
    assert.deepEqual(
      fingerprintToProto({
        health: 'healthy',
        healthDescription: 'ready',
        attributes: { 'driver.pot': { bool: true }, 'driver.pot.version': { string: '0.16.0' }, 'driver.pot.n': { int: 3, unit: 'MB' } },
      }),
      {
        attributes: {
          'driver.pot': { bool_val: true },
          'driver.pot.version': { string_val: '0.16.0' },
          'driver.pot.n': { int_val: 3, unit: 'MB' },
        },
        health: 'HEALTHY',
        health_description: 'ready',
        err: '',
      },
    );
  });

  test('stats always carry a timestamp and aggregate usage, and list what was measured', () => {
    const at = new Date(Date.UTC(2026, 0, 2));
    assert.deepEqual(taskStatsToProto({ id: 'a/b/c', timestamp: at, usage: { cpu: { percent: 12.5 }, memory: { rss: 4096 } } }), {
      stats: {
        id: 'a/b/c',
        timestamp: { seconds: at.getTime() / 1000, nanos: 0 },
        agg_resource_usage: {
          cpu: { percent: 12.5, measured_fields: ['PERCENT'] },
          memory: { rss: 4096, measured_fields: ['RSS'] },
        },
        resource_usage_by_pid: {},
      },
    });
  });

  test('exec input: resizes, stdin data and close; heartbeats are nothing', () => {
    assert.deepEqual(execInputFromProto({ setup: null, tty_size: null, stdin: null }), []);
    assert.deepEqual(
      execInputFromProto({ tty_size: { height: 24, width: 80 }, stdin: { data: Buffer.from('ls\n'), close: true } }),
      [{ resize: { height: 24, width: 80 } }, { stdin: Buffer.from('ls\n') }, { stdinClosed: true }],
    );
  });
});
