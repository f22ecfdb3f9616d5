import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

const ALLOC = '7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f';
const POT = `www1_0a1b2c3d_${ALLOC}`;
const P = '/usr/local/bin/pot';
const DIR = `/var/tmp/nomad/alloc/${ALLOC}`;
const GOLDEN_ARGS = ['plan', '-o', 'json', 'fixtures/jobs/nginx.hcl', '--alloc-id', ALLOC, '--invocation-id', '0a1b2c3d', '--port', 'http=27415', '--data-dir', '/var/tmp/nomad'];

const SEED_ENV: Record<string, string> = {
  NOMAD_ADDR_http: '127.0.0.1:27415',
  NOMAD_ALLOC_DIR: '/alloc',
  NOMAD_ALLOC_ID: ALLOC,
  NOMAD_ALLOC_INDEX: '0',
  NOMAD_ALLOC_NAME: 'example.group1[0]',
  NOMAD_CPU_LIMIT: '200',
  NOMAD_DC: 'datacenter',
  NOMAD_GROUP_NAME: 'group1',
  NOMAD_HOST_ADDR_http: '127.0.0.1:27415',
  NOMAD_HOST_IP_http: '127.0.0.1',
  NOMAD_HOST_PORT_http: '27415',
  NOMAD_IP_http: '127.0.0.1',
  NOMAD_JOB_ID: 'example',
  NOMAD_JOB_NAME: 'example',
  NOMAD_MEMORY_LIMIT: '64',
  NOMAD_NAMESPACE: 'default',
  NOMAD_PORT_http: '27415',
  NOMAD_REGION: 'global',
  NOMAD_SECRETS_DIR: '/secrets',
  NOMAD_SHORT_ALLOC_ID: '7c5e6d3b',
  NOMAD_TASK_DIR: '/local',
  NOMAD_TASK_NAME: 'www1',
};

