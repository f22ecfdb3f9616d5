import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'pot-nomad-count-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function job(counts: number[]): string {
  const groups = counts.map(
    (count, i) => `  group "g${i}" {\n    count = ${count}\n    task "t" {\n      driver = "pot"\n      config {\n        image = "https://i"\n        pot   = "p"\n        tag   = "1"\n      }\n    }\n  }`,
  );
  const path = join(dir, `count-${counts.join('-')}.nomad.hcl`);
  writeFileSync(path, `job "j" {\n${groups.join('\n')}\n}\n`);
  return path;
}

describe('the number of allocations on one machine', () => {
  it('plans up to 1000 allocations of a job', () => {
    const r = runCli(['plan', '-o', 'json', job([600, 400]), '--alloc-id', '7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).tasks.length, 1000);
  });

  it('refuses to plan more, pointing at the largest count, without building them', () => {
    const path = job([2, 1_000_000]);
    const r = runCli(['plan', path]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.deepEqual(r.stderr.split('\n').slice(0, 2), ['error: Too many allocations for one machine', `  --> ${path}:14:13 (job "j" > group "g1")`]);
    assert.match(r.stderr, /The job has 1000002 allocations \(group "g1" has count 1000000\); pot-nomad builds at most 1000 on one machine\. Nomad accepts the job; lower the counts to plan or run it here\./);
  });

  it('validates such a job, as Nomad would, checking its first 1000 allocations and saying so', () => {
    const r = runCli(['validate', job([1_000_000])]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^warning: Too many allocations for one machine\n/);
    assert.match(r.stderr, /only the first 1000 were checked\./);
  });
});
