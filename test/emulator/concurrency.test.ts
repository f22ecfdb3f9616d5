import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { pot, prepareArgs, tempRoot } from './harness.js';

describe('pot emulator under concurrent calls', () => {
  const { root, cleanup } = tempRoot('concurrency');
  after(cleanup);
  const tasks = ['a', 'b', 'c', 'd'];
  const name = (task: string): string => `${task}_0000000${tasks.indexOf(task)}_alloc`;

  it('prepares several pots of one image in parallel: one import, distinct addresses', async () => {
    const results = await Promise.all(
      tasks.map((task) =>
        pot(root, prepareArgs(task, `0000000${tasks.indexOf(task)}_alloc`, "sh -c 'echo $_POT_NAME > out.txt'", ['-N', 'public-bridge'])),
      ),
    );
    for (const result of results) assert.equal(result.code, 0, result.stdout);
    const imports = results.filter((result) => result.stdout.includes('===>  importing img-amd64-14_1 @ 1.0.2'));
    assert.equal(imports.length, 1);
    const ips = tasks.map((task) => {
      const conf = readFileSync(join(root, 'jails', name(task), 'conf', 'pot.conf'), 'utf8');
      return /^ip=(.*)$/m.exec(conf)?.[1];
    });
    assert.deepEqual([...ips].sort(), ['10.192.0.3', '10.192.0.4', '10.192.0.5', '10.192.0.6']);
    const listed = await pot(root, ['ls', '-q']);
    assert.equal(listed.stdout, `${tasks.map(name).join('\n')}\n`);
  });

  it('starts several pots in parallel, each running its own command', async () => {
    const results = await Promise.all(tasks.map((task) => pot(root, ['start', name(task)])));
    for (const [index, result] of results.entries()) {
      const task = tasks[index] as string;
      assert.equal(result.code, 0);
      assert.equal(result.stdout, `===>  Starting the pot ${name(task)}\n`);
      assert.equal(readFileSync(join(root, 'jails', name(task), 'm', 'out.txt'), 'utf8'), `${name(task)}\n`);
      assert.equal((await pot(root, ['last-run-stats', '-p', name(task)])).stdout, '{ "ExitCode": 0 }\n');
    }
  });

  it('serialises calls on one pot and leaves no lock behind', async () => {
    const target = name('a');
    const values = ['1', '2', '3', '4', '5', '6'];
    const results = await Promise.all(
      values.map((value) => pot(root, ['set-env', '-p', target, '-E', `N=${value}`, '-E', `M=${value}`])),
    );
    for (const result of results) assert.equal(result.code, 0);
    const conf = readFileSync(join(root, 'jails', target, 'conf', 'pot.conf'), 'utf8');
    const envLines = conf.split('\n').filter((line) => line.startsWith('pot.env='));
    // every writer replaced both lines at once, so the two always come from the same call
    assert.equal(envLines.length, 2);
    assert.equal(envLines[0]?.replace('N=', 'M='), envLines[1]);
    assert.deepEqual(readdirSync(join(root, 'tmp')).filter((file) => file.startsWith('pot-lock')), []);
  });
});
