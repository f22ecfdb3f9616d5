import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NUL_PROBLEM } from '../../src/driver/config.js';
import { ConfigError } from '../../src/driver/errors.js';
import { potName, TASK_NAME_RULE, taskNameProblem } from '../../src/driver/pot-name.js';
import {
  checkTaskInput,
  enforceTaskInput,
  envEntryName,
  MAX_ARGUMENT_BYTES,
  MAX_ENV_BYTES,
  MAX_TASK_ID_BYTES,
  MAX_TASK_NAME_BYTES,
  mountRootProblem,
  nulEnvKeys,
} from '../../src/driver/task-input.js';
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

  it('refuses ids, names and environments too large for pot\'s command lines, naming each and its size', () => {
    const allocId = nomadTask().allocId;
    const longName = 'n'.repeat(MAX_TASK_NAME_BYTES + 1);
    assert.deepEqual(checkTaskInput(nomadTask({ id: `${allocId}/${longName}/7f3e9a1c`, taskName: longName })).map((i) => i.message), [
      `task id "${allocId}/nnn"… is ${MAX_TASK_ID_BYTES + 1} bytes long; Nomad's task ids (<alloc>/<task>/<invocation>) have at most ${MAX_TASK_ID_BYTES}`,
      `task "${'n'.repeat(40)}"…: the name is ${MAX_TASK_NAME_BYTES + 1} bytes long; pot makes it part of a ZFS dataset name, so a task name may have at most ${MAX_TASK_NAME_BYTES} bytes`,
    ]);
    const exactly = 'n'.repeat(MAX_TASK_NAME_BYTES);
    assert.deepEqual(checkTaskInput(nomadTask({ id: `${allocId}/${exactly}/7f3e9a1c`, taskName: exactly })), []);

    const huge = 'v'.repeat(1024 * 1024);
    assert.deepEqual(checkTaskInput(nomadTask({ env: { BIG: huge } })).map((i) => i.message), [
      `env["BIG"]: the entry is ${4 + huge.length} bytes long, and no program can take an argument of more than ${MAX_ARGUMENT_BYTES} bytes; pass large data in a file (a template or an artifact) instead`,
      `the task environment takes ${4 + huge.length + 4} bytes on pot set-env's command line, more than the ${MAX_ENV_BYTES} pot can be given; pass large data in files (templates or artifacts) instead`,
    ]);
    // Many entries that are each fine can still be too many together.
    const many = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`V${i}`, 'x'.repeat(60 * 1024)]));
    assert.deepEqual(checkTaskInput(nomadTask({ env: many })).map((i) => i.message), [
      `the task environment takes ${4 * (3 + 60 * 1024 + 4)} bytes on pot set-env's command line, more than the ${MAX_ENV_BYTES} pot can be given; pass large data in files (templates or artifacts) instead`,
    ]);
    const fits = { A: 'x'.repeat(MAX_ARGUMENT_BYTES - 2) };
    assert.deepEqual(checkTaskInput(nomadTask({ env: fits })), []);
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
