import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodePotConfig } from '../../src/driver/config.js';
import { decodeDriverState, DriverStateError, encodeDriverState } from '../../src/driver/driver-state.js';
import { BIN, FakePot, NEVER, nomadTask, POT_NAME, RAW_CONFIG, TASK_ID } from './fake-pot.js';
import { makeDriver, startedDriver } from './helpers.js';

const STARTED_AT = new Date('2026-03-04T05:06:07.890Z');
const PID = 4242;

function savedState(overrides: { pid?: number; potBin?: string } = {}): Uint8Array {
  return encodeDriverState({
    potName: POT_NAME,
    pid: overrides.pid ?? PID,
    startedAt: STARTED_AT,
    potBin: overrides.potBin ?? BIN,
    task: { ...nomadTask(), pot: decodePotConfig(RAW_CONFIG) },
  });
}

function recoverRequest(driverState: Uint8Array, version = 1) {
  return { taskId: TASK_ID, handle: { version, state: 'running' as const, driverState } };
}

describe('RecoverTask', () => {
  test('re-adopts a running jail with its original start time and reports its exit from last-run-stats', async () => {
    const pot = new FakePot();
    pot.pots.add(POT_NAME);
    pot.running.add(POT_NAME);
    pot.alive.add(PID);
    const driver = makeDriver(pot);
    await driver.recoverTask(recoverRequest(savedState()), NEVER);
    const inspected = await driver.inspectTask(TASK_ID, NEVER);
    assert.deepEqual(inspected, {
      status: { id: TASK_ID, name: 'web', state: 'running', startedAt: STARTED_AT },
      driverAttributes: { pot_name: POT_NAME, pid: String(PID) },
    });
    assert.deepEqual(pot.calls, [['info', '-r', '-p', POT_NAME]]);

    const waiting = driver.waitTask(TASK_ID, NEVER);
    pot.lastRun.set(POT_NAME, 7);
    pot.alive.delete(PID);
    pot.running.delete(POT_NAME);
    assert.deepEqual(await waiting, { exitCode: 7, signal: 0, oomKilled: false });
    await driver.destroyTask(TASK_ID, true, NEVER);
    assert.deepEqual(pot.calls.slice(1), [
      ['info', '-r', '-p', POT_NAME],
      ['last-run-stats', '-p', POT_NAME],
      ['destroy', '-p', POT_NAME, '-F'],
    ]);
    assert.equal(pot.pots.size, 0);
  });

  test('keeps following a jail that runs on after its pot start died, until pot says it is gone', async () => {
    const pot = new FakePot();
    pot.pots.add(POT_NAME);
    pot.running.add(POT_NAME);
    pot.alive.add(PID);
    const driver = makeDriver(pot);
    await driver.recoverTask(recoverRequest(savedState()), NEVER);
    pot.alive.delete(PID);
    while (pot.callsOf('info').length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal((await driver.inspectTask(TASK_ID, NEVER)).status.state, 'running');
    pot.running.delete(POT_NAME);
    assert.deepEqual(await driver.waitTask(TASK_ID, NEVER), {
      exitCode: 255,
      signal: 0,
      oomKilled: false,
      err: `the jail ${POT_NAME} ended, but pot has no record of its exit code`,
    });
  });

  test('a pot start that lives but has not brought its jail up yet is followed, not concluded', async () => {
    const pot = new FakePot();
    pot.pots.add(POT_NAME);
    pot.alive.add(PID);
    const driver = makeDriver(pot, { clock: () => new Date(STARTED_AT.getTime() + 1_000) });
    await driver.recoverTask(recoverRequest(savedState()), NEVER);
    assert.equal((await driver.inspectTask(TASK_ID, NEVER)).status.state, 'running');
    assert.deepEqual(pot.calls, [['info', '-r', '-p', POT_NAME]]);
    pot.running.add(POT_NAME);
    const waiting = driver.waitTask(TASK_ID, NEVER);
    pot.lastRun.set(POT_NAME, 0);
    pot.alive.delete(PID);
    pot.running.delete(POT_NAME);
    assert.deepEqual(await waiting, { exitCode: 0, signal: 0, oomKilled: false });
    assert.ok(pot.pots.has(POT_NAME), 'the pot stays until DestroyTask');
  });

  test('a live pid with no jail long after the start is another process: the task is concluded', async () => {
    const pot = new FakePot();
    pot.pots.add(POT_NAME);
    pot.alive.add(PID);
    pot.lastRun.set(POT_NAME, 4);
    const driver = makeDriver(pot, { clock: () => new Date(STARTED_AT.getTime() + 3_600_000) });
    await driver.recoverTask(recoverRequest(savedState()), NEVER);
    assert.deepEqual(await driver.waitTask(TASK_ID, NEVER), { exitCode: 4, signal: 0, oomKilled: false });
    assert.deepEqual(pot.calls, [['info', '-r', '-p', POT_NAME], ['last-run-stats', '-p', POT_NAME]]);
  });

  test('a jail that ended meanwhile is reported exited with its recorded code; DestroyTask removes its pot', async () => {
    const pot = new FakePot();
    pot.pots.add(POT_NAME);
    pot.lastRun.set(POT_NAME, 3);
    const driver = makeDriver(pot, { clock: () => new Date('2026-03-04T06:00:00.000Z') });
    await driver.recoverTask(recoverRequest(savedState()), NEVER);
    assert.deepEqual(await driver.waitTask(TASK_ID, NEVER), { exitCode: 3, signal: 0, oomKilled: false });
    assert.deepEqual((await driver.inspectTask(TASK_ID, NEVER)).status, {
      id: TASK_ID,
      name: 'web',
      state: 'exited',
      startedAt: STARTED_AT,
      completedAt: new Date('2026-03-04T06:00:00.000Z'),
      result: { exitCode: 3, signal: 0, oomKilled: false },
    });
    // The pid is not alive, so pot is not even asked whether the jail runs.
    assert.deepEqual(pot.calls, [['last-run-stats', '-p', POT_NAME]]);
    await driver.destroyTask(TASK_ID, true, NEVER);
    assert.deepEqual(pot.calls.at(-1), ['destroy', '-p', POT_NAME, '-F']);
    assert.equal(pot.pots.size, 0);
  });

  test('a task already known is left alone', async () => {
    const { pot, driver, driverState } = await startedDriver();
    const before = pot.calls.length;
    await driver.recoverTask(recoverRequest(driverState), NEVER);
    assert.equal(pot.calls.length, before);
  });

  test('uses the pot binary the jail was started with, and takes signals', async () => {
    const pot = new FakePot();
    pot.pots.add(POT_NAME);
    pot.running.add(POT_NAME);
    pot.alive.add(PID);
    const driver = makeDriver(pot);
    await driver.recoverTask(recoverRequest(savedState({ potBin: '/opt/pot/bin/pot' })), NEVER);
    await driver.signalTask(TASK_ID, 'HUP', NEVER);
    assert.deepEqual(pot.calls, [
      ['info', '-r', '-p', POT_NAME],
      ['signal', '-s', 'SIGHUP', '-p', POT_NAME],
    ]);
    assert.deepEqual(pot.bins, ['/opt/pot/bin/pot', '/opt/pot/bin/pot']);
    // Shutting down stops following the jail and leaves it running.
    await driver.shutdown();
    assert.equal((await driver.inspectTask(TASK_ID, NEVER)).status.state, 'running');
  });

  test('corrupt or foreign driver state is refused with a clear error', async () => {
    const driver = makeDriver(new FakePot());
    const recover = (bytes: Uint8Array, version = 1) => driver.recoverTask(recoverRequest(bytes, version), NEVER);
    await assert.rejects(recover(Buffer.from('not json at all')), (error: unknown) => {
      assert.ok(error instanceof DriverStateError);
      assert.match(error.message, /^cannot recover the task from its saved driver state: it is not JSON \(/);
      return true;
    });
    await assert.rejects(recover(savedState(), 2), {
      message: 'cannot recover the task from its saved driver state: the task handle has version 2, and this driver reads version 1',
    });
    await assert.rejects(recover(Buffer.from(JSON.stringify({ version: 9 }))), {
      message: 'cannot recover the task from its saved driver state: its version is 9, and this driver reads version 1',
    });
    const state = JSON.parse(Buffer.from(savedState()).toString()) as Record<string, unknown>;
    await assert.rejects(recover(Buffer.from(JSON.stringify({ ...state, pid: 'x' }))), {
      message: 'cannot recover the task from its saved driver state: pid must be a positive whole number, not "x"',
    });
    await assert.rejects(recover(Buffer.from(JSON.stringify({ ...state, task: { ...(state.task as object), pot: { image: 1 } } }))), {
      message: 'cannot recover the task from its saved driver state: task.pot.image must be a string',
    });
    await assert.rejects(recover(new Uint8Array(0)), { message: 'cannot recover the task from its saved driver state: it is empty' });
    const otherTask = encodeDriverState({ potName: POT_NAME, pid: PID, startedAt: STARTED_AT, potBin: BIN, task: { ...nomadTask({ id: 'a/b/c' }), pot: decodePotConfig(RAW_CONFIG) } });
    await assert.rejects(recover(otherTask), { message: `cannot recover the task from its saved driver state: it belongs to task "a/b/c", not to "${TASK_ID.slice(0, 40)}"…` });
  });

  test('a damaged state is unrecoverable, and the DestroyTask Nomad sends next removes the jail its id names', async () => {
    const pot = new FakePot();
    pot.pots.add(POT_NAME);
    pot.running.add(POT_NAME);
    const driver = makeDriver(pot);
    await assert.rejects(driver.recoverTask(recoverRequest(Buffer.from('{"version":1,"pid":')), NEVER), (error: unknown) => {
      assert.ok(error instanceof DriverStateError);
      assert.equal(error.kind, 'unrecoverable');
      return true;
    });
    await driver.destroyTask(TASK_ID, true, NEVER);
    assert.deepEqual(pot.calls, [['destroy', '-p', POT_NAME, '-F']]);
    assert.equal(pot.pots.size, 0);
    // Only once; another id names another jail (none here), never this one.
    await driver.destroyTask(TASK_ID, true, NEVER);
    await driver.destroyTask(`${TASK_ID.slice(0, -1)}0`, true, NEVER);
    assert.deepEqual(pot.calls, [
      ['destroy', '-p', POT_NAME, '-F'],
      ['destroy', '-p', `${POT_NAME.replace('_7f3e9a1c_', '_7f3e9a10_')}`, '-F'],
    ]);
  });
});

describe('driver state', () => {
  test('round-trips every field', () => {
    const task = { ...nomadTask(), pot: decodePotConfig({ ...RAW_CONFIG, mount: ['/srv:/mnt'], attributes: ['stop_timeout:30'], port_map: { http: '80' } }) };
    const bytes = encodeDriverState({ potName: POT_NAME, pid: PID, startedAt: STARTED_AT, potBin: BIN, task });
    assert.deepEqual(decodeDriverState(bytes, 1), { version: 1, potName: POT_NAME, pid: PID, startedAt: STARTED_AT, potBin: BIN, task });
    const network = { addr: '10.192.0.4', portMap: { http: 80 }, autoAdvertise: false };
    const withNetwork = encodeDriverState({ potName: POT_NAME, pid: PID, startedAt: STARTED_AT, potBin: BIN, task, network });
    assert.deepEqual(decodeDriverState(withNetwork, 1).network, network);
  });

  test('refuses a network of the wrong shape', () => {
    const task = { ...nomadTask(), pot: decodePotConfig(RAW_CONFIG) };
    const json = JSON.parse(Buffer.from(encodeDriverState({ potName: POT_NAME, pid: PID, startedAt: STARTED_AT, potBin: BIN, task })).toString()) as Record<string, unknown>;
    const bad = (network: unknown) => () => decodeDriverState(Buffer.from(JSON.stringify({ ...json, network })), 1);
    assert.throws(bad({ addr: '', portMap: {}, autoAdvertise: false }), { message: 'cannot recover the task from its saved driver state: network.addr must not be empty' });
    assert.throws(bad({ addr: '10.192.0.4', portMap: { http: '80' }, autoAdvertise: false }), { message: 'cannot recover the task from its saved driver state: network.portMap must map labels to port numbers' });
    assert.throws(bad({ addr: '10.192.0.4', portMap: {}, autoAdvertise: 1 }), { message: 'cannot recover the task from its saved driver state: network.autoAdvertise must be true or false' });
  });
});
