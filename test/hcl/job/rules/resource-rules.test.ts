import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnosticsOf, errorsOf } from './helpers.js';

/** A job whose task has `resources` (its body from line 6) and, in its group, `group`. */
function resources(body: string, group = '', task = ''): string {
  return `job "j" {\n  group "g" {\n${group}    task "t" {\n      driver = "pot"\n      resources {\n${body}\n      }\n${task}    }\n  }\n}\n`;
}

describe('task resources', () => {
  it('accept memory_max = -1 as "no limit" from Nomad 1.7.3 on', () => {
    const source = resources('        memory     = 256\n        memory_max = -1');
    assert.deepEqual(errorsOf(source), []);
    assert.deepEqual(errorsOf(source, '1.7.2'), ['error 7:22 MemoryMaxMB value (-1) should be larger than MemoryMB value (256)']);
    assert.match(diagnosticsOf(source, '1.7.2')[0]!.detail!, /from version 1\.7\.3 on; the targeted 1\.7\.2 does not/);
  });

  it('compare memory_max with the default memory of 300 MB', () => {
    assert.deepEqual(errorsOf(resources('        memory_max = 200')), ['error 6:22 MemoryMaxMB value (200) should be larger than MemoryMB value (300)']);
  });

  it('take cores instead of the default cpu, and refuse both set', () => {
    assert.deepEqual(errorsOf(resources('        cores = 2')), []);
    assert.deepEqual(errorsOf(resources('        cores = 2\n        cpu   = 100')), ["error 7:17 Task can only ask for 'cpu' or 'cores' resource, not both."]);
  });

  it('refuse negative cores only from Nomad 2.0.5 on', () => {
    assert.deepEqual(errorsOf(resources('        cores = -2')), ['error 6:17 cores value (-2) cannot be negative']);
    assert.deepEqual(errorsOf(resources('        cores = -2'), '2.0.4'), []);
  });

  it('ignore disk in a task\'s resources, which Nomad does not pass on', () => {
    assert.deepEqual(errorsOf(resources('        disk = 500')), []);
  });

  it('check the secrets directory against memory from Nomad 1.8.3 on', () => {
    assert.deepEqual(errorsOf(resources('        secrets = 400')), ['error 6:19 SecretsMB value (400) cannot be larger than MemoryMB value (300)']);
  });
});

describe('log rotation', () => {
  it('must fit the default 10 files of 10 MB in the group\'s disk, reported at the disk size', () => {
    const source = resources('        memory = 300', '    ephemeral_disk {\n      size = 100\n    }\n');
    assert.deepEqual(errorsOf(source), ['error 4:14 log storage (100 MB) must be less than requested disk capacity (100 MB)']);
    const fitting = resources('        memory = 300', '    ephemeral_disk {\n      size = 100\n    }\n', '      logs {\n        max_files = 5\n      }\n');
    assert.deepEqual(errorsOf(fitting), []);
  });
});
