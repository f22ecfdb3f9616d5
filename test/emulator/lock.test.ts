import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { acquireLock, withLock } from '../../src/emulator/lock.js';
import '../helpers/reaper.js';

describe('lock files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pot-emulator-lock-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the owner pid while held and removes the file on release', async () => {
    const path = join(dir, 'pot-lock-web');
    await withLock(path, () => {
      assert.equal(readFileSync(path, 'utf8'), `${process.pid}\n`);
    });
    assert.equal(existsSync(path), false);
  });

  it('is re-entrant within one process', async () => {
    const path = join(dir, 'pot-lock-nested');
    const outer = await acquireLock(path);
    const inner = await acquireLock(path, 100);
    inner.release();
    assert.equal(existsSync(path), true);
    outer.release();
    assert.equal(existsSync(path), false);
  });

  it('breaks a lock whose owner is dead', async () => {
    const path = join(dir, 'pot-lock-stale');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path, `${dead.stdout}\n`);
    const lock = await acquireLock(path, 2_000);
    assert.equal(readFileSync(path, 'utf8'), `${process.pid}\n`);
    lock.release();
  });

  it('waits for a live owner', async () => {
    const path = join(dir, 'pot-lock-live');
    writeFileSync(path, '1\n');
    await assert.rejects(acquireLock(path, 100), /Timeout waiting for the lock/);
  });
});
