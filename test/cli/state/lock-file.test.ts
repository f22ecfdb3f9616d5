import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { acquireLock, LockBusyError, processAlive } from '../../../src/cli/state/lock-file.js';
import '../../helpers/reaper.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pot-nomad-lock-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const busy = (path: string, pid: number | undefined) => (e: unknown) => e instanceof LockBusyError && e.path === path && e.pid === pid;

describe('acquireLock', () => {
  it('writes our pid, refuses a second holder while we live, and releases', async () => {
    const path = join(dir, 'a.lock');
    const lock = await acquireLock(path, { pid: 1111, isAlive: () => true });
    assert.equal(await readFile(path, 'utf8'), '1111\n');
    await assert.rejects(acquireLock(path, { pid: 2222, isAlive: () => true }), busy(path, 1111));
    await assert.rejects(acquireLock(path, { pid: 2222, isAlive: () => true }), { message: `${path} is held by process 1111, which is still running` });
    await lock.release();
    assert.deepEqual(await readdir(dir), []);
  });

  it('breaks a lock whose process is gone', async () => {
    const path = join(dir, 'b.lock');
    await writeFile(path, '99999999\n');
    const lock = await acquireLock(path, { pid: 3333, isAlive: (pid) => pid !== 99999999 });
    assert.equal(await readFile(path, 'utf8'), '3333\n');
    await lock.release();
    assert.deepEqual(await readdir(dir), []);
  });

  it('lets only one of two processes break the same stale lock', async () => {
    const path = join(dir, 'race.lock');
    await writeFile(path, '99999999\n');
    const isAlive = (pid: number): boolean => pid !== 99999999;
    const results = await Promise.allSettled([acquireLock(path, { pid: 7001, isAlive }), acquireLock(path, { pid: 7002, isAlive })]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    assert.ok(lost[0]!.reason instanceof LockBusyError);
    const holder = Number((await readFile(path, 'utf8')).trim());
    // The loser saw either the winner's pid or its lock file just created and still empty.
    assert.ok([holder, undefined].includes(lost[0]!.reason.pid));
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireLock>>>).value.release();
    assert.deepEqual(await readdir(dir), []);
  });

  it('treats an empty lock file as being written, until it is old', async () => {
    const path = join(dir, 'c.lock');
    await writeFile(path, '');
    await assert.rejects(acquireLock(path, { pid: 4444, now: () => Date.now() }), busy(path, undefined));
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    const lock = await acquireLock(path, { pid: 4444 });
    assert.equal(await readFile(path, 'utf8'), '4444\n');
    await lock.release();
  });

  it('does not remove a lock that another process took over', async () => {
    const path = join(dir, 'd.lock');
    const lock = await acquireLock(path, { pid: 5555 });
    await writeFile(path, '6666\n');
    await lock.release();
    assert.equal(await readFile(path, 'utf8'), '6666\n');
    await rm(path);
  });
});

describe('processAlive', () => {
  it('knows this process and not a pid that cannot exist', () => {
    assert.equal(processAlive(process.pid), true);
    assert.equal(processAlive(2 ** 30), false);
  });

  // A killed holder is a zombie until init reaps it, which can take seconds: its lock is stale at once.
  it('counts a zombie as gone, so the lock it held is broken', { skip: process.platform !== 'linux' && 'zombies are told apart through /proc' }, async () => {
    // The shell becomes `sleep 61`, which never reaps the child it had started: killed, that child stays a zombie.
    const parent = spawn('/bin/sh', ['-c', 'sleep 60 & echo $!; exec sleep 61'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const [line] = (await once(parent.stdout.setEncoding('utf8'), 'data')) as [string];
    const child = Number(line.trim());
    try {
      assert.ok(await procUntil(parent.pid!, 'cmdline', (text) => text === 'sleep\x0061\x00'), 'the shell never became sleep');
      process.kill(child, 'SIGKILL');
      assert.ok(await procUntil(child, 'stat', (text) => text.charAt(text.lastIndexOf(')') + 2) === 'Z'), 'the child never became a zombie');
      assert.equal(processAlive(child), false);
      const path = join(dir, 'zombie.lock');
      await writeFile(path, `${child}\n`);
      const lock = await acquireLock(path, { pid: 7777 });
      assert.equal(await readFile(path, 'utf8'), '7777\n');
      await lock.release();
    } finally {
      parent.kill('SIGKILL');
    }
  });
});

/** Waits until a /proc file of `pid` satisfies `check`; false once 30 s passed (the assertion says what). */
async function procUntil(pid: number, file: string, check: (text: string) => boolean): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const text = await readFile(`/proc/${pid}/${file}`, 'utf8').catch(() => '');
    if (check(text)) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}
