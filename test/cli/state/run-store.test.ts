import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RUN_RECORD_VERSION, validateRunRecord, type RunRecord } from '../../../src/cli/state/run-record.js';
import { RunRecordError, RunStore } from '../../../src/cli/state/run-store.js';

const NOW = new Date(Date.UTC(2026, 10, 29, 8, 5, 3, 120));
const STAMP = '2026-11-29T08-05-03-120Z';

function record(id: string, createdAt = '2026-11-29T08:00:00.000Z'): RunRecord {
  return { version: RUN_RECORD_VERSION, id, job: 'web', createdAt, backend: 'emulator', allocs: [{ id: 'a1', group: 'web', index: 0, dir: '/tmp/a1', ports: [], status: 'running', tasks: [] }] };
}

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'pot-nomad-runs-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('validateRunRecord', () => {
  it('accepts a record with extra keys and names missing or bad ones', () => {
    assert.deepEqual(validateRunRecord({ ...record('r1'), note: 'x' }), { ...record('r1'), note: 'x' });
    assert.throws(() => validateRunRecord([]), { message: 'not a JSON object' });
    assert.throws(() => validateRunRecord({ id: 'r' }), { message: '"version" is missing or not an integer' });
    assert.throws(() => validateRunRecord({ version: 1, id: '../x', job: 'j', createdAt: 'never', backend: 'pot' }), { message: '"id", "createdAt", "allocs" are missing or invalid' });
    assert.throws(() => validateRunRecord({ ...record('r1'), job: '' }), { message: '"job" is missing or invalid' });
  });
});

describe('RunStore', () => {
  it('writes, reads back, lists in creation order and removes records', async () => {
    const store = new RunStore(join(root, 'a'));
    assert.equal(await store.read('r1'), undefined);
    assert.deepEqual(await store.list(), { records: [], problems: [] });
    await store.write(record('r2', '2026-11-29T09:00:00.000Z'));
    await store.write(record('r1'));
    assert.deepEqual(await store.read('r1'), record('r1'));
    assert.equal(await readFile(join(root, 'a', 'runs', 'r1.json'), 'utf8'), `${JSON.stringify(record('r1'), null, 2)}\n`);
    assert.deepEqual((await store.list()).records.map((r) => r.id), ['r1', 'r2']);
    await store.remove('r2');
    assert.deepEqual(await readdir(store.dir), ['r1.json']);
  });

  it('moves a truncated record aside and reports it', async () => {
    const store = new RunStore(join(root, 'b'), { now: () => NOW });
    await store.write(record('r1'));
    const path = store.pathOf('r1');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, 40));
    await assert.rejects(store.read('r1'), (e: unknown) => {
      assert.ok(e instanceof RunRecordError);
      assert.equal(e.problem.movedTo, `${path}.corrupt-${STAMP}`);
      assert.match(e.message, new RegExp(`^run record ${path} is corrupt: it is not valid JSON \\(.+\\); the file looks truncated; moved aside to ${path}\\.corrupt-${STAMP}$`));
      return true;
    });
    assert.deepEqual(await readdir(store.dir), [`r1.json.corrupt-${STAMP}`]);
    assert.equal(await store.read('r1'), undefined);
  });

  it('lists good records and reports corrupt ones without stopping', async () => {
    const store = new RunStore(join(root, 'c'), { now: () => NOW });
    await store.write(record('good'));
    await writeFile(store.pathOf('empty'), '');
    await writeFile(store.pathOf('shape'), JSON.stringify({ version: 1, id: 'shape' }));
    await writeFile(store.pathOf('other'), JSON.stringify(record('not-other')));
    await writeFile(join(store.dir, '.good.json.123.tmp'), 'partial');
    await writeFile(join(store.dir, 'good.lock'), '1\n');
    const { records, problems } = await store.list();
    assert.deepEqual(records, [record('good')]);
    const p = (id: string) => store.pathOf(id);
    assert.deepEqual(problems, [
      { id: 'empty', path: p('empty'), movedTo: `${p('empty')}.corrupt-${STAMP}`, message: `run record ${p('empty')} is corrupt: the file is empty; moved aside to ${p('empty')}.corrupt-${STAMP}` },
      { id: 'other', path: p('other'), movedTo: `${p('other')}.corrupt-${STAMP}`, message: `run record ${p('other')} is corrupt: it holds run "not-other", not "other"; moved aside to ${p('other')}.corrupt-${STAMP}` },
      {
        id: 'shape',
        path: p('shape'),
        movedTo: `${p('shape')}.corrupt-${STAMP}`,
        message: `run record ${p('shape')} is corrupt: "job", "createdAt", "backend", "allocs" are missing or invalid; moved aside to ${p('shape')}.corrupt-${STAMP}`,
      },
    ]);
    assert.deepEqual((await store.list()).problems, []);
  });

  it('leaves a record of a newer version in place', async () => {
    const store = new RunStore(join(root, 'd'));
    await mkdir(store.dir, { recursive: true });
    await writeFile(store.pathOf('future'), JSON.stringify({ ...record('future'), version: 99 }));
    const message = `run record ${store.pathOf('future')} cannot be read: it has version 99, written by a newer pot-nomad (this one reads version 1)`;
    await assert.rejects(store.read('future'), { message });
    assert.deepEqual(await readdir(store.dir), ['future.json']);
  });

  it('rejects ids that are not file names', () => {
    const store = new RunStore(join(root, 'e'));
    assert.throws(() => store.pathOf('../x'), { message: 'invalid run id "../x": use letters, digits, ".", "_" and "-"' });
  });

  it('locks a record for one writer at a time', async () => {
    const store = new RunStore(join(root, 'f'), { lock: { isAlive: () => true } });
    const lock = await store.lock('r1');
    await assert.rejects(store.lock('r1'), { message: `${join(store.dir, 'r1.lock')} is held by process ${process.pid}, which is still running` });
    await lock.release();
    const again = await store.lock('r1');
    await again.release();
  });
});
