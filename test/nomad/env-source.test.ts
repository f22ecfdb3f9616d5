import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadJobSource } from '../../src/hcl/load.js';
import { envEntrySource } from '../../src/nomad/env.js';

const JOB = `job "j" {
  meta {
    from_job = "1"
  }
  group "g" {
    meta {
      my-key = "2"
    }
    task "t" {
      driver = "pot"
      env {
        NOMAD_META_OWN = "3"
        PLAIN          = "4"
      }
      meta {
        Task_Key = "5"
      }
      config {}
    }
  }
}
`;

describe('envEntrySource', () => {
  it('names a variable after the job file entry that sets it', () => {
    const { job } = loadJobSource('j.hcl', JOB, '/', { vars: [], env: {}, allowFS: false });
    const group = job.groups[0]!;
    const task = group.tasks[0]!;
    const source = (key: string): string => envEntrySource(key, job, group, task);
    assert.equal(source('PLAIN'), 'env["PLAIN"]');
    // The task's own env wins over meta, as it does in the environment.
    assert.equal(source('NOMAD_META_OWN'), 'env["NOMAD_META_OWN"]');
    assert.equal(source('NOMAD_META_from_job'), 'meta["from_job"]');
    assert.equal(source('NOMAD_META_FROM_JOB'), 'meta["from_job"]');
    assert.equal(source('NOMAD_META_my_key'), 'meta["my-key"]');
    assert.equal(source('NOMAD_META_TASK_KEY'), 'meta["Task_Key"]');
    assert.equal(source('NOMAD_META_unknown'), 'env["NOMAD_META_unknown"]');
    assert.equal(source('NOMAD_JOB_NAME'), 'env["NOMAD_JOB_NAME"]');
  });
});
