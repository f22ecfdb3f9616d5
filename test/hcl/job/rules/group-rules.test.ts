import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnosticsOf, errorsOf } from './helpers.js';

/** A job of `type` whose group has `group` from line 4 and one task. */
function job(group: string, type = 'service'): string {
  return `job "j" {\n  type = "${type}"\n  group "g" {\n${group}\n    task "t" {\n      driver = "pot"\n    }\n  }\n}\n`;
}

describe('the group rules', () => {
  it('need a task, saying how a gateway group gets one', () => {
    const [d] = diagnosticsOf('job "j" {\n  group "g" {\n    count = 2\n  }\n}\n');
    assert.equal(d!.summary, 'Missing tasks for task group');
    assert.equal(d!.detail, 'Group "g" needs a task: task "<name>" { driver = "pot" ... }.');
  });

  it('allow one leader task', () => {
    const source = `job "j" {\n  group "g" {\n    task "a" {\n      driver = "pot"\n      leader = true\n    }\n    task "b" {\n      driver = "pot"\n      leader = true\n    }\n  }\n}\n`;
    assert.deepEqual(errorsOf(source), ['error 9:16 Only one task may be marked as leader']);
  });

  it('check max_run_duration from Nomad 2.0.3 on, in batch and sysbatch jobs only', () => {
    assert.deepEqual(errorsOf(job('    max_run_duration = "1h"', 'batch')), []);
    assert.deepEqual(errorsOf(job('    max_run_duration = "1h"')), ['error 4:24 Job type "service" does not allow max_run_duration']);
    assert.deepEqual(errorsOf(job('    max_run_duration = "1h"'), '2.0.2'), []);
  });

  it('check the disconnect block from Nomad 1.8 on', () => {
    const source = job('    disconnect {\n      lost_after = "-1m"\n    }');
    assert.deepEqual(errorsOf(source), ['error 5:20 lost_after cannot be a negative duration']);
    assert.deepEqual(errorsOf(source, '1.7.7'), []);
  });

  it('refuse the older disconnect settings beside the block in Nomad 1.8 and 1.9, which copied them into it', () => {
    const both = job('    prevent_reschedule_on_lost = true\n    disconnect {\n      lost_after = "1h"\n    }');
    assert.deepEqual(errorsOf(both, '1.9.7'), ['error 4:34 using both prevent_reschedule_on_lost and replace is not allowed']);
    assert.deepEqual(errorsOf(both), []);
    const negative = job('    max_client_disconnect = "-1h"\n    disconnect {}');
    assert.deepEqual(errorsOf(negative, '1.9.7'), ['error 4:29 max_client_disconnect cannot be negative', 'error 4:29 lost_after cannot be a negative duration']);
  });

  it('checked the older disconnect settings alone until Nomad 1.10, which ignores them', () => {
    const source = job('    max_client_disconnect        = "1h"\n    stop_after_client_disconnect = "1m"', 'system');
    assert.deepEqual(errorsOf(source, '1.9.7'), [
      'error 5:36 Task group cannot be configured with both max_client_disconnect and stop_after_client_disconnect',
      'error 5:36 stop_after_client_disconnect can only be set in batch and service jobs',
    ]);
    assert.deepEqual(errorsOf(source), []);
    const lost = job('    max_client_disconnect      = "1h"\n    prevent_reschedule_on_lost = true\n    reschedule {\n      attempts = 1\n      interval = "1h"\n      unlimited = false\n    }');
    assert.deepEqual(errorsOf(lost, '1.9.7'), ['error 5:34 max_client_disconnect and prevent_reschedule_on_lost cannot be enabled when rechedule.attempts > 0']);
    assert.deepEqual(errorsOf(lost, '1.7.1'), []);
  });

  it('refuse an ephemeral disk under 10 MB', () => {
    assert.deepEqual(errorsOf(job('    ephemeral_disk {\n      size = 9\n    }')), [
      'error 5:14 minimum DiskMB value is 10; got 9',
      'error 5:14 log storage (100 MB) must be less than requested disk capacity (9 MB)',
    ]);
  });
});
