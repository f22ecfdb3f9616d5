/**
 * kill -9 of the plugin at seeded random points during StartTask and StopTask, against the pot emulator, with
 * a new plugin taking over as Nomad would start one: afterwards every task is either running and re-adopted
 * (its WaitTask then reports its true exit code) or known to have exited with its true code, a start that never
 * answered is retried under a new invocation id and cleans up after the cut one, and no pot is left.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { potName } from '../../src/driver/pot-name.js';
import { PLUGIN_CONFIG_SCHEMA, TASK_CONFIG_SCHEMA } from '../../src/driver/schema.js';
import { encodeCtyConfig } from '../../src/plugin/cty-encode.js';
import { EMULATOR, emulatorSettled, seededHex, seededRandom } from '../helpers/kill-loop.js';
import { startPlugin, unary, type PluginProcess } from './harness.js';

type Msg = Record<string, unknown>;

const SEED = 0x5eed_2026;
const ITERATIONS = 6;
/** How long StartTask and StopTask take on the emulator, roughly: the kill lands anywhere in them (or just after). */
const START_WINDOW_MS = 1500;
const STOP_WINDOW_MS = 1000;
const IMAGE = { image: 'https://potluck.example/registry', pot: 'loop-amd64-14_1', tag: '1.0.0' };
/** Exits 7 after a while, and at once with the same 7 on the kill signal: 7 is its true exit code, whatever happens. */
const COMMAND = { command: 'sh', args: ['-c', `'trap "exit 7" TERM INT; sleep 1 & wait; exit 7'`] };
const EXIT_7 = { result: { exit_code: 7, signal: 0, oom_killed: false }, err: '' };

const random = seededRandom(SEED);
const work = mkdtempSync(path.join(tmpdir(), 'pn-kill-'));
const emulatorRoot = path.join(work, 'pot');
const env = { POT_EMULATOR_ROOT: emulatorRoot };

function allocFor(iteration: number): { id: string; dir: string } {
  const id = `7c0ffee0-0000-4000-8000-00000000000${iteration}`;
  const dir = path.join(work, 'alloc', id);
  for (const sub of ['web/local', 'web/secrets', 'alloc/logs']) mkdirSync(path.join(dir, sub), { recursive: true });
  return { id, dir };
}

function taskConfig(alloc: { id: string; dir: string }, invocation: string): Msg {
  return {
    id: `${alloc.id}/web/${invocation}`,
    name: 'web',
    msgpack_driver_config: Buffer.from(encodeCtyConfig({ ...IMAGE, ...COMMAND }, TASK_CONFIG_SCHEMA)),
    env: { NOMAD_TASK_NAME: 'web', NOMAD_ALLOC_ID: alloc.id },
    resources: { allocated_resources: { cpu: { cpu_shares: 100 }, memory: { memory_mb: 64 } } },
    alloc_dir: alloc.dir,
    stdout_path: path.join(alloc.dir, 'alloc', 'logs', `web.${invocation}.stdout`),
    stderr_path: path.join(alloc.dir, 'alloc', 'logs', `web.${invocation}.stderr`),
    task_group_name: 'group',
    job_name: 'example',
    alloc_id: alloc.id,
  };
}

/** The plugin Nomad talks to now: the one that took over after the last kill, or a new one. */
let live: PluginProcess | undefined;

async function plugin(): Promise<PluginProcess> {
  if (live !== undefined) return live;
  const started = await startPlugin({ env });
  const msgpack = encodeCtyConfig({ pot_bin: EMULATOR, command_timeout: '30s' }, PLUGIN_CONFIG_SCHEMA);
  await unary(started.clients.base, 'SetConfig', { msgpack_config: Buffer.from(msgpack), plugin_api_version: 'v0.1.0' });
  live = started;
  return started;
}

async function killNine(target: PluginProcess, afterMs: number): Promise<void> {
  await sleep(afterMs);
  live = undefined;
  target.child.kill('SIGKILL');
  assert.deepEqual(await target.exited, { code: null, signal: 'SIGKILL' });
  await target.close();
  // What the dead plugin had started in pot finishes by itself, long before Nomad would try again.
  assert.equal(await emulatorSettled(emulatorRoot), true, 'pot commands of the killed plugin did not finish');
}

