import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SYSTEM_DIRECTORIES } from '../../src/emulator/jail/view.js';
import { eventually, isAlive, pot, prepareArgs, readText, spawnPot, tempRoot } from './harness.js';
import { accepts, destroyAll, freePort, hostMountsUnder, httpGetEventually, ISOLATED, isolationSkip, jailRecord, processesIn } from './jail-harness.js';

const skip = isolationSkip();

describe('isolated pots (POT_EMULATOR_ISOLATION=namespaces)', { skip }, () => {
  const { root, cleanup } = tempRoot('isolation');
  after(() => {
    destroyAll(root);
    cleanup();
  });
  const isolated = (args: string[]): ReturnType<typeof pot> => pot(root, args, ISOLATED);
  const running = (name: string): Promise<boolean> => eventually(() => readText(join(root, 'tmp', `pot_main_pid_${name}`)) !== undefined);

  it('shows the jail its own root, its mounts and copies at their jail paths, its hostname and hosts, and nothing else of the host', async () => {
    const name = 'view_a1_b2';
    const dirs = Object.fromEntries(['local', 'secrets', 'alloc', 'data'].map((d) => [d, join(root, 'view', d)]));
    for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dirs.local!, 'note.txt'), 'from the host\n');
    writeFileSync(join(root, 'outside.txt'), 'host only\n');
    writeFileSync(join(root, 'app.conf'), 'listen 80\n');
    assert.equal((await isolated(prepareArgs('view', 'a1_b2', 'sleep 600'))).code, 0);
    assert.equal((await isolated(['copy-in', '-p', name, '-s', join(root, 'app.conf'), '-d', '/usr/local/etc/app/app.conf'])).code, 0);
    for (const d of ['local', 'secrets', 'alloc']) assert.equal((await isolated(['mount-in', '-p', name, '-d', dirs[d]!, '-m', `/${d}`])).code, 0);
    assert.equal((await isolated(['mount-in', '-p', name, '-d', dirs.data!, '-m', '/data', '-r'])).code, 0);
    assert.equal((await isolated(['set-hosts', '-p', name, '-H', 'db.internal:10.1.2.3'])).code, 0);
    assert.equal((await isolated(['set-rss', '-p', name, '-C', '1'])).code, 0);
    const started = spawnPot(root, ['start', name], ISOLATED);
    assert.ok(await running(name));
    const exec = (...command: string[]): ReturnType<typeof pot> => pot(root, ['exec', '-p', name, ...command]);

    const hostSystem = SYSTEM_DIRECTORIES.filter((d) => existsSync(d)).map((d) => d.slice(1));
    const expected = [...new Set([...hostSystem, 'alloc', 'data', 'dev', 'etc', 'local', 'proc', 'secrets', 'tmp', 'usr'])].sort();
    assert.deepEqual((await exec('ls', '/')).stdout.split('\n').filter((l) => l !== ''), expected);
    assert.deepEqual(await exec('cat', '/local/note.txt'), { code: 0, signal: null, stdout: 'from the host\n', stderr: '' });
    assert.deepEqual(await exec('cat', '/usr/local/etc/app/app.conf'), { code: 0, signal: null, stdout: 'listen 80\n', stderr: '' });
    assert.deepEqual(await exec('cat', join(root, 'outside.txt')), {
      code: 1, signal: null, stdout: '', stderr: `cat: ${join(root, 'outside.txt')}: No such file or directory\n`,
    });
    assert.equal((await exec('sh', '-c', 'echo from the jail > /local/written.txt')).code, 0);
    assert.equal(readFileSync(join(dirs.local!, 'written.txt'), 'utf8'), 'from the jail\n');
    const readOnly = await exec('touch', '/data/new');
    assert.deepEqual([readOnly.code, readOnly.stderr], [1, "touch: cannot touch '/data/new': Read-only file system\n"]);
    assert.equal(existsSync(join(dirs.data!, 'new')), false);

    const hostname = readFileSync(join(root, 'jails', name, 'conf', 'pot.conf'), 'utf8').match(/^host\.hostname="(.*)"$/m)![1];
    assert.equal((await exec('hostname')).stdout, `${hostname}\n`);
    assert.match((await exec('getent', 'hosts', 'db.internal')).stdout, /^10\.1\.2\.3\s+db\.internal\n$/);
    assert.equal((await exec('sh', '-c', 'exit 7')).code, 7);
    assert.deepEqual(await exec('no-such-program'), { code: 127, signal: null, stdout: '', stderr: 'env: no-such-program: No such file or directory\n' });
    // the jail has its own PID namespace: its first process is bwrap's init, the command the one after it
    assert.equal((await exec('cat', '/proc/1/comm')).stdout, 'bwrap\n');
    const cpus = /^Cpus_allowed_list:\s*(\S+)$/m.exec((await exec('cat', '/proc/self/status')).stdout)?.[1];
    const cpuset = jailRecord(root, name).cgroups.some((dir) => dir.includes('/cpuset'));
    if (cpuset) assert.match(cpus ?? '', /^\d+$/, 'set-rss -C 1 pins the jail to one CPU');

    assert.equal((await pot(root, ['stop', name])).code, 0);
    assert.equal((await started.done).code, 0);
  });

  it('forwards each exported host port to the jail\'s port, so that two jails can both serve on port 80', async () => {
    const ports = [await freePort(), await freePort()];
    const names = ['one_c1_d2', 'two_c1_d2'];
    const starts = [];
    for (const [i, label] of ['one', 'two'].entries()) {
      const local = join(root, 'www', label);
      mkdirSync(local, { recursive: true });
      writeFileSync(join(local, 'id.txt'), `${label}\n`);
      const args = prepareArgs(label, 'c1_d2', 'python3 -m http.server 80 --directory /local', ['-N', 'public-bridge', '-i', 'auto', '-e', `80:${ports[i]}`]);
      assert.equal((await isolated(args)).code, 0);
      assert.equal((await isolated(['mount-in', '-p', names[i]!, '-d', local, '-m', '/local'])).code, 0);
      starts.push(spawnPot(root, ['start', names[i]!], ISOLATED));
    }
    assert.equal(await httpGetEventually(ports[0]!, '/id.txt'), 'one\n');
    assert.equal(await httpGetEventually(ports[1]!, '/id.txt'), 'two\n');
    const infos = await Promise.all(names.map((n) => pot(root, ['info', '-p', n])));
    const ips = infos.map((i) => /^\tip : (\S+)$/m.exec(i.stdout)?.[1]);
    assert.deepEqual(ips, ['10.192.0.3', '10.192.0.4']);
    // the jail's own address is on its own network stack, and the relay reaches the server there
    assert.match((await pot(root, ['exec', '-p', names[0]!, 'cat', '/proc/net/fib_trie'])).stdout, /10\.192\.0\.3/);
    for (const name of names) assert.equal((await pot(root, ['destroy', '-F', '-p', name])).code, 0);
    for (const start of starts) assert.equal((await start.done).code, 0);
    assert.deepEqual(await Promise.all(ports.map((p) => accepts(p))), [false, false]);
  });

  it('fails a start it cannot make, in pot\'s words, and leaves nothing: a host port in use, a mount source gone', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const busy = 'busy_k1_l2';
    assert.equal((await isolated(prepareArgs('busy', 'k1_l2', 'sleep 600', ['-N', 'public-bridge', '-i', 'auto', '-e', `80:${port}`]))).code, 0);
    const refused = await isolated(['start', busy]);
    taken.close();
    assert.deepEqual([refused.code, refused.stdout], [1, [
      `===>  Starting the pot ${busy}`,
      `###>  pot ${busy} cannot forward its ports: port ${port} on 127.0.0.1 is already in use`,
      `###>  ${busy} failed to start`,
      '',
    ].join('\n')]);
    assert.equal((await pot(root, ['info', '-r', '-p', busy])).code, 1);

    const gone = 'gone_k1_l2';
    const source = join(root, 'vanishing');
    mkdirSync(source);
    assert.equal((await isolated(prepareArgs('gone', 'k1_l2', 'sleep 600'))).code, 0);
    assert.equal((await isolated(['mount-in', '-p', gone, '-d', source, '-m', '/data'])).code, 0);
    rmSync(source, { recursive: true });
    const failed = await isolated(['start', gone]);
    assert.deepEqual([failed.code, failed.stdout, failed.stderr], [1, `===>  Starting the pot ${gone}\n###>  Error mounting ${source} on /data\n###>  ${gone} failed to start\n`, '']);
    assert.equal((await pot(root, ['info', '-r', '-p', gone])).code, 1);
    assert.equal(existsSync(join(root, 'tmp', `pot_jail_${gone}`)), false);
    assert.equal(existsSync(join(root, 'tmp', `pot_main_pid_${gone}`)), false);
  });

  it('ends the start of a bridged jail whose command ends at once with that command\'s exit, not a failed start', async () => {
    const name = 'brief_m1_n2';
    assert.equal((await isolated(prepareArgs('brief', 'm1_n2', "sh -c 'exit 3'", ['-N', 'public-bridge', '-i', 'auto', '-e', `80:${await freePort()}`]))).code, 0);
    const result = await isolated(['start', name]);
    assert.deepEqual([result.code, result.stdout], [125, `===>  Starting the pot ${name}\n###>  ${name} reported application error\n`]);
    assert.equal((await pot(root, ['last-run-stats', '-p', name])).stdout, '{ "ExitCode": 3 }\n');
  });

  it('applies set-rss -M as a memory limit: a command that needs more is killed', async () => {
    const name = 'hog_e1_f2';
    const command = 'python3 -c "b = bytearray(256 * 1024 * 1024)"';
    assert.equal((await isolated(prepareArgs('hog', 'e1_f2', command))).code, 0);
    assert.equal((await isolated(['set-rss', '-p', name, '-M', '32M'])).code, 0);
    const result = await isolated(['start', name]);
    const unavailable = /^###> {2}memory limit 32M of pot hog_e1_f2 not applied: .+$/m.exec(result.stdout);
    if (unavailable !== null) {
      // no writable cgroup with a memory controller here: the one line says so and the command runs unlimited
      assert.equal(result.code, 0, result.stdout);
      return;
    }
    assert.equal(result.code, 125, result.stdout);
    assert.equal(result.stdout, `===>  Starting the pot ${name}\n###>  ${name} reported application error\n`);
    assert.equal((await pot(root, ['last-run-stats', '-p', name])).stdout, '{ "ExitCode": 137 }\n');
    assert.equal((await pot(root, ['destroy', '-p', name])).code, 0);
  });

  it('leaves nothing behind (process, namespace, mount, cgroup, port) after a kill -9 of pot start and destroy -F', async () => {
    const name = 'left_g1_h2';
    const port = await freePort();
    // a process that leaves the command's session is still the jail's
    const command = "sh -c 'setsid sleep 600 & exec python3 -m http.server 80'";
    assert.equal((await isolated(prepareArgs('left', 'g1_h2', command, ['-N', 'public-bridge', '-i', 'auto', '-e', `80:${port}`]))).code, 0);
    assert.equal((await isolated(['set-rss', '-p', name, '-M', '128M'])).code, 0);
    const started = spawnPot(root, ['start', name], ISOLATED);
    assert.notEqual(await httpGetEventually(port, '/'), undefined);
    const record = jailRecord(root, name);
    assert.ok(record.relay !== undefined);
    assert.ok(processesIn(record.pidNamespace).length >= 4, 'init, relay, sh/python and the sleep');

    // The emulator dies; the jail, like a real one, does not.
    process.kill(started.pid, 'SIGKILL');
    assert.ok(await eventually(() => !isAlive(started.pid)));
    assert.equal((await pot(root, ['info', '-r', '-p', name])).code, 0);
    assert.notEqual(await httpGetEventually(port, '/'), undefined);

    assert.equal((await pot(root, ['destroy', '-F', '-p', name])).code, 0);
    // the output pipe pot start shared with the jail closes only when the jail's last process is gone
    assert.equal((await started.done).signal, 'SIGKILL');
    assert.deepEqual(processesIn(record.pidNamespace), []);
    for (const pid of [record.monitor, record.init, record.relay!]) assert.equal(isAlive(pid), false, `pid ${pid}`);
    for (const dir of record.cgroups) assert.equal(existsSync(dir), false, dir);
    assert.equal(existsSync(join(root, 'tmp', `pot_jail_${name}`)), false);
    assert.equal(await accepts(port), false);
    assert.deepEqual(hostMountsUnder(join(root, 'jails')), []);
    assert.equal(lstatSync(join(root, 'jails')).isDirectory(), true);
    assert.equal(existsSync(join(root, 'jails', name)), false);
  });
});
