import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nomadTaskNameProblem } from '../../../../src/hcl/job/rules/task-rules.js';
import { errorsOf } from './helpers.js';

/** A job with one task named `name` whose body (from line 5) is `body`. */
function task(body: string, name = 't', type = 'service'): string {
  return `job "j" {\n  type = "${type}"\n  group "g" {\n    task "${name}" {\n${body}\n    }\n  }\n}\n`;
}

describe('the task rules', () => {
  it('refuse the name "alloc" from Nomad 1.11 on, and slashes always', () => {
    assert.deepEqual(errorsOf(task('      driver = "pot"', 'alloc')), ['error 4:10 Task cannot be named "alloc"']);
    assert.deepEqual(errorsOf(task('      driver = "pot"', 'alloc'), '1.10.5'), []);
    assert.deepEqual(errorsOf(task('      driver = "pot"', 'a\\\\b')), ['error 4:10 Task name cannot include slashes']);
    assert.equal(nomadTaskNameProblem('web'), undefined);
    assert.equal(nomadTaskNameProblem('a/b'), 'Task name cannot include slashes');
  });

  it('need a driver', () => {
    assert.deepEqual(errorsOf(task('      user = "www"')), ['error 4:10 Missing task driver']);
  });

  it('take a kill_timeout of 0 as Nomad\'s default of 5s', () => {
    const source = `job "j" {\n  group "g" {\n    update {\n      progress_deadline = "4s"\n      healthy_deadline  = "3s"\n      min_healthy_time  = "1s"\n    }\n    task "t" {\n      driver       = "pot"\n      kill_timeout = "0s"\n    }\n  }\n}\n`;
    assert.deepEqual(errorsOf(source), ["error 10:22 KillTimout (5s) longer than the group's ProgressDeadline (4s)"]);
  });

  it('refuse distinct_hosts among a task\'s constraints, numbered as Nomad numbers them', () => {
    const source = task('      driver = "pot"\n      constraint {\n        attribute = "${attr.kernel.name}"\n        value     = "freebsd"\n      }\n      constraint {\n        distinct_property = "${meta.rack}"\n      }');
    assert.deepEqual(errorsOf(source), ['error 11:29 Constraint 2 has disallowed Operand at task level: distinct_property']);
  });

  it('check every part of a task written straight in the job, as a group of its own', () => {
    const source = `job "j" {\n  task "t" {\n    driver = "pot"\n    resources {\n      memory = 5\n    }\n  }\n}\n`;
    assert.deepEqual(errorsOf(source), ['error 5:16 minimum MemoryMB value is 10; got 5']);
  });
});
