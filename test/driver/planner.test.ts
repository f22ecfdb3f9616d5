import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodePotConfig } from '../../src/driver/config.js';
import { ConfigError } from '../../src/driver/errors.js';
import { planTask } from '../../src/driver/planner.js';
import type { TaskConfig } from '../../src/driver/task-config.js';

const P = '/usr/local/bin/pot';
const ALLOC = '7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f';
const POT = `www1_0a1b2c3d_${ALLOC}`;
const ALLOC_DIR = `/var/tmp/nomad/alloc/${ALLOC}`;

function task(config: Record<string, unknown>, overrides: Partial<TaskConfig> = {}): TaskConfig {
  return {
    id: `${ALLOC}/www1/0a1b2c3d`,
    allocId: ALLOC,
    taskName: 'www1',
    jobName: 'example',
    jobId: 'example',
    groupName: 'group1',
    namespace: 'default',
    env: { NOMAD_TASK_NAME: 'www1', NOMAD_HOST_PORT_http: '27415', A_FIRST: 'x y' },
    resources: { cpuShares: 200, memoryMB: 64, memoryMaxMB: 0 },
    allocDir: ALLOC_DIR,
    stdoutPath: `${ALLOC_DIR}/alloc/logs/.www1.stdout.fifo`,
    stderrPath: `${ALLOC_DIR}/alloc/logs/.www1.stderr.fifo`,
    pot: decodePotConfig(config),
    ...overrides,
  };
}

const seedConfig = {
  image: 'https://potluck.honeyguide.net/nginx-nomad',
  pot: 'nginx-nomad-amd64-13_1',
  tag: '1.1.13',
  command: 'nginx',
  args: ['-g', "'daemon off;'"],
  copy: ['/mnt/s3/web/nginx.conf:/usr/local/etc/nginx/nginx.conf'],
  mount: ['/mnt/s3/web/www:/mnt'],
  port_map: [{ http: '80' }],
};