describe('pot-nomad plan', () => {
  it('prints the seed job\'s start and stop phases byte for byte', () => {
    const r = runCli(GOLDEN_ARGS);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(doc, {
      job: 'example',
      tasks: [
        {
          group: 'group1',
          alloc_index: 0,
          task: 'www1',
          alloc_id: ALLOC,
          invocation_id: '0a1b2c3d',
          task_id: `${ALLOC}/www1/0a1b2c3d`,
          pot_name: POT,
          ports: { http: 27415 },
          driver_network: { address: null, port_map: { http: 80 } },
          env: SEED_ENV,
          kill_timeout_ms: 5000,
          start: [
            [P, 'prepare', '-U', 'https://potluck.honeyguide.net/nginx-nomad', '-p', 'nginx-nomad-amd64-13_1', '-t', '1.1.13', '-c', `"nginx -g 'daemon off;'"`, '-N', 'public-bridge', '-i', 'auto', '-e', '80:27415', '-a', `0a1b2c3d_${ALLOC}`, '-n', 'www1', '-v'],
            [P, 'copy-in', '-p', POT, '-s', '/mnt/s3/web/nginx.conf', '-d', '/usr/local/etc/nginx/nginx.conf'],
            [P, 'mount-in', '-p', POT, '-d', `${DIR}/www1/local`, '-m', '/local'],
            [P, 'mount-in', '-p', POT, '-d', `${DIR}/www1/secrets`, '-m', '/secrets'],
            [P, 'mount-in', '-p', POT, '-d', `${DIR}/alloc`, '-m', '/alloc'],
            [P, 'mount-in', '-p', POT, '-d', '/mnt/s3/web/www', '-m', '/mnt'],
            [P, 'set-env', '-p', POT, ...Object.keys(SEED_ENV).sort().flatMap((k) => ['-E', `${k}=${SEED_ENV[k]}`])],
            [P, 'set-rss', '-M', '64M', '-p', POT],
            [P, 'start', POT],
          ],
          stop: [
            [P, 'signal', '-s', 'SIGINT', '-p', POT],
            [P, 'destroy', '-p', POT, '-F'],
          ],
          kill: [[P, 'signal', '-s', 'SIGKILL', '-p', POT]],
        },
      ],
      skipped: [],
    });
  });

  it('prints copy-pasteable shell lines grouped by phase in text mode', () => {
    const r = runCli(GOLDEN_ARGS.filter((a) => a !== '-o' && a !== 'json'));
    assert.equal(r.status, 0);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'Job "example": 1 pot task planned; nothing was run.');
    assert.equal(lines[2], `group1[0] › www1  alloc ${ALLOC}  pot ${POT}`);
    assert.equal(lines[3], '  ports: http=27415');
    assert.equal(lines[4], "  driver network: the jail's own address, which pot assigns at prepare; http → 80");
    assert.equal(lines[5], '  start:');
    assert.equal(
      lines[6],
      `    ${P} prepare -U https://potluck.honeyguide.net/nginx-nomad -p nginx-nomad-amd64-13_1 -t 1.1.13 -c '"nginx -g '\\''daemon off;'\\''"' -N public-bridge -i auto -e 80:27415 -a 0a1b2c3d_${ALLOC} -n www1 -v`,
    );
    assert.ok(lines.includes(`    ${P} set-rss -M 64M -p ${POT}`));
    assert.ok(r.stdout.includes(`-E 'NOMAD_ALLOC_NAME=example.group1[0]'`));
    const stop = lines.indexOf('  stop:');
    assert.deepEqual(lines.slice(stop, stop + 6), [
      '  stop:',
      `    ${P} signal -s SIGINT -p ${POT}`,
      '    # if it is still running after kill_timeout (5s):',
      `    ${P} signal -s SIGKILL -p ${POT}`,
      '    # once it has ended:',
      `    ${P} destroy -p ${POT} -F`,
    ]);
    assert.ok(!r.stdout.includes('\u001b['), 'no colour under NO_COLOR');
  });

  it('gives every group instance its own allocation and lists non-pot tasks as skipped', () => {
    const r = runCli(['plan', '-o', 'json', 'fixtures/jobs/multi-group.nomad.hcl', '--alloc-id', ALLOC, '--invocation-id', '0a1b2c3d']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.deepEqual(
      doc.tasks.map((t: { group: string; alloc_index: number; task: string }) => `${t.group}[${t.alloc_index}]/${t.task}`),
      ['frontend[0]/nginx', 'frontend[0]/exporter', 'backend[0]/api', 'backend[1]/api'],
    );
    assert.deepEqual(doc.skipped, [
      { group: 'backend', alloc_index: 0, task: 'log-shipper', reason: 'driver "docker"' },
      { group: 'backend', alloc_index: 1, task: 'log-shipper', reason: 'driver "docker"' },
    ]);
    const allocIds = new Set(doc.tasks.map((t: { alloc_id: string }) => t.alloc_id));
    assert.equal(allocIds.size, 3);
    assert.equal(doc.tasks[0].alloc_id, ALLOC);
    const perAlloc = new Map(doc.tasks.map((t: { alloc_id: string; ports: Record<string, number> }) => [t.alloc_id, Object.values(t.ports)]));
    const ports = [...perAlloc.values()].flat();
    assert.equal(new Set(ports).size, ports.length, 'no host port is handed out twice');
    // The group port's `to` decides NOMAD_PORT_, the host port NOMAD_HOST_PORT_.
    assert.equal(doc.tasks[1].env.NOMAD_PORT_metrics, '9113');
    // Runtime references in config are resolved per allocation.
    const exporterPrepare: string[] = doc.tasks[1].start[0];
    assert.equal(exporterPrepare[exporterPrepare.indexOf('-c') + 1], `"/usr/local/bin/nginx-prometheus-exporter -nginx.scrape-uri http://127.0.0.1:${doc.tasks[1].ports.http}/stub_status"`);
    assert.match(r.stdout, /"NOMAD_MEMORY_MAX_LIMIT": "1024"/);
  });

  it('is reproducible when the ids are fixed, and different when they are not', () => {
    const a = runCli(GOLDEN_ARGS.slice(0, 4));
    const b = runCli(GOLDEN_ARGS.slice(0, 4));
    assert.notEqual(JSON.parse(a.stdout).tasks[0].alloc_id, JSON.parse(b.stdout).tasks[0].alloc_id);
    const c = runCli(['plan', '-o', 'json', 'fixtures/jobs/variables.nomad.hcl', '--alloc-id', ALLOC]);
    const d = runCli(['plan', '-o', 'json', 'fixtures/jobs/variables.nomad.hcl', '--alloc-id', ALLOC]);
    assert.equal(c.stdout, d.stdout);
  });

  it('applies --var and --var-file in command-line order', () => {
    const r = runCli(['plan', '-o', 'json', 'fixtures/jobs/variables.nomad.hcl', '--var', 'pot_tag=2.0.0', '--var', 'instances=1', '--var', 'pot_tag=2.0.1']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.tasks.length, 1);
    assert.equal(doc.tasks[0].start[0][doc.tasks[0].start[0].indexOf('-t') + 1], '2.0.1');
  });

  it('plans a job in HCL\'s JSON syntax exactly as the same job in HCL', () => {
    const fromJson = runCli(['plan', '-o', 'json', 'fixtures/jobs/nginx.nomad.json', ...GOLDEN_ARGS.slice(4)]);
    const fromHcl = runCli(GOLDEN_ARGS);
    assert.equal(fromJson.status, 0, fromJson.stderr);
    const [a, b] = [JSON.parse(fromJson.stdout).tasks[0], JSON.parse(fromHcl.stdout).tasks[0]];
    // The JSON job also sets SERVER_NAME from an interpolation; everything else is the same.
    assert.equal(a.env.SERVER_NAME, 'www-0');
    const setEnv = (t: { start: string[][] }) => [...t.start.find((argv) => argv[1] === 'set-env')!];
    const jsonSetEnv = setEnv(a);
    jsonSetEnv.splice(jsonSetEnv.indexOf('SERVER_NAME=www-0') - 1, 2);
    assert.deepEqual(jsonSetEnv, setEnv(b));
    const others = (t: { start: string[][] }) => t.start.filter((argv) => argv[1] !== 'set-env');
    assert.deepEqual(others(a), others(b));
    assert.deepEqual([a.stop, a.kill, a.pot_name], [b.stop, b.kill, b.pot_name]);
  });

  it('plans a task with "." in its name under pot\'s renamed jail name, with a warning', () => {
    const r = runCli(['plan', '-o', 'json', 'fixtures/jobs/dotted-task-name.nomad.hcl', '--alloc-id', ALLOC, '--invocation-id', '0a1b2c3d']);
    assert.equal(r.status, 0);
    const t = JSON.parse(r.stdout).tasks[0];
    assert.equal(t.pot_name, `api_v2_0a1b2c3d_${ALLOC}`);
    assert.equal(t.task_id, `${ALLOC}/api.v2/0a1b2c3d`);
    assert.equal(t.env.NOMAD_TASK_NAME, 'api.v2');
  });

  it('writes IPv6 host addresses with brackets before the port', () => {
    const r = runCli(['plan', '-o', 'json', 'fixtures/jobs/nginx.hcl', '--alloc-id', ALLOC, '--port', 'http=27415', '--host-ip', 'fd00::1']);
    assert.equal(r.status, 0, r.stderr);
    const env = JSON.parse(r.stdout).tasks[0].env;
    assert.deepEqual([env.NOMAD_IP_http, env.NOMAD_ADDR_http, env.NOMAD_HOST_ADDR_http], ['fd00::1', '[fd00::1]:27415', '[fd00::1]:27415']);
  });

  it('reads the job from stdin with -', () => {
    const r = runCli(['plan', '-o', 'json', '-', '--alloc-id', ALLOC], { input: 'job "s" {\n group "g" {\n task "t" {\n driver = "pot"\n config {\n image = "file:///i"\n pot = "p"\n tag = "1"\n }\n }\n }\n}\n' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).tasks[0].task, 't');
  });

  it('exits 2 with a clear message on wrong usage', () => {
    const cases: [string[], string][] = [
      [['plan', 'fixtures/jobs/nginx.hcl', '--alloc-id', 'nope'], 'error: --alloc-id expects a lower-case UUID such as 7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f; got "nope"\n'],
      [['plan', 'fixtures/jobs/nginx.hcl', '--invocation-id', 'XYZ'], 'error: --invocation-id expects 8 lower-case hex characters such as 0a1b2c3d; got "XYZ"\n'],
      [['plan', 'fixtures/jobs/nginx.hcl', '--port', 'http'], 'error: --port expects LABEL=PORT with a port from 1 to 65535, e.g. --port http=27415; got "http"\n'],
      [['plan', 'fixtures/jobs/nginx.hcl', '--var', 'novalue'], 'error: --var expects NAME=VALUE, e.g. --var pot_tag=1.1.13; got "novalue"\n'],
      [['plan', 'fixtures/jobs/nginx.hcl', '-o', 'yaml'], 'error: -o/--output expects "text" or "json"; got "yaml"\n'],
      [['plan', 'fixtures/jobs/nginx.hcl', '--host-ip', '10.0.0.300'], 'error: --host-ip expects an IP address such as 127.0.0.1; got "10.0.0.300"\n'],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr, `${message}Run "pot-nomad --help" for usage.\n`);
      assert.equal(r.stdout, '');
    }
    const unknown = runCli(['plna']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'plna'/);
  });
});
