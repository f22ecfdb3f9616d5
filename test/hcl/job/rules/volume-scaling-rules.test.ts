import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorsOf } from './helpers.js';

/** A job whose group has `group` from line 4 and whose task has `task` from line 8 on. */
function job(group: string, type = 'service', task = ''): string {
  return `job "j" {\n  type = "${type}"\n  group "g" {\n${group}\n    task "t" {\n      driver = "pot"\n${task}\n    }\n  }\n}\n`;
}

describe('group volumes', () => {
  it('take only host and csi volumes, dropping any other type unchecked', () => {
    assert.deepEqual(errorsOf(job('    volume "nfs" {\n      type = "nfs"\n    }')), []);
  });

  it('refuse access modes on host volumes before Nomad 1.10, and check them after', () => {
    const source = job('    volume "data" {\n      type        = "host"\n      source      = "data"\n      access_mode = "single-node-writer"\n    }');
    assert.deepEqual(errorsOf(source), []);
    assert.deepEqual(errorsOf(source, '1.9.7'), ['error 7:21 host volumes cannot have an access mode']);
    const bad = source.replace('single-node-writer', 'multi-node-multi-writer');
    assert.deepEqual(errorsOf(bad, '1.11.0'), ['error 7:21 host volumes cannot be mounted with %!s(MISSING) access mode']);
  });

  it('count the group\'s allocations from its scaling minimum', () => {
    const source = job('    scaling {\n      min = 2\n      max = 4\n    }\n    volume "data" {\n      type            = "csi"\n      source          = "data"\n      access_mode     = "single-node-writer"\n      attachment_mode = "file-system"\n    }');
    assert.deepEqual(errorsOf(source), ['error 11:25 volume with single-node-writer access mode allows only one reader or writer']);
  });
});

describe('scaling blocks', () => {
  it('need max and the horizontal type in a group, as Nomad\'s decoder requires', () => {
    assert.deepEqual(errorsOf(job('    scaling {\n      max = 3\n    }')), []);
    assert.deepEqual(errorsOf(job('    scaling {\n      type = "horizontal"\n      max  = 3\n    }')), []);
  });

  it('take the group\'s count as the minimum when min is not set', () => {
    assert.deepEqual(errorsOf(job('    count = 4\n    scaling {\n      max = 3\n    }')), [
      'error 6:13 maximum count must not be less than minimum count',
      'error 4:13 Scaling policy invalid: task group count must not be greater than maximum count in scaling policy',
    ]);
  });

  it('in tasks are "cpu" or "mem", once each, of the matching type, in any case', () => {
    assert.deepEqual(errorsOf(job('', 'service', '      scaling "CPU" {\n        max = 1000\n      }\n      scaling "mem" {\n        max  = 2048\n        type = "vertical_mem"\n      }')), []);
  });
});
