import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnosticsOf, rulesOf } from './helpers.js';

const TASK = 'task "t" {\n      driver = "pot"\n    }';

describe('the job rules', () => {
  it('accept a minimal job: Nomad fills in the region, datacenters, type and namespace', () => {
    assert.deepEqual(rulesOf(`job "j" {\n  group "g" {\n    ${TASK}\n  }\n}\n`), []);
  });

  it('refuse an empty region, a job ID with a space and an empty name, at the argument or the label', () => {
    assert.deepEqual(rulesOf(`job "my job" {\n  region = ""\n  name   = ""\n  group "g" {\n    ${TASK}\n  }\n}\n`), [
      'error 2:12 Missing job region',
      'error 1:5 Job ID contains a space',
      'error 3:12 Missing job name',
    ]);
  });

  it('take the ID from id and the name from the label, as Nomad\'s decoder does', () => {
    assert.deepEqual(rulesOf(`job "j" {\n  id = "a b"\n  group "g" {\n    ${TASK}\n  }\n}\n`), ['error 2:8 Job ID contains a space']);
  });

  it('know the job types, with "core" reserved for Nomad', () => {
    const typed = (type: string) => rulesOf(`job "j" {\n  type = "${type}"\n  group "g" {\n    ${TASK}\n  }\n}\n`);
    assert.deepEqual(typed('sysbatch'), []);
    assert.deepEqual(typed('core'), ['error 2:10 job type cannot be core']);
    assert.deepEqual(typed(''), ['error 2:10 Missing job type']);
    assert.deepEqual(typed('Service'), ['error 2:10 Invalid job type: "Service"']);
  });

  it('take a priority of 0 as unset, refuse one below 1 and only warn above the servers\' default limit of 100', () => {
    const prio = (p: number) => rulesOf(`job "j" {\n  priority = ${p}\n  group "g" {\n    ${TASK}\n  }\n}\n`);
    assert.deepEqual(prio(0), []);
    assert.deepEqual(prio(100), []);
    assert.deepEqual(prio(-1), ['error 2:14 job priority must be between [1, 100]']);
    assert.deepEqual(prio(101), ['warning 2:14 job priority must be between [1, 100]']);
  });

  it('refuse empty datacenter names, each one', () => {
    assert.deepEqual(rulesOf(`job "j" {\n  datacenters = ["", "dc1", ""]\n  group "g" {\n    ${TASK}\n  }\n}\n`), [
      'error 2:17 Job datacenter must be non-empty string',
      'error 2:17 Job datacenter must be non-empty string',
    ]);
  });

  it('count a task written straight in the job as a group of its own name', () => {
    const source = `job "j" {\n  task "web" {\n    driver = "pot"\n  }\n  group "web" {\n    ${TASK}\n  }\n}\n`;
    const [d] = diagnosticsOf(source);
    assert.equal(d!.summary, "Job task group 2 redefines 'web' from group 1");
    assert.equal(d!.detail, 'Group "web" is already defined at line 2; each group in a job needs its own name (a task written straight in the job is a group of its own name).');
    assert.equal(d!.path, 'job "j" > group "web"');
    assert.deepEqual(rulesOf(`job "j" {\n  task "web" {\n    driver = "pot"\n  }\n}\n`), []);
  });

  it('refuse a count over 1 in a system job, also when it comes from the scaling block\'s minimum', () => {
    const source = `job "j" {\n  type = "system"\n  group "g" {\n    scaling {\n      min = 2\n      max = 3\n    }\n    ${TASK}\n  }\n}\n`;
    assert.deepEqual(rulesOf(source), ['error 5:13 Job task group g has count 2. Count cannot exceed 1 with system scheduler']);
  });

  it('refuse a UI description over 1000 bytes from Nomad 1.8 on', () => {
    const source = `job "j" {\n  ui {\n    description = "${'é'.repeat(501)}"\n  }\n  group "g" {\n    ${TASK}\n  }\n}\n`;
    assert.deepEqual(rulesOf(source), ['error 3:19 UI description must be under 1000 characters, currently 1002']);
    assert.deepEqual(rulesOf(source, '1.7.7').filter((l) => l.startsWith('error')), []);
  });
});