describe('planTask', () => {
  it('plans the seed job exactly, phase by phase', () => {
    const plan = planTask(task(seedConfig), { potBin: P });
    assert.equal(plan.potName, POT);
    assert.deepEqual(plan.start, [
      [P, 'prepare', '-U', 'https://potluck.honeyguide.net/nginx-nomad', '-p', 'nginx-nomad-amd64-13_1', '-t', '1.1.13', '-c', `"nginx -g 'daemon off;'"`, '-N', 'public-bridge', '-i', 'auto', '-e', '80:27415', '-a', `0a1b2c3d_${ALLOC}`, '-n', 'www1', '-v'],
      [P, 'copy-in', '-p', POT, '-s', '/mnt/s3/web/nginx.conf', '-d', '/usr/local/etc/nginx/nginx.conf'],
      [P, 'mount-in', '-p', POT, '-d', `${ALLOC_DIR}/www1/local`, '-m', '/local'],
      [P, 'mount-in', '-p', POT, '-d', `${ALLOC_DIR}/www1/secrets`, '-m', '/secrets'],
      [P, 'mount-in', '-p', POT, '-d', `${ALLOC_DIR}/alloc`, '-m', '/alloc'],
      [P, 'mount-in', '-p', POT, '-d', '/mnt/s3/web/www', '-m', '/mnt'],
      [P, 'set-env', '-p', POT, '-E', 'A_FIRST=x y', '-E', 'NOMAD_HOST_PORT_http=27415', '-E', 'NOMAD_TASK_NAME=www1'],
      [P, 'set-rss', '-M', '64M', '-p', POT],
      [P, 'start', POT],
    ]);
    assert.deepEqual(plan.stop, [
      [P, 'signal', '-s', 'SIGINT', '-p', POT],
      [P, 'destroy', '-p', POT, '-F'],
    ]);
    assert.deepEqual(plan.kill, [[P, 'signal', '-s', 'SIGKILL', '-p', POT]]);
  });

  it('pins the jail to the reserved number of cores with set-rss -C, before start', () => {
    const plan = planTask(task(seedConfig, { resources: { cpuShares: 200, memoryMB: 64, memoryMaxMB: 0, cores: 2 } }), { potBin: P });
    assert.deepEqual(plan.start.at(-2), [P, 'set-rss', '-M', '64M', '-C', '2', '-p', POT]);
    assert.deepEqual(plan.start.at(-1), [P, 'start', POT]);
    const none = planTask(task(seedConfig, { resources: { cpuShares: 200, memoryMB: 64, memoryMaxMB: 0, cores: 0 } }), { potBin: P });
    assert.deepEqual(none.start.at(-2), [P, 'set-rss', '-M', '64M', '-p', POT]);
  });

  it('runs attributes right after prepare, in order, split at the first colon only', () => {
    const plan = planTask(task({ ...seedConfig, attributes: ['exec_stop:/bin/sh -c a:b', 'procfs:true'] }), { potBin: P });
    assert.deepEqual(plan.start[1], [P, 'set-attribute', '-p', POT, '-A', 'exec_stop', '-V', '/bin/sh -c a:b']);
    assert.deepEqual(plan.start[2], [P, 'set-attribute', '-p', POT, '-A', 'procfs', '-V', 'true']);
  });

  it('adds read-only mounts after read-write ones, and set-hosts only when there are hosts', () => {
    const plan = planTask(task({ ...seedConfig, mount_read_only: ['/srv/tls:/etc/tls'], extra_hosts: ['db:10.0.0.5', 'v6:fd00::1'] }), { potBin: P });
    const names = plan.start.map((a) => a[1]);
    assert.deepEqual(names, ['prepare', 'copy-in', 'mount-in', 'mount-in', 'mount-in', 'mount-in', 'mount-in', 'set-env', 'set-hosts', 'set-rss', 'start']);
    assert.deepEqual(plan.start[6], [P, 'mount-in', '-p', POT, '-d', '/srv/tls', '-m', '/etc/tls', '-r']);
    assert.deepEqual(plan.start[8], [P, 'set-hosts', '-p', POT, '-H', 'db:10.0.0.5', '-H', 'v6:fd00::1']);
    const without = planTask(task(seedConfig), { potBin: P });
    assert.equal(without.start.some((a) => a[1] === 'set-hosts'), false);
  });

  it('passes network_mode unchanged and forwards no ports on the host stack', () => {
    const host = planTask(task({ ...seedConfig, network_mode: 'host' }), { potBin: P });
    const prepare = host.start[0]!;
    assert.deepEqual(prepare.slice(prepare.indexOf('-N'), prepare.indexOf('-a')), ['-N', 'host']);
    const bridge = planTask(task({ ...seedConfig, network_mode: 'public-bridge' }), { potBin: P }).start[0]!;
    assert.deepEqual(bridge.slice(bridge.indexOf('-N'), bridge.indexOf('-a')), ['-N', 'public-bridge', '-e', '80:27415']);
  });

  it('omits -N and -c when neither network_mode, port_map nor command is set', () => {
    const plan = planTask(task({ image: 'file:///images', pot: 'p', tag: '1' }), { potBin: '/opt/pot' });
    assert.deepEqual(plan.start[0], ['/opt/pot', 'prepare', '-U', 'file:///images', '-p', 'p', '-t', '1', '-a', `0a1b2c3d_${ALLOC}`, '-n', 'www1', '-v']);
  });

  it('sorts -e by label and -E by key in byte order', () => {
    const env = { b: '1', B: '2', NOMAD_HOST_PORT_web: '2', NOMAD_HOST_PORT_api: '1', _x: '3' };
    const plan = planTask(task({ ...seedConfig, port_map: [{ web: '80', api: '8080' }] }, { env }), { potBin: P });
    const prepare = plan.start[0]!;
    assert.deepEqual(prepare.filter((_, i) => prepare[i - 1] === '-e'), ['8080:1', '80:2']);
    const setEnv = plan.start.find((a) => a[1] === 'set-env')!;
    assert.deepEqual(setEnv.filter((_, i) => setEnv[i - 1] === '-E'), ['B=2', 'NOMAD_HOST_PORT_api=1', 'NOMAD_HOST_PORT_web=2', '_x=3', 'b=1']);
  });

  it('names the jail with "." turned into "_" but keeps the task name for prepare -n', () => {
    const t = task(seedConfig, { id: `${ALLOC}/api.v2/0a1b2c3d`, taskName: 'api.v2' });
    const plan = planTask(t, { potBin: P });
    assert.equal(plan.potName, `api_v2_0a1b2c3d_${ALLOC}`);
    const prepare = plan.start[0]!;
    assert.equal(prepare[prepare.indexOf('-n') + 1], 'api.v2');
    assert.deepEqual(plan.start[2], [P, 'mount-in', '-p', plan.potName, '-d', `${ALLOC_DIR}/api.v2/local`, '-m', '/local']);
  });

  it('uses the task kill_signal, normalised, and refuses unknown signals', () => {
    assert.deepEqual(planTask(task(seedConfig), { potBin: P, killSignal: 'term' }).stop[0], [P, 'signal', '-s', 'SIGTERM', '-p', POT]);
    assert.throws(() => planTask(task(seedConfig), { potBin: P, killSignal: 'SIGFOO' }), (e: unknown) => e instanceof ConfigError && /kill_signal "SIGFOO" is not a signal pot can send/.test(e.message));
  });

  it('fails clearly when a port_map label has no host port in the environment', () => {
    assert.throws(
      () => planTask(task(seedConfig, { env: {} }), { potBin: P }),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.message === 'invalid task config: port_map.http: label "http" has no host port (NOMAD_HOST_PORT_http is not in the task environment); define port "http" {} in the group\'s network block',
    );
  });

  it('passes hostile strings through as single argv elements', () => {
    const nasty = `$(touch /tmp/pwned); \`id\` 'q' "d"\nnext`;
    const plan = planTask(task({ ...seedConfig, args: [nasty] }, { env: { NOMAD_HOST_PORT_http: '1', EVIL: nasty } }), { potBin: P });
    assert.equal(plan.start[0]![plan.start[0]!.indexOf('-c') + 1], `"nginx ${nasty}"`);
    assert.ok(plan.start.find((a) => a[1] === 'set-env')!.includes(`EVIL=${nasty}`));
  });
});
