/** `status` and `inspect` show a public-bridge jail's own address and port map, from a run on the emulator. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const work = mkdtempSync(path.join(tmpdir(), 'pn-cli-net-'));
const env = { POT_EMULATOR_ROOT: path.join(work, 'pot') };
const dataDir = path.join(work, 'data');
const job = path.join(work, 'bridge.hcl');
writeFileSync(
  job,
  `job "bridge" {
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
        command  = "sleep"
        args     = ["30"]
        port_map = { http = "80" }
      }
    }
  }
}
`,
);

after(() => {
  runCli(['stop', '--purge', '--data-dir', dataDir, 'bridge'], { env });
  rmSync(work, { recursive: true, force: true });
});

describe('the driver network in the CLI', () => {
  test('status and inspect show the address pot gave the jail and its port map', () => {
    const started = runCli(['run', '-d', '--emulate', '--data-dir', dataDir, job], { env });
    assert.equal(started.status, 0, started.stderr);
    const status = runCli(['status', '--data-dir', dataDir, 'bridge', '-o', 'json'], { env });
    assert.equal(status.status, 0, status.stderr);
    const task = (JSON.parse(status.stdout) as { runs: { allocs: { tasks: Record<string, unknown>[] }[] }[] }).runs[0]!.allocs[0]!.tasks[0]!;
    const network = task.driver_network as { address: string; port_map: Record<string, number> };
    assert.match(network.address, /^10\.192\.\d+\.\d+$/);
    assert.deepEqual(network.port_map, { http: 80 });

    const text = runCli(['status', '--data-dir', dataDir, 'bridge'], { env }).stdout.split('\n');
    const at = text.indexOf('Driver Network');
    assert.ok(at > 0, text.join('\n'));
    assert.match(text[at + 2] ?? '', new RegExp(`^[0-9a-f]{8}  www   ${network.address.replace(/\./g, '\\.')}  http → 80$`));

    const inspected = runCli(['inspect', '--data-dir', dataDir, 'www'], { env });
    assert.ok(inspected.stdout.split('\n').includes(`Driver Network  = ${network.address} (http → 80)`), inspected.stdout);
  });
});
