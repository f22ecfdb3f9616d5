/**
 * Run records survive crashes and damage: a write cut short by a crash leaves the old record whole and nothing
 * partial under the record's name; every kind of damaged record is detected, moved aside and reported in one
 * line; a newer version is left alone; a command naming a damaged run learns where its record went.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { removeStaleTemps } from '../../../src/cli/state/atomic-file.js';
import { DamagedRunError, damagedRunsNamed, resolveNamed } from '../../../src/cli/state/damaged-runs.js';
import { quarantine } from '../../../src/cli/state/quarantine.js';
import { validateRunRecord, type RunRecord } from '../../../src/cli/state/run-record.js';
import { RunRecordError, RunStore } from '../../../src/cli/state/run-store.js';
import '../../helpers/reaper.js';

const NOW = new Date(Date.UTC(2026, 10, 29, 8, 5, 3, 120));
const STAMP = '2026-11-29T08-05-03-120Z';
const RUN_STORE = new URL('../../../src/cli/state/run-store.js', import.meta.url).href;

function record(id: string, overrides: Record<string, unknown> = {}): RunRecord {
  return {
    version: 1,
    id,
    job: 'web',
    createdAt: '2026-11-29T08:00:00.000Z',
    backend: 'emulator',
    supervisorPid: 4242,
    status: 'running',
    allocs: [
      {
        id: 'a1b2c3d4-0000-4000-8000-000000000001',
        group: 'web',
        index: 0,
        dir: '/data/alloc/a1b2c3d4-0000-4000-8000-000000000001',
        ports: [{ label: 'http', hostPort: 23456, to: 80 }],
        status: 'running',
        checks: [{ service: 'web', name: 'alive', type: 'tcp', status: 'passing', output: 'TCP OK' }],
        tasks: [
          {
            name: 'server',
            driver: 'pot',
            lifecycle: { hook: 'prestart', sidecar: true },
            state: 'running',
            failed: false,
            taskId: 'a1b2c3d4-0000-4000-8000-000000000001/server/0a0a0a0a',
            potName: 'server_0a0a0a0a_a1b2c3d4-0000-4000-8000-000000000001',
            handle: { version: 1, state: 'running', driverState: 'e30=' },
            killSignal: 'SIGINT',
            killTimeoutMs: 5000,
            restarts: 0,
            startedAt: '2026-11-29T08:00:01.000Z',
            stdoutPath: '/data/alloc/a1/alloc/logs/server.stdout.0',
            stderrPath: '/data/alloc/a1/alloc/logs/server.stderr.0',
            events: [{ time: '2026-11-29T08:00:01.000Z', message: 'Started' }],
          },
        ],
      },
    ],
    ...overrides,
  } as RunRecord;
}

const text = (r: unknown): string => `${JSON.stringify(r, null, 2)}\n`;

/** What JSON.parse says about `t`, as the report quotes it (control characters escaped). */
function parseError(t: string): string {
  try {
    JSON.parse(t);
  } catch (e) {
    return (e as Error).message.replace(/[\u0000-\u001f\u007f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  throw new Error('it parsed');
}

let root: string;
let n = 0;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'pot-nomad-durable-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A store in a fresh data dir whose runs/ exists. */
async function freshStore(): Promise<RunStore> {
  const store = new RunStore(join(root, `d${++n}`), { now: () => NOW });
  await mkdir(store.dir, { recursive: true });
  return store;
}

/** Writes `contents` as record `id`, reads it, and returns the error's message after checking the move. */
async function damagedReadMessage(contents: string | Uint8Array, id = 'web-a1b2c3'): Promise<string> {
  const store = await freshStore();
  const path = store.pathOf(id);
  await writeFile(path, contents);
  let message = '';
  await assert.rejects(store.read(id), (e: unknown) => {
    assert.ok(e instanceof RunRecordError);
    assert.equal(e.problem.movedTo, `${path}.corrupt-${STAMP}`);
    message = e.message;
    return true;
  });
  assert.deepEqual(await readdir(store.dir), [`${id}.json.corrupt-${STAMP}`]);
  assert.deepEqual(await readFile(`${path}.corrupt-${STAMP}`), Buffer.from(contents));
  assert.equal(await store.read(id), undefined);
  return message;
}

/** `run record <path> is corrupt: <why>; moved aside to <path>.corrupt-<stamp>` for record `id` of store n. */
function corrupt(why: string, id = 'web-a1b2c3'): string {
  const path = join(root, `d${n}`, 'runs', `${id}.json`);
  return `run record ${path} is corrupt: ${why}; moved aside to ${path}.corrupt-${STAMP}`;
}

/** Runs `store.write(next)` in a child that is killed (SIGKILL) right before its rename, as a crash would. */
function crashWhileWriting(dataDir: string, next: RunRecord): ReturnType<typeof spawnSync> {
  const script = `
    import fsp from 'node:fs/promises';
    import { syncBuiltinESMExports } from 'node:module';
    fsp.rename = () => { process.kill(process.pid, 'SIGKILL'); return new Promise(() => {}); };
    syncBuiltinESMExports();
    const { RunStore } = await import(${JSON.stringify(RUN_STORE)});
    await new RunStore(process.argv[1]).write(JSON.parse(process.argv[2]));
  `;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script, dataDir, JSON.stringify(next)], { encoding: 'utf8' });
}

describe('atomic writes', () => {
  it('a crash between the temporary write and the rename leaves the old record whole; the next listing removes the leftover', async () => {
    const store = await freshStore();
    const old = record('web-a1b2c3');
    await store.write(old);
    const crashed = crashWhileWriting(join(root, `d${n}`), record('web-a1b2c3', { status: 'stopped', stopRequested: true }));
    assert.equal(crashed.signal, 'SIGKILL');
    const names = await readdir(store.dir);
    assert.equal(names.length, 2);
    const temp = names.find((name) => name !== 'web-a1b2c3.json')!;
    assert.match(temp, new RegExp(`^\\.web-a1b2c3\\.json\\.${crashed.pid}\\.[0-9a-f]{8}\\.tmp$`));
    // The new content was complete in the temporary file, and never reached the record's name.
    assert.equal(await readFile(join(store.dir, temp), 'utf8'), text(record('web-a1b2c3', { status: 'stopped', stopRequested: true })));
    assert.equal(await readFile(store.pathOf('web-a1b2c3'), 'utf8'), text(old));
    assert.deepEqual(await store.read('web-a1b2c3'), old);
    assert.deepEqual(await store.list(), { records: [old], problems: [] });
    assert.deepEqual(await readdir(store.dir), ['web-a1b2c3.json']);
  });

  it('a crash during the first write of a record leaves no record at all', async () => {
    const store = await freshStore();
    const crashed = crashWhileWriting(join(root, `d${n}`), record('web-d4e5f6'));
    assert.equal(crashed.signal, 'SIGKILL');
    assert.equal(await store.read('web-d4e5f6'), undefined);
    assert.deepEqual(await store.list(), { records: [], problems: [] });
    assert.deepEqual(await readdir(store.dir), []);
  });

  it('temporary files of live writers are left alone; those of dead ones go', async () => {
    const dir = join(root, 'temps');
    await mkdir(dir);
    const names = ['.r1.json.4242.0a1b2c3d.tmp', '.r1.json.5353.0a1b2c3d.tmp', `.r1.json.${process.pid}.0a1b2c3d.tmp`, 'r1.json', '.r1.json.tmp', 'r1.lock'];
    for (const name of names) await writeFile(join(dir, name), 'x');
    assert.deepEqual(await removeStaleTemps(dir, (pid) => pid === 4242), ['.r1.json.5353.0a1b2c3d.tmp']);
    assert.deepEqual((await readdir(dir)).sort(), names.filter((name) => !name.includes('5353')).sort());
  });
});

describe('damaged records are moved aside and reported', () => {
  const whole = text(record('web-a1b2c3'));

  for (const cut of [1, 2, 40, Math.floor(whole.length / 2), whole.length - 3, whole.length - 2]) {
    it(`a record cut off after ${cut} bytes`, async () => {
      const part = whole.slice(0, cut);
      assert.equal(await damagedReadMessage(part), corrupt(`it is not valid JSON (${parseError(part)}); the file looks truncated`));
    });
  }

  const cases: [string, string | Uint8Array, string][] = [
    ['an empty file', '', 'the file is empty'],
    ['blank lines', '\n\n', 'the file is empty'],
    ['null', 'null\n', 'it holds null, not a JSON object'],
    ['an array', '[1, 2]\n', 'it holds an array, not a JSON object'],
    ['a string', '"web"\n', 'it holds a string, not a JSON object'],
    ['a number', '42\n', 'it holds a number, not a JSON object'],
    ['NUL bytes (blocks never written before a power loss)', new Uint8Array(4096), 'it holds NUL bytes (4096 bytes), not JSON'],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'it is not UTF-8 text'],
    ['a missing version', text({ ...record('web-a1b2c3'), version: undefined }), '"version" is missing or not an integer'],
    ['a version as text', text(record('web-a1b2c3', { version: '1' })), '"version" is missing or not an integer'],
    ['a fractional version', text(record('web-a1b2c3', { version: 1.5 })), '"version" is missing or not an integer'],
    ['version 0', text(record('web-a1b2c3', { version: 0 })), '"version" 0 is not a valid version'],
    ['another run\'s record', text(record('web-ffffff')), 'it holds run "web-ffffff", not "web-a1b2c3"'],
  ];
  for (const [what, contents, why] of cases) {
    it(what, async () => {
      assert.equal(await damagedReadMessage(contents), corrupt(why));
    });
  }

  it('text that is not JSON, with the parser\'s words on one line', async () => {
    const garbage = 'pot.status=started,\n}\n';
    assert.equal(await damagedReadMessage(garbage), corrupt(`it is not valid JSON (${parseError(garbage)})`));
  });

  for (const key of ['id', 'job', 'createdAt', 'backend', 'allocs']) {
    it(`a record without "${key}"`, async () => {
      const r: Record<string, unknown> = record('web-a1b2c3');
      delete r[key];
      assert.equal(await damagedReadMessage(text(r)), corrupt(`"${key}" is missing or invalid`));
    });
  }

  const task = (fields: Record<string, unknown>, drop: string[] = []): Record<string, unknown> => {
    const r = record('web-a1b2c3') as unknown as { allocs: { tasks: Record<string, unknown>[] }[] };
    const t = { ...r.allocs[0]!.tasks[0]!, ...fields };
    for (const key of drop) delete t[key];
    r.allocs[0]!.tasks[0] = t;
    return r as unknown as Record<string, unknown>;
  };
  const alloc = (fields: Record<string, unknown>): Record<string, unknown> => {
    const r = record('web-a1b2c3') as unknown as { allocs: Record<string, unknown>[] };
    r.allocs[0] = { ...r.allocs[0]!, ...fields };
    return r as unknown as Record<string, unknown>;
  };
  const mistyped: [string, Record<string, unknown>, string][] = [
    ['a supervisor pid of -1 (a signal to it would reach every process)', record('web-a1b2c3', { supervisorPid: -1 }), 'supervisorPid'],
    ['a supervisor pid of 0', record('web-a1b2c3', { supervisorPid: 0 }), 'supervisorPid'],
    ['an unknown run status', record('web-a1b2c3', { status: 'paused' }), 'status'],
    ['a null stop request', record('web-a1b2c3', { stopRequested: null }), 'stopRequested'],
    ['a creation time that is no time', record('web-a1b2c3', { createdAt: 'yesterday' }), 'createdAt'],
    ['an allocation that is not an object', record('web-a1b2c3', { allocs: [7] }), 'allocs[0]'],
    ['an allocation without tasks', alloc({ tasks: undefined }), 'allocs[0].tasks'],
    ['a port out of range', alloc({ ports: [{ label: 'http', hostPort: 70000 }] }), 'allocs[0].ports[0].hostPort'],
    ['an unknown check status', alloc({ checks: [{ service: 'web', name: 'alive', type: 'tcp', status: 'green', output: '' }] }), 'allocs[0].checks[0].status'],
    ['an unknown task state', task({ state: 'sleeping' }), 'allocs[0].tasks[0].state'],
    ['a kill timeout as text', task({ killTimeoutMs: '5s' }), 'allocs[0].tasks[0].killTimeoutMs'],
    ['a task without its log path', task({}, ['stdoutPath']), 'allocs[0].tasks[0].stdoutPath'],
    ['a handle whose driver state is not text', task({ handle: { version: 1, state: 'running', driverState: 7 } }), 'allocs[0].tasks[0].handle.driverState'],
    ['a lifecycle hook nobody knows', task({ lifecycle: { hook: 'midstart', sidecar: false } }), 'allocs[0].tasks[0].lifecycle.hook'],
    ['an exit code that is not whole', task({ exitCode: 1.5 }), 'allocs[0].tasks[0].exitCode'],
    ['events that are not a list', task({ events: {} }), 'allocs[0].tasks[0].events'],
  ];
  for (const [what, value, path] of mistyped) {
    it(what, async () => {
      assert.equal(await damagedReadMessage(text(value)), corrupt(`"${path}" is missing or invalid`));
    });
  }

  it('names five bad fields and counts the rest', () => {
    assert.throws(() => validateRunRecord({ version: 1, allocs: [1, 2, 3] }), {
      message: '"id", "job", "createdAt", "backend", "allocs[0]" and 2 more are missing or invalid',
    });
  });

  it('a directory where the record should be', async () => {
    const store = await freshStore();
    await mkdir(store.pathOf('web-a1b2c3'));
    await assert.rejects(store.read('web-a1b2c3'), { message: corrupt('it is a directory, not a file') });
    assert.ok((await lstat(`${store.pathOf('web-a1b2c3')}.corrupt-${STAMP}`)).isDirectory());
  });

  it('a record of a newer version is reported but left in place', async () => {
    const store = await freshStore();
    const path = store.pathOf('web-a1b2c3');
    await writeFile(path, text(record('web-a1b2c3', { version: 2 })));
    const message = `run record ${path} cannot be read: it has version 2, written by a newer pot-nomad (this one reads version 1)`;
    await assert.rejects(store.read('web-a1b2c3'), { message });
    assert.deepEqual(await store.list(), { records: [], problems: [{ id: 'web-a1b2c3', path, message }] });
    assert.deepEqual(await readdir(store.dir), ['web-a1b2c3.json']);
  });

  it('a listing keeps the good records, reports each damaged one once, and a new record can take its place', async () => {
    const store = await freshStore();
    const good = record('web-000001');
    await store.write(good);
    await writeFile(store.pathOf('web-000002'), text(record('web-000002')).slice(0, 100));
    await writeFile(store.pathOf('web-000003'), 'null\n');
    const { records, problems } = await store.list();
    assert.deepEqual(records, [good]);
    const truncated = text(record('web-000002')).slice(0, 100);
    assert.deepEqual(
      problems.map((p) => p.message),
      [corrupt(`it is not valid JSON (${parseError(truncated)}); the file looks truncated`, 'web-000002'), corrupt('it holds null, not a JSON object', 'web-000003')],
    );
    assert.deepEqual(await store.list(), { records: [good], problems: [] });
    await store.write(record('web-000002'));
    assert.deepEqual(await store.read('web-000002'), record('web-000002'));
  });

  it('a file replaced by a writer after it was judged damaged is given back, not moved aside', async () => {
    const dir = join(root, 'race');
    await mkdir(dir);
    const path = join(dir, 'web-a1b2c3.json');
    await writeFile(path, '{"version"');
    const damaged = await lstat(path);
    // A writer's rename puts a new file under the name; the damaged one lives on elsewhere for now.
    await rename(path, `${path}.old`);
    await writeFile(path, text(record('web-a1b2c3')));
    assert.equal(await quarantine(path, { dev: damaged.dev, ino: damaged.ino }, STAMP), undefined);
    assert.equal(await readFile(path, 'utf8'), text(record('web-a1b2c3')));
    assert.deepEqual((await readdir(dir)).sort(), ['web-a1b2c3.json', 'web-a1b2c3.json.old']);
  });
});

