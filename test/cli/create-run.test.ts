/**
 * createRun checks the whole job, the host policy included, before it writes anything of the run: a refused
 * job leaves neither a record nor a copy of the job file behind, and never had one.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createRun } from '../../src/cli/runtime/create-run.js';
import { resolveRunSettings } from '../../src/cli/runtime/run-settings.js';
import type { HostPolicy } from '../../src/driver/host-policy.js';
import { JobFileError } from '../../src/hcl/source.js';

const work = mkdtempSync(join(tmpdir(), 'pn-create-run-'));
after(() => rmSync(work, { recursive: true, force: true }));

const JOB = `job "copy" {
  type = "batch"
  group "g" {
    task "t" {
      driver = "pot"
      config {
        image   = "https://potluck.example/img"
        pot     = "base-amd64-14_1"
        tag     = "1.0"
        command = "/bin/true"
        copy    = ["/pn-nowhere/nginx.conf:/etc/nginx.conf"]
      }
    }
  }
}
`;

const POLICY: HostPolicy = { hostPaths: { allowed: ['/srv'], origin: { kind: 'flag' } } };

function setUp(name: string): { file: string; dataDir: string } {
  const dir = join(work, name);
  const file = join(work, `${name}.nomad.hcl`);
  writeFileSync(file, JOB);
  return { file, dataDir: join(dir, 'data') };
}

const runFiles = (dataDir: string): string[] => readdirSync(join(dataDir, 'runs')).filter((f) => !f.endsWith('.lock'));

describe('createRun', () => {
  it('refuses a job outside the host policy with its diagnostics, and writes no record and no job copy', async () => {
    const { file, dataDir } = setUp('refused');
    const settings = resolveRunSettings({ dataDir, emulate: true }, undefined, {});
    const error = await createRun({ file, vars: [], settings, hostPolicy: POLICY }).catch((e: unknown) => e);
    assert.ok(error instanceof JobFileError);
    assert.deepEqual(
      error.diagnostics.map((d) => [d.severity, d.summary, d.path, d.range?.start.line]),
      [
        [
          'error',
          'copy[0]: the host path "/pn-nowhere/nginx.conf" is not allowed on this node (allowed: "/srv", the allocation\'s own directory); to allow it, add --allow-host-path /pn-nowhere/nginx.conf',
          'job "copy" > group "g" > task "t" > config',
          11,
        ],
      ],
    );
    assert.deepEqual(runFiles(dataDir), []);
  });

  it('writes the record of a job the policy allows, and of any job without a policy', async () => {
    const { file, dataDir } = setUp('allowed');
    const settings = resolveRunSettings({ dataDir, emulate: true }, undefined, {});
    const allowed = await createRun({ file, vars: [], settings, hostPolicy: { hostPaths: { allowed: ['/pn-nowhere'], origin: { kind: 'flag' } } } });
    const unrestricted = await createRun({ file, vars: [], settings });
    assert.deepEqual(runFiles(dataDir).sort(), [allowed.record.id, unrestricted.record.id].flatMap((id) => [`${id}.job.hcl`, `${id}.json`]).sort());
    assert.deepEqual(allowed.job.tasks.map((t) => t.config.pot.copy), [[{ source: '/pn-nowhere/nginx.conf', destination: '/etc/nginx.conf' }]]);
  });
});
