import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { eventually, isAlive, pot, prepareArgs, readText, spawnPot, tempRoot } from './harness.js';

describe('pot emulator lifecycle', () => {
  const { root, cleanup } = tempRoot('lifecycle');
  after(cleanup);
  const potRoot = (name: string): string => join(root, 'jails', name, 'm');

  it('prepare → set-env → mount-in → start → get-rss -J → signal → stop', async () => {
    const name = 'www1_a1b2c3d4_5d3c1a0e';
    const command =
      "sh -c 'trap \"echo usr1 > local/usr1\" USR1; env > local/env.txt; echo started; while :; do sleep 0.05; done'";
    const prepared = await pot(root, prepareArgs('www1', 'a1b2c3d4_5d3c1a0e', command, ['-N', 'public-bridge', '-i', 'auto', '-e', '80:23456']));
    assert.equal(prepared.code, 0);
    assert.equal(
      prepared.stdout,
      [
        '===>  importing img-amd64-14_1 @ 1.0.2 as img-amd64-14_1_1_0_2',
        '===>  The pot emulator does not download images: img-amd64-14_1_1_0_2 is recorded as an empty template',
        `===>  Prepared the pot ${name}`,
        '',
      ].join('\n'),
    );
    const conf = readFileSync(join(root, 'jails', name, 'conf', 'pot.conf'), 'utf8').split('\n');
    for (const line of [
      'network_type=public-bridge',
      'vnet=true',
      'ip=10.192.0.3',
      "pot.cmd=sh -c 'trap \"echo usr1 > local/usr1\" USR1; env > local/env.txt; echo started; while :; do sleep 0.05; done'",
      'pot.attr.persistent=NO',
      'pot.attr.no-rc-script=YES',
      'pot.attr.prunable=YES',
      'pot.attr.localhost-tunnel=YES',
      'pot.attr.no-etc-hosts=YES',
      'pot.attr.no-tmpfs=YES',
      'pot.export.ports=80:23456',
    ]) {
      assert.ok(conf.includes(line), line);
    }

    assert.equal((await pot(root, ['set-attribute', '-p', name, '-A', 'stop_timeout', '-V', '2'])).code, 0);
    const env = await pot(root, ['set-env', '-p', name, '-E', 'GREETING=hello world', '-E', 'QUOTED=say "hi"', '-E', 'NOMAD_TASK_NAME=www1']);
    assert.equal(env.code, 0);
    const stored = readFileSync(join(root, 'jails', name, 'conf', 'pot.conf'), 'utf8');
    assert.ok(stored.endsWith('pot.env="GREETING=hello world"\npot.env="QUOTED=say \\"hi\\""\npot.env="NOMAD_TASK_NAME=www1"\n'));

    const hostDir = join(root, 'alloc', 'www1', 'local');
    mkdirSync(hostDir, { recursive: true });
    const mounted = await pot(root, ['mount-in', '-p', name, '-d', `${hostDir}/`, '-m', '/local']);
    assert.equal(mounted.code, 0);
    assert.equal(readFileSync(join(root, 'jails', name, 'conf', 'fscomp.conf'), 'utf8'), `${hostDir} /local\n`);

    const started = spawnPot(root, ['start', name], { HOST_ONLY_SECRET: 'must-not-leak' });
    assert.ok(await eventually(() => existsSync(join(hostDir, 'env.txt')) && (readText(join(hostDir, 'env.txt')) ?? '').includes('_POT_NAME')));
    const seen = (readText(join(hostDir, 'env.txt')) ?? '').split('\n');
    assert.ok(seen.includes('GREETING=hello world'));
    assert.ok(seen.includes('QUOTED=say "hi"'));
    assert.ok(seen.includes('HOME=/'));
    assert.ok(seen.includes('PATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/local/bin:/usr/local/sbin'));
    assert.ok(seen.includes(`_POT_NAME=${name}`));
    assert.ok(seen.includes('_POT_IP=10.192.0.3'));
    assert.ok(!seen.some((line) => line.startsWith('HOST_ONLY_SECRET=')), 'the host environment leaked into the pot');
    assert.ok(seen.includes(`PWD=${potRoot(name)}`));

    const rss = await pot(root, ['get-rss', '-p', name, '-J']);
    assert.equal(rss.code, 0);
    assert.match(rss.stdout, /^\{ "ResourceUsage": \{ "MemoryStats": \{ "RSS" : \d+, "Swap" : \d+ \}, "CpuStats": \{ "TotalTicks": (0|\d+\.\d{3}), "Percent": \d+ \} \} \} \n$/);
    const usage = JSON.parse(rss.stdout) as { ResourceUsage: { MemoryStats: { RSS: number } } };
    assert.ok(usage.ResourceUsage.MemoryStats.RSS > 0);

    const info = await pot(root, ['info', '-p', name, '-r']);
    assert.deepEqual([info.code, info.stdout], [0, '']);

    const signalled = await pot(root, ['signal', '-s', 'SIGUSR1', '-p', name]);
    assert.deepEqual([signalled.code, signalled.stdout], [0, `===>  Sending SIGUSR1 to main process of pot ${name}\n`]);
    assert.ok(await eventually(() => readText(join(hostDir, 'usr1')) === 'usr1\n'));

    const stopped = await pot(root, ['stop', name]);
    assert.deepEqual([stopped.code, stopped.stdout], [0, '']);
    const start = await started.done;
    assert.equal(start.code, 0);
    assert.equal(start.stdout, `===>  Starting the pot ${name}\nstarted\n`);
    assert.equal((await pot(root, ['last-run-stats', '-p', name])).stdout, '{ "ExitCode": 143 }\n');
    assert.equal(readText(join(root, 'tmp', `pot_status_${name}`)), 'pot.status=stopped,\n');
    assert.equal((await pot(root, ['info', '-p', name, '-r'])).code, 1);

    // destroying the pot removes the mount's symlink, never the host directory's content
    assert.equal((await pot(root, ['destroy', '-p', name])).code, 0);
    assert.equal(existsSync(join(root, 'jails', name)), false);
    assert.equal(readText(join(hostDir, 'usr1')), 'usr1\n');
  });

  it('a command exiting 3 makes start exit 125 and last-run-stats report 3', async () => {
    const name = 'fail_00000001_alloc';
    assert.equal((await pot(root, prepareArgs('fail', '00000001_alloc', "sh -c 'echo failing >&2; exit 3'"))).code, 0);
    assert.equal((await pot(root, ['last-run-stats', '-p', name])).stdout, '{}\n');
    const start = await pot(root, ['start', name]);
    assert.equal(start.code, 125);
    assert.equal(start.stdout, `===>  Starting the pot ${name}\n###>  ${name} reported application error\n`);
    assert.equal(start.stderr, 'failing\n');
    const stats = await pot(root, ['last-run-stats', '-p', name]);
    assert.deepEqual([stats.code, stats.stdout], [0, '{ "ExitCode": 3 }\n']);
    const again = await pot(root, ['start', '-p', name]);
    assert.equal(again.code, 125);
  });

  it('exec runs an argv in a running pot and returns its status', async () => {
    const name = 'exec_00000002_alloc';
    assert.equal((await pot(root, prepareArgs('exec', '00000002_alloc', 'sleep 30'))).code, 0);
    assert.equal((await pot(root, ['set-attribute', '-p', name, '-A', 'stop_timeout', '-V', '1'])).code, 0);
    const notRunning = await pot(root, ['exec', '-p', name, 'true']);
    assert.deepEqual([notRunning.code, notRunning.stdout], [1, '###>  The pot is not running\n']);
    const started = spawnPot(root, ['start', name]);
    assert.ok(await eventually(() => readText(join(root, 'tmp', `pot_status_${name}`)) === 'pot.status=started,\n'));
    const pwd = await pot(root, ['exec', '-p', name, '-e', 'EXTRA=1', 'sh', '-c', 'echo "$PWD $EXTRA"; exit 7']);
    assert.deepEqual([pwd.code, pwd.stdout], [7, `${potRoot(name)} 1\n`]);
    const missing = await pot(root, ['exec', '-p', name, 'no-such-command-here']);
    assert.equal(missing.code, 127);
    const destroyed = await pot(root, ['destroy', '-p', name, '-F']);
    assert.deepEqual([destroyed.code, destroyed.stdout], [0, `===>  Destroying pot ${name}\n`]);
    assert.equal((await started.done).code, 0);
  });

  it('destroy -F of a running pot leaves no process of its group alive', async () => {
    const name = 'bg_00000003_alloc';
    const command = "sh -c 'sleep 300 & echo $! > bg.pid; while :; do sleep 0.05; done'";
    assert.equal((await pot(root, prepareArgs('bg', '00000003_alloc', command))).code, 0);
    assert.equal((await pot(root, ['set-attribute', '-p', name, '-A', 'stop_timeout', '-V', '1'])).code, 0);
    const started = spawnPot(root, ['start', name]);
    const pidFile = join(potRoot(name), 'bg.pid');
    const mainPidFile = join(root, 'tmp', `pot_main_pid_${name}`);
    // The pot's command can write its file before pot start has recorded the command's pid: wait for both.
    assert.ok(await eventually(() => /^\d+\n$/.test(readText(pidFile) ?? '') && /^\d+\n?$/.test(readText(mainPidFile) ?? '')));
    const background = Number((readText(pidFile) ?? '').trim());
    const main = Number((readText(mainPidFile) ?? '').trim());
    assert.ok(isAlive(background) && isAlive(main));

    const destroyed = await pot(root, ['destroy', '-p', name, '-F']);
    assert.deepEqual([destroyed.code, destroyed.stdout], [0, `===>  Destroying pot ${name}\n`]);
    const start = await started.done;
    assert.equal(start.code, 0);
    assert.ok(await eventually(() => !isAlive(background) && !isAlive(main), 5_000), 'a process of the pot survived');
    assert.equal(existsSync(join(root, 'jails', name)), false);
    assert.equal(existsSync(join(root, 'tmp', `pot_status_${name}`)), false);
    const list = await pot(root, ['ls', '-q']);
    assert.ok(!list.stdout.split('\n').includes(name));
  });

  it('SIGTERM to the blocking start stops the pot like pot stop', async () => {
    const name = 'term_00000004_alloc';
    assert.equal((await pot(root, prepareArgs('term', '00000004_alloc', 'sleep 30'))).code, 0);
    assert.equal((await pot(root, ['set-attribute', '-p', name, '-A', 'stop_timeout', '-V', '1'])).code, 0);
    const started = spawnPot(root, ['start', name]);
    assert.ok(await eventually(() => readText(join(root, 'tmp', `pot_status_${name}`)) === 'pot.status=started,\n'));
    const main = Number((readText(join(root, 'tmp', `pot_main_pid_${name}`)) ?? '').trim());
    process.kill(started.pid, 'SIGTERM');
    const start = await started.done;
    assert.equal(start.code, 0);
    assert.equal(readText(join(root, 'tmp', `pot_status_${name}`)), 'pot.status=stopped,\n');
    assert.equal((await pot(root, ['last-run-stats', '-p', name])).stdout, '{ "ExitCode": 143 }\n');
    assert.ok(await eventually(() => !isAlive(main), 5_000));
  });
});