describe('a name that stands for a damaged run', () => {
  it('finds the record moved aside by an earlier command, by run id, id prefix, job name or <run>/<task>', async () => {
    const store = await freshStore();
    await writeFile(store.pathOf('web-a1b2c3'), '');
    await assert.rejects(store.read('web-a1b2c3'), RunRecordError);
    const later = new RunStore(join(root, `d${n}`));
    const expected = [{ id: 'web-a1b2c3', path: later.pathOf('web-a1b2c3'), movedTo: `${later.pathOf('web-a1b2c3')}.corrupt-${STAMP}`, message: corrupt('the file is empty') }];
    for (const name of ['web-a1b2c3', 'web-a1', 'web', 'web-a1b2c3/server']) assert.deepEqual(await damagedRunsNamed(later, name, []), expected, name);
    for (const name of ['we', 'api', 'web-ff', 'server']) assert.deepEqual(await damagedRunsNamed(later, name, []), [], name);
  });

  it('says the record is damaged and where it went instead of "no match"; other failures pass through', async () => {
    const store = await freshStore();
    await writeFile(store.pathOf('web-a1b2c3'), '[]');
    const { problems } = await store.list();
    const noMatch = new Error('no run, job or allocation matches');
    const fail = (): never => {
      throw noMatch;
    };
    await assert.rejects(resolveNamed(store, 'web-a1b2c3', problems, fail), (e: unknown) => {
      assert.ok(e instanceof DamagedRunError);
      assert.equal(e.message, `run web-a1b2c3 cannot be used: ${corrupt('it holds an array, not a JSON object')}`);
      return true;
    });
    await assert.rejects(resolveNamed(store, 'api', problems, fail), (e: unknown) => e === noMatch);
    assert.equal(await resolveNamed(store, 'web-a1b2c3', problems, () => 'found'), 'found');
  });
});
