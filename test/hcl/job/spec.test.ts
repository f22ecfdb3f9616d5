import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { JOB } from '../../../src/hcl/job/spec/job.js';
import { listSpec } from '../../../src/hcl/job/spec/listing.js';
import { compareVersions, parseNomadVersion } from '../../../src/hcl/job/spec/versions.js';
import { ROOT } from '../../helpers/cli.js';

describe('the job specification table', () => {
  it('lists exactly the checked-in expectation, line by line', () => {
    const expected = readFileSync(`${ROOT}fixtures/nomad-spec/jobspec.txt`, 'utf8').trimEnd().split('\n');
    const actual = listSpec(JOB, 'job');
    assert.deepEqual(
      actual.filter((l) => !expected.includes(l)),
      [],
      'lines in the table but not in fixtures/nomad-spec/jobspec.txt',
    );
    assert.deepEqual(
      expected.filter((l) => !actual.includes(l)),
      [],
      'lines in fixtures/nomad-spec/jobspec.txt but not in the table',
    );
    assert.equal(actual.length, expected.length);
  });

  it('holds the blocks and arguments real pot jobs use, with the versions that brought them', () => {
    const lines = new Set(listSpec(JOB, 'job'));
    for (const line of [
      'job.group.service.check_restart block one',
      'job.group.service.check.check_restart block one',
      'job.group.task.secret block many labels(name) since 1.11.0',
      'job.group.max_run_duration duration since 2.0.3',
      'job.group.task.resources.memory_max int nullable',
      'job.group.task.env map(string) one or-argument',
      'job.group.task.scaling block many labels(name)',
      'job.group.volume block by-label labels(name)',
      'job.vault_token string nullable until 1.10.0',
      'job.ui block one since 1.8.0',
      'job.group.task.lifecycle.hook string required',
      'job.group.service.connect.gateway.mesh block one',
      'job.group.network.port.ignore_collision bool since 1.9.0',
    ]) {
      assert.ok(lines.has(line), line);
    }
  });
});

describe('Nomad versions', () => {
  it('reads 1.9, 1.9.3 and v1.10.0, and nothing else', () => {
    assert.equal(parseNomadVersion('1.9'), '1.9.0');
    assert.equal(parseNomadVersion('1.9.3'), '1.9.3');
    assert.equal(parseNomadVersion('v1.10.0'), '1.10.0');
    for (const bad of ['', '1', 'one.two', '1.9.3.4', '1.9-beta']) assert.equal(parseNomadVersion(bad), undefined, bad);
  });

  it('orders by number, not by text', () => {
    assert.ok(compareVersions('1.10.0', '1.9.7') > 0);
    assert.ok(compareVersions('2.0.0', '1.11.3') > 0);
    assert.equal(compareVersions('1.6.0', '1.6.0'), 0);
  });
});
