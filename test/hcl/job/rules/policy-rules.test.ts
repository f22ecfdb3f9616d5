import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnosticsOf, errorsOf } from './helpers.js';

/** A job of the given type with `group` inserted in its group (from line 4) and one task. */
function job(type: string, group: string, jobLevel = ''): string {
  return `job "j" {\n  type = "${type}"\n${jobLevel}  group "g" {\n${group}\n    task "t" {\n      driver = "pot"\n    }\n  }\n}\n`;
}

describe('the restart policy', () => {
  it('takes the defaults of the job type where the block leaves them out', () => {
    // 2 attempts × 15s fit the service default interval of 30m, but not a 20s one.
    assert.deepEqual(errorsOf(job('service', '    restart {\n      interval = "20s"\n    }')), [
      "error 5:18 Nomad can't restart the TaskGroup 2 times in an interval of 20s with a delay of 15s",
    ]);
    // The batch default is 3 attempts: 45s no longer fit a 40s interval.
    assert.deepEqual(errorsOf(job('service', '    restart {\n      interval = "40s"\n    }')), []);
    assert.deepEqual(errorsOf(job('batch', '    restart {\n      interval = "40s"\n    }')), [
      "error 5:18 Nomad can't restart the TaskGroup 3 times in an interval of 40s with a delay of 15s",
    ]);
  });

  it('refuses an unknown mode, an ambiguous one and a short interval', () => {
    assert.deepEqual(errorsOf(job('service', '    restart {\n      mode     = "delay"\n      attempts = 0\n      interval = "4s"\n    }')), [
      'error 6:18 Restart policy "delay" with 0 attempts is ambiguous',
      'error 7:18 Interval can not be less than 5s (got 4s)',
    ]);
  });
});

describe('the reschedule policy', () => {
  it('is unlimited by default in service jobs, so attempts alone are ambiguous', () => {
    const source = job('service', '    reschedule {\n      attempts = 3\n      interval = "1h"\n    }');
    assert.deepEqual(errorsOf(source), [
      'error 5:18 Reschedule Policy with Attempts = 3, Interval = 1h0m0s, and Unlimited = true is ambiguous',
      'error 5:18 If Attempts >0, Unlimited cannot also be set to true',
    ]);
    assert.match(diagnosticsOf(source)[0]!.detail!, /unlimited defaults to true for service jobs/);
    assert.deepEqual(errorsOf(job('service', '    reschedule {\n      attempts  = 3\n      interval  = "1h"\n      unlimited = false\n    }')), []);
  });

  it('merges the job\'s reschedule block into the group\'s and reports where each value came from', () => {
    const source = job('batch', '    reschedule {\n      attempts = 7\n    }', '  reschedule {\n    interval = "30s"\n  }\n');
    assert.deepEqual(errorsOf(source), [
      'error 4:16 Nomad can only make 6 attempts in 30s with initial delay 5s and delay function "constant"',
      'error 4:16 Set the interval to at least 35s to accommodate 7 attempts',
    ]);
    assert.equal(diagnosticsOf(source)[0]!.path, 'job "j" > reschedule');
  });

  it('is refused in system jobs, and in sysbatch jobs from Nomad 1.11 on, where it was validated before', () => {
    const block = '    reschedule {\n      attempts = 1\n      interval = "1s"\n    }';
    assert.deepEqual(errorsOf(job('system', block)), ['error 4:5 System or sysbatch jobs should not have a reschedule policy']);
    assert.deepEqual(errorsOf(job('system', block), '1.10.5'), ['error 4:5 System jobs should not have a reschedule policy']);
    assert.deepEqual(errorsOf(job('sysbatch', block)), ['error 4:5 System or sysbatch jobs should not have a reschedule policy']);
    // Before 1.11 a sysbatch group's policy starts from all zeros, which only attempts make count.
    assert.deepEqual(errorsOf(job('sysbatch', block), '1.10.5'), [
      'error 4:5 Delay cannot be less than 5s (got 0s)',
      'error 4:5 Invalid delay function "", must be one of ["constant" "exponential" "fibonacci"]',
      'error 4:5 Max Delay cannot be less than 5s (got 0s)',
      'error 6:18 Interval cannot be less than 15s (got 1s)',
    ]);
  });

  it('computes how many attempts fit with exponential and fibonacci delays', () => {
    const exp = job('batch', '    reschedule {\n      attempts       = 4\n      interval       = "1m"\n      delay          = "10s"\n      delay_function = "exponential"\n      max_delay      = "1h"\n    }');
    assert.deepEqual(errorsOf(exp), [
      'error 6:24 Nomad can only make 3 attempts in 1m0s with initial delay 10s, delay function "exponential", and delay ceiling 1h0m0s',
      'error 6:24 Set the interval to at least 1m20s to accommodate 4 attempts',
    ]);
    const fib = exp.replace('"exponential"', '"fibonacci"').replace('attempts       = 4', 'attempts       = 6');
    assert.deepEqual(errorsOf(fib), [
      'error 6:24 Nomad can only make 5 attempts in 1m0s with initial delay 10s, delay function "fibonacci", and delay ceiling 1h0m0s',
      'error 6:24 Set the interval to at least 1m20s to accommodate 6 attempts',
    ]);
  });
});

describe('the update strategy', () => {
  it('is merged from the job into each group, over Nomad\'s defaults', () => {
    const source = job('service', '    update {\n      healthy_deadline = "2m"\n    }', '  update {\n    min_healthy_time = "3m"\n  }\n');
    assert.deepEqual(errorsOf(source), ['error 4:24 Minimum healthy time must be less than healthy deadline: 3m0s > 2m0s']);
  });

  it('is refused in batch jobs, where the job\'s block counts for every group', () => {
    assert.deepEqual(errorsOf(job('batch', '', '  update {\n    max_parallel = 2\n  }\n')), ['error 3:3 Job type "batch" does not allow update block']);
  });

  it('bounds the kill_timeout of service tasks by its progress deadline (10m by default), and of no others', () => {
    const slow = (type: string) => job(type, '').replace('driver = "pot"', 'driver       = "pot"\n      kill_timeout = "20m"');
    assert.deepEqual(errorsOf(slow('service')), ["error 7:22 KillTimout (20m0s) longer than the group's ProgressDeadline (10m0s)"]);
    assert.deepEqual(errorsOf(slow('system')), []);
    assert.deepEqual(errorsOf(slow('batch')), []);
  });

  it('is not inherited from a job block whose every value is zero', () => {
    const zero = '  update {\n    stagger = "0s"\n    max_parallel = 0\n    health_check = ""\n    min_healthy_time = "0s"\n    healthy_deadline = "0s"\n    progress_deadline = "0s"\n  }\n';
    assert.deepEqual(errorsOf(job('batch', '', zero)), []);
  });
});

describe('the migrate strategy', () => {
  it('is refused outside service jobs and checked in them, merged from the job', () => {
    assert.deepEqual(errorsOf(job('batch', '    migrate {}')), ['error 4:5 Job type "batch" does not allow migrate block']);
    assert.deepEqual(errorsOf(job('service', '    migrate {\n      health_check = "manual"\n    }', '  migrate {\n    max_parallel = -2\n  }\n')), [
      'error 4:20 MaxParallel must be >= 0 but found -2',
      'error 8:22 Invalid HealthCheck: "manual"',
    ]);
  });
});
