/** `validate` and `plan` against the pot release on the nodes, `--pot-version`; and `plan` for cores and the driver network. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const JOB = 'fixtures/jobs/attributes.nomad.hcl';
const needs = (i: number, name: string, version: string, given: string): string =>
  `error: attributes[${i}]: attribute "${name}" needs pot ${version} or later, and --pot-version is ${given}; upgrade pot on the node or remove the attribute`;

describe('--pot-version', () => {
  test('attributes the given pot is too old for are errors at the entry, naming the version they need', () => {
    const r = runCli(['validate', '--pot-version', '0.15.5', JOB]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    const errors = r.stderr.split('\n').filter((line) => line.startsWith('error: '));
    assert.deepEqual(errors, [needs(3, 'stop_timeout', '0.16.0', '0.15.5'), needs(4, 'exec_stop', '0.16.0', '0.15.5')]);
    assert.ok(r.stderr.includes(`  --> ${JOB}:22:72 (job "postgres" > group "db" > task "postgres" > config)`), r.stderr);
  });

  test('older still: each attribute with its own version', () => {
    const r = runCli(['plan', '--pot-version', '0.15.4', JOB]);
    assert.equal(r.status, 1);
    assert.deepEqual(
      r.stderr.split('\n').filter((line) => line.startsWith('error: ')),
      [needs(0, 'devfs_ruleset', '0.15.5', '0.15.4'), needs(2, 'sysvshm', '0.15.5', '0.15.4'), needs(3, 'stop_timeout', '0.16.0', '0.15.4'), needs(4, 'exec_stop', '0.16.0', '0.15.4')],
    );
  });

  test('the newest pot by default, and any version that has them', () => {
    assert.equal(runCli(['validate', JOB]).status, 0);
    assert.equal(runCli(['validate', '--pot-version', '0.16.0', JOB]).status, 0);
  });

  test('a version that is not one, or older than the driver supports, is a usage error', () => {
    const bad = runCli(['validate', '--pot-version', 'latest', JOB]);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, 'error: --pot-version: "latest" is not a pot version; write it like 0.16.1\nRun "pot-nomad --help" for usage.\n');
    const old = runCli(['plan', '--pot-version', '0.14.1', JOB]);
    assert.equal(old.status, 2);
    assert.equal(old.stderr, 'error: --pot-version: pot 0.14.1 is too old: the driver needs pot 0.15.0 or later\nRun "pot-nomad --help" for usage.\n');
  });
});

describe('plan: cores and the driver network', () => {
  const job = `job "web" {
  group "g" {
    network {
      port "http" {}
    }
    task "www" {
      driver = "pot"
      config {
        image    = "https://potluck.example/nginx"
        pot      = "nginx-amd64-14_1"
        tag      = "1.0"
        command  = "nginx"
        port_map = { http = "tcp:80" }
      }
      resources {
        cores  = 2
        memory = 128
      }
    }
  }
}
`;
  const args = ['plan', '-', '--alloc-id', '7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f', '--invocation-id', '0a1b2c3d', '--port', 'http=27415'];
  const pot = 'www_0a1b2c3d_7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f';

  test('cores = 2 plans set-rss -C 2 before start, and the jail\'s port map is shown as its driver network', () => {
    const r = runCli(args, { input: job });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    const lines = r.stdout.split('\n');
    assert.ok(lines.includes('  driver network: the jail\'s own address, which pot assigns at prepare; http → 80'), r.stdout);
    const rss = lines.findIndex((line) => line.includes(' set-rss '));
    assert.equal(lines[rss], `    /usr/local/bin/pot set-rss -M 128M -C 2 -p ${pot}`);
    assert.equal(lines[rss + 1], `    /usr/local/bin/pot start ${pot}`);
  });

  test('-o json has the same', () => {
    const r = runCli([...args, '-o', 'json'], { input: job });
    assert.equal(r.status, 0);
    const task = (JSON.parse(r.stdout) as { tasks: Record<string, unknown>[] }).tasks[0]!;
    assert.deepEqual(task.driver_network, { address: null, port_map: { http: 80 } });
    assert.deepEqual((task.start as string[][]).at(-2), ['/usr/local/bin/pot', 'set-rss', '-M', '128M', '-C', '2', '-p', pot]);
  });
});
