import assert from 'node:assert/strict';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { allocDirLayout } from '../../src/nomad/alloc-dir.js';
import { createAllocDir, removeAllocDir } from '../../src/nomad/alloc-fs.js';

let root: string;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'pot-nomad-allocfs-'));
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function modes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string): Promise<void> => {
    const s = await stat(join(dir, rel));
    out[rel || '.'] = (s.mode & 0o7777).toString(8);
    if (s.isDirectory()) for (const name of (await readdir(join(dir, rel))).sort()) await walk(rel ? `${rel}/${name}` : name);
  };
  await walk('');
  return out;
}

describe('createAllocDir', () => {
  it('lays out the shared and task directories with Nomad modes', async () => {
    const layout = allocDirLayout(join(root, 'data'), 'a1');
    await createAllocDir(layout, ['web', 'init']);
    assert.deepEqual(await modes(layout.allocDir), {
      '.': '755',
      alloc: '755',
      'alloc/data': '755',
      'alloc/logs': '755',
      'alloc/tmp': '1777',
      init: '755',
      'init/local': '755',
      'init/secrets': '700',
      'init/tmp': '1777',
      web: '755',
      'web/local': '755',
      'web/secrets': '700',
      'web/tmp': '1777',
    });
  });

  it('is idempotent, keeps files and puts changed modes right', async () => {
    const layout = allocDirLayout(join(root, 'data'), 'a2');
    await createAllocDir(layout, ['web']);
    await writeFile(join(layout.localDir('web'), 'keep.txt'), 'x');
    await chmod(layout.secretsDir('web'), 0o755);
    await createAllocDir(layout, ['web']);
    assert.equal((await modes(layout.allocDir))['web/secrets'], '700');
    assert.equal(await readFile(join(layout.localDir('web'), 'keep.txt'), 'utf8'), 'x');
  });
});

describe('removeAllocDir', () => {
  it('removes the tree, and a missing one is fine', async () => {
    const layout = allocDirLayout(join(root, 'data'), 'a3');
    await createAllocDir(layout, ['web']);
    await removeAllocDir(layout);
    await assert.rejects(stat(layout.allocDir), { code: 'ENOENT' });
    await removeAllocDir(layout);
  });
});
