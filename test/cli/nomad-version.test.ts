import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'pot-nomad-version-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// A batch job using `max_run_duration`, which Nomad reads from 2.0.3 on.
const JOB = join(dir, 'batch.nomad.hcl');
writeFileSync(
  JOB,
  `job "b" {
  type = "batch"
  group "g" {
    max_run_duration = "1h"
    task "t" {
      driver = "pot"
      config {
        image = "https://potluck.honeyguide.net/nginx-nomad"
        pot   = "nginx-nomad-amd64-13_1"
        tag   = "1.1.13"
      }
    }
  }
}
`,
);

function validateJson(args: string[]): { valid: boolean; warnings: { summary: string; line: number; column: number }[] } {
  const r = runCli(['validate', '-o', 'json', JOB, ...args]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('--nomad-version', () => {
  it('takes the newest Nomad by default, which reads the field', () => {
    assert.deepEqual(validateJson([]).warnings, []);
  });

  it('warns, without failing, about a field an older targeted Nomad does not read', () => {
    const doc = validateJson(['--nomad-version', '1.10']);
    assert.equal(doc.valid, true);
    assert.deepEqual(
      doc.warnings.map((w) => [w.summary, w.line, w.column]),
      [['Argument "max_run_duration" needs Nomad 2.0.3', 4, 5]],
    );
  });

  it('is read from nomad_version in the settings file, and the flag wins over it', () => {
    const config = join(dir, 'pot-nomad.toml');
    writeFileSync(config, 'nomad_version = "1.9.7"\n');
    assert.equal(validateJson(['--config', config]).warnings.length, 1);
    assert.equal(validateJson(['--config', config, '--nomad-version', '2.0.5']).warnings.length, 0);
  });

  it('refuses a version it cannot read, naming the oldest it can', () => {
    const r = runCli(['validate', JOB, '--nomad-version', '1.5.3']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr.split('\n')[0], 'error: --nomad-version must be 1.6.0 or later, the oldest Nomad whose job files pot-nomad reads; got "1.5.3"');
    const bad = runCli(['plan', JOB, '--nomad-version', 'latest']);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr.split('\n')[0], 'error: --nomad-version expects a Nomad version such as 1.9 or 1.10.3; got "latest"');
  });

  it('refuses a bad nomad_version in the settings file with its line', () => {
    const config = join(dir, 'bad.toml');
    writeFileSync(config, '# target\nnomad_version = 1.9\n');
    const r = runCli(['validate', JOB, '--config', config]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /bad\.toml:2: "nomad_version" expects a string such as "1\.9\.3", not a float/);
  });
});