function potList(): string[] {
  const out = execFileSync(process.execPath, [EMULATOR, 'ls', '-q'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return out.split('\n').filter((line) => line !== '');
}

after(async () => {
  await live?.close();
  for (const pot of potList()) execFileSync(process.execPath, [EMULATOR, 'destroy', '-p', pot, '-F'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  rmSync(work, { recursive: true, force: true });
});

/** The killed plugin's StartTask either answered with a handle (the new plugin recovers it) or never did (Nomad starts again). */
async function killDuringStart(iteration: number, delayMs: number): Promise<void> {
  const alloc = allocFor(iteration);
  const first = seededHex(random);
  const retry = seededHex(random);
  const old = await plugin();
  let handle: Msg | undefined;
  const starting = unary<{ handle: Msg }>(old.clients.driver, 'StartTask', { task: taskConfig(alloc, first) }).then(
    (answer) => (handle = answer.handle),
    () => undefined,
  );
  await killNine(old, delayMs);
  await starting;

  const fresh = await plugin();
  let id: string;
  if (handle !== undefined) {
    id = `${alloc.id}/web/${first}`;
    assert.deepEqual(await unary(fresh.clients.driver, 'RecoverTask', { task_id: '', handle }), {});
  } else {
    id = `${alloc.id}/web/${retry}`;
    await unary(fresh.clients.driver, 'StartTask', { task: taskConfig(alloc, retry) });
    // Whatever the cut start left (a half-built pot, or a jail nobody has a handle for) is gone.
    assert.deepEqual(potList(), [potName('web', retry, alloc.id)]);
  }
  assert.deepEqual(await unary(fresh.clients.driver, 'WaitTask', { task_id: id }), EXIT_7);
  await unary(fresh.clients.driver, 'DestroyTask', { task_id: id, force: true });
  assert.deepEqual(potList(), []);
}

/** The exit either reached Nomad's WaitTask before the kill, or the new plugin re-adopts the task and the stop is retried. */
async function killDuringStop(iteration: number, delayMs: number): Promise<void> {
  const alloc = allocFor(iteration);
  const invocation = seededHex(random);
  const id = `${alloc.id}/web/${invocation}`;
  const old = await plugin();
  let waited: Msg | undefined;
  const { handle } = await unary<{ handle: Msg }>(old.clients.driver, 'StartTask', { task: taskConfig(alloc, invocation) });
  const waiting = unary<Msg>(old.clients.driver, 'WaitTask', { task_id: id }).then(
    (answer) => (waited = answer),
    () => undefined,
  );
  const stopping = unary(old.clients.driver, 'StopTask', { task_id: id, timeout: { seconds: 5, nanos: 0 }, signal: 'SIGTERM' }).catch(() => undefined);
  await killNine(old, delayMs);
  await Promise.all([waiting, stopping]);

  const fresh = await plugin();
  if (waited !== undefined) {
    assert.deepEqual(waited, EXIT_7);
  } else {
    assert.deepEqual(await unary(fresh.clients.driver, 'RecoverTask', { task_id: '', handle }), {});
    await unary(fresh.clients.driver, 'StopTask', { task_id: id, timeout: { seconds: 5, nanos: 0 }, signal: 'SIGTERM' });
    assert.deepEqual(await unary(fresh.clients.driver, 'WaitTask', { task_id: id }), EXIT_7);
  }
  await unary(fresh.clients.driver, 'DestroyTask', { task_id: id, force: true });
  assert.deepEqual(potList(), []);
}

describe(`kill -9 of the plugin during StartTask and StopTask (seed ${SEED})`, () => {
  for (let i = 0; i < ITERATIONS; i++) {
    const during = i % 2 === 0 ? 'StartTask' : 'StopTask';
    const delayMs = Math.floor(random() * (during === 'StartTask' ? START_WINDOW_MS : STOP_WINDOW_MS));
    test(`${i + 1}: killed ${delayMs}ms into ${during}`, () => (during === 'StartTask' ? killDuringStart(i, delayMs) : killDuringStop(i, delayMs)));
  }
});
