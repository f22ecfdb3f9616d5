import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { syncDir, writeFileAtomic } from '../../../src/cli/state/atomic-file.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pot-nomad-atomic-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates and replaces a file, leaving no temporary file behind', async () => {
    const path = join(dir, 'r.json');
    await writeFileAtomic(path, '{"a":1}\n');
    await writeFileAtomic(path, '{"a":2}\n', 0o600);
    assert.equal(await readFile(path, 'utf8'), '{"a":2}\n');
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(dir), ['r.json']);
  });

  it('fails without a trace when the directory is missing', async () => {
    await assert.rejects(writeFileAtomic(join(dir, 'missing', 'x.json'), 'x'), { code: 'ENOENT' });
    assert.deepEqual(await readdir(dir), ['r.json']);
  });
});

describe('syncDir', () => {
  it('flushes an existing directory', async () => {
    await syncDir(dir);
  });
});
