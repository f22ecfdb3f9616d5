import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NUL_PROBLEM } from '../../src/driver/config.js';
import { ConfigError } from '../../src/driver/errors.js';
import { potName, TASK_NAME_RULE, taskNameProblem } from '../../src/driver/pot-name.js';
import { checkTaskInput, enforceTaskInput, envEntryName, mountRootProblem, nulEnvKeys } from '../../src/driver/task-input.js';
import { FakePot, NEVER, nomadTask, RAW_CONFIG } from './fake-pot.js';
import { makeDriver } from './helpers.js';

const RULE = TASK_NAME_RULE;
const BLANKS = 'pot mount-in does not accept paths with spaces, and each task\'s /local, /secrets and /alloc are mounted from below it; use a data dir without blanks';

describe('taskNameProblem', () => {
  it('accepts letters, digits, "-", "_" and "." after the first character', () => {
    for (const name of ['web', 'www1', 'api.v2', 'a-b_c.D9', '9lives', '_x', 'x-', 'x.']) assert.equal(taskNameProblem(name), undefined, name);
    assert.equal(potName('api.v2', '0a1b2c3d', 'alloc'), 'api_v2_0a1b2c3d_alloc');
  });

  it('names the task, the first character pot cannot take, shown as JSON, and what is allowed', () => {
    const cases: [string, string][] = [
      ['a b', '" "'],
      ['a\tb', '"\\t"'],
      ['a\nb', '"\\n"'],
      ['a\u0000b', '"\\u0000"'],
      ['t;x', '";"'],
      [`a'b"c`, `"'"`],
      ['$(id)', '"$"'],
      ['a/b', '"/"'],
      ['a:b', '":"'],
      ['ä', '"ä"'],
      ['a😀', '"😀"'],
    ];
    for (const [name, char] of cases) {
      assert.equal(taskNameProblem(name), `task ${JSON.stringify(name)}: ${char} cannot be part of a pot name (pot names become ZFS dataset and jail names); ${RULE}`);
    }
  });

  it('refuses a leading "-" or "." and an empty name', () => {
    assert.equal(taskNameProblem('-F'), `task "-F": a task name cannot start with "-", which pot would read as an option; ${RULE}`);
    assert.equal(taskNameProblem('.x'), `task ".x": a task name cannot start with ".", which would hide its task directory; ${RULE}`);
    assert.equal(taskNameProblem(''), `a task needs a name for its pot; ${RULE}`);
    assert.equal(RULE, 'use only letters A-Z and a-z, digits, "-", "_" and ".", and do not start with "-" or "."');
  });
});

describe('mountRootProblem and nulEnvKeys', () => {
  it('refuses blanks and NUL bytes in the directory the task directories are mounted from', () => {
    assert.equal(mountRootProblem('/var/tmp/nomad/alloc/x'), undefined);
    assert.equal(mountRootProblem('/var/tmp/my nomad'), BLANKS);
    assert.equal(mountRootProblem('/var/tmp/my\tnomad'), BLANKS);
    assert.equal(mountRootProblem('/var/tmp/a\u0000b'), NUL_PROBLEM);
  });

  it('lists the keys whose name or value holds a NUL, in order', () => {
    assert.deepEqual(nulEnvKeys({ A: 'a', B: 'x\u0000', C: 'c', 'D\u0000': 'd' }), ['B', 'D\u0000']);
    assert.deepEqual(nulEnvKeys({}), []);
    assert.equal(envEntryName('P_nul'), 'env["P_nul"]');
    assert.equal(envEntryName('a\u0000b'), 'env["a\\u0000b"]');
  });
});

describe('checkTaskInput', () => {
  it('finds nothing wrong with an ordinary task', () => {
    assert.deepEqual(checkTaskInput(nomadTask()), []);
  });

  it('reports the name, the alloc dir and each environment entry, as whole-task errors', () => {
    const task = nomadTask({ taskName: 'a b', allocDir: '/var/tmp/my nomad/alloc/x', env: { OK: '1', P_nul: 'a\u0000b', 'K\u0000': 'v' } });
    assert.deepEqual(checkTaskInput(task), [
      { path: [], severity: 'error', message: `task "a b": " " cannot be part of a pot name (pot names become ZFS dataset and jail names); ${RULE}` },
      { path: [], severity: 'error', message: `alloc dir "/var/tmp/my nomad/alloc/x": ${BLANKS}` },
      { path: [], severity: 'error', message: `env["P_nul"]: ${NUL_PROBLEM}` },
      { path: [], severity: 'error', message: `env["K\\u0000"]: ${NUL_PROBLEM}` },
    ]);
    assert.throws(() => enforceTaskInput(task), (e: unknown) => e instanceof ConfigError && e.issues.length === 4 && e.message.startsWith('invalid task: task "a b": '));
    assert.doesNotThrow(() => enforceTaskInput(nomadTask()));
  });
});

describe('StartTask', () => {
  it('refuses a bad name, alloc dir or environment with a ConfigError before any pot command', async () => {
    const pot = new FakePot();
    const driver = makeDriver(pot);
    const refused = async (overrides: Parameters<typeof nomadTask>[0]): Promise<unknown> =>
      driver.startTask({ task: nomadTask(overrides), driverConfig: RAW_CONFIG }, NEVER).then(() => assert.fail('started'), (e: unknown) => e);

    const dash = await refused({ taskName: '-F', id: nomadTask().id.replace('/web/', '/-F/') });
    assert.ok(dash instanceof ConfigError);
    assert.equal(dash.message, `invalid task: task "-F": a task name cannot start with "-", which pot would read as an option; ${RULE}`);
    const env = await refused({ env: { P_nul: 'a\u0000b' } });
    assert.ok(env instanceof ConfigError);
    assert.equal(env.message, `invalid task: env["P_nul"]: ${NUL_PROBLEM}`);
    const dir = await refused({ allocDir: '/var/tmp/my nomad/alloc/x' });
    assert.ok(dir instanceof ConfigError);
    assert.equal(dir.message, `invalid task: alloc dir "/var/tmp/my nomad/alloc/x": ${BLANKS}`);
    assert.deepEqual(pot.calls, []);
    // The refused starts did not keep their ids reserved.
    await driver.startTask({ task: nomadTask(), driverConfig: RAW_CONFIG }, NEVER);
    assert.equal(pot.callsOf('prepare').length, 1);
  });
});
