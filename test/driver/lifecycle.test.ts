import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodePotConfig } from '../../src/driver/config.js';
import { decodeDriverState } from '../../src/driver/driver-state.js';
import { ConfigError, TaskNotFoundError } from '../../src/driver/errors.js';
import { planTask } from '../../src/driver/planner.js';
import { BIN, FakePot, NEVER, nomadTask, POT_NAME, RAW_CONFIG, TASK_ID, timeoutError, ALLOC_ID } from './fake-pot.js';
import { makeDriver, settle, startedDriver, take } from './helpers.js';

const EXIT_0 = { exitCode: 0, signal: 0, oomKilled: false };

describe('StartTask', () => {
  test('runs exactly the planned argv in order, then spawns pot start into the task logs', async () => {
    const { pot, driverState } = await startedDriver();
    const plan = planTask({ ...nomadTask(), pot: decodePotConfig(RAW_CONFIG) }, { potBin: BIN });
    // First a look for pots that earlier, cut-short starts of the task left behind.
    assert.deepEqual(pot.calls, [['ls', '-q'], ...plan.start.slice(0, -1).map((argv) => argv.slice(1))]);
    assert.deepEqual(pot.calls[1], ['prepare', '-U', 'https://potluck.example/nginx', '-p', 'nginx-amd64-14_1', '-t', '1.0.2', '-c', `"nginx -g 'daemon off;'"`, '-a', `7f3e9a1c_${ALLOC_ID}`, '-n', 'web', '-v']);
    assert.deepEqual(pot.calls.at(-1), ['set-rss', '-M', '64M', '-p', POT_NAME]);
    assert.deepEqual(pot.starts.map((s) => [s.args, s.opts.stdoutPath, s.opts.stderrPath]), [
      [['start', POT_NAME], nomadTask().stdoutPath, nomadTask().stderrPath],
    ]);
    // prepare gets the prepare timeout (10m), everything else the command timeout (2m).
    assert.deepEqual(pot.callOptions.map((o) => o.timeoutMs), [120_000, 600_000, ...pot.calls.slice(2).map(() => 120_000)]);

    const state = decodeDriverState(driverState, 1);
    assert.equal(state.potName, POT_NAME);
    assert.equal(state.pid, pot.starts[0]?.pid);
    assert.equal(state.potBin, BIN);
    assert.deepEqual(state.task, { ...nomadTask(), pot: decodePotConfig(RAW_CONFIG) });
  });

  test('answers a running handle of version 1 and emits the preparing and started events', async () => {
    const pot = new FakePot();
    const driver = makeDriver(pot, { clock: () => new Date('2026-01-02T03:04:05.000Z') });
    const events = take(driver.taskEvents(NEVER), 2);
    await settle();
    const started = await driver.startTask({ task: nomadTask(), driverConfig: RAW_CONFIG }, NEVER);
    assert.equal(started.handle.version, 1);
    assert.equal(started.handle.state, 'running');
    assert.deepEqual(
      (await events).map((e) => [e.taskId, e.allocId, e.taskName, e.message, e.annotations, e.timestamp.toISOString()]),
      [
        [TASK_ID, ALLOC_ID, 'web', `Preparing jail ${POT_NAME} from https://potluck.example/nginx nginx-amd64-14_1:1.0.2`, { pot: POT_NAME }, '2026-01-02T03:04:05.000Z'],
        [TASK_ID, ALLOC_ID, 'web', 'Jail started', { pot: POT_NAME }, '2026-01-02T03:04:05.000Z'],
      ],
    );
  });

  test('a failed image download carries pot\'s message, is retryable, and leaves no pot behind', async () => {
    const pot = new FakePot();
    pot.script = (args) => {
      if (args[0] !== 'prepare') return undefined;
      pot.pots.add(POT_NAME);
      return { exitCode: 1, stdout: '###>  import of nginx-amd64-14_1 failed\n', stderr: 'fetch: https://potluck.example/nginx/nginx-amd64-14_1_1.0.2.xz: Not Found\n' };
    };
    const driver = makeDriver(pot);
    const error = await driver.startTask({ task: nomadTask(), driverConfig: RAW_CONFIG }, NEVER).then(
      () => assert.fail('started'),
      (e: unknown) => e as Error & { kind?: string },
    );
    assert.equal(error.message, `cannot start jail ${POT_NAME}: pot prepare failed (exit 1): import of nginx-amd64-14_1 failed`);
    assert.equal(error.kind, 'retryable');
    assert.deepEqual(pot.calls.slice(2), [['ls', '-q'], ['destroy', '-p', POT_NAME, '-F']]);
    assert.equal(pot.pots.size, 0);
    assert.equal(pot.starts.length, 0);
    await assert.rejects(driver.waitTask(TASK_ID, NEVER), TaskNotFoundError);
  });

  test('a prepare that times out is retryable', async () => {
    const pot = new FakePot();
    pot.script = (args) => (args[0] === 'prepare' ? timeoutError(args, 600_000) : undefined);
    const driver = makeDriver(pot);
    await assert.rejects(driver.startTask({ task: nomadTask(), driverConfig: RAW_CONFIG }, NEVER), {
      message: `cannot start jail ${POT_NAME}: pot prepare did not finish within 600s and was killed`,
      kind: 'retryable',
    });
    // prepare never created the pot, so there is nothing to destroy.
    assert.deepEqual(pot.calls.slice(2), [['ls', '-q']]);
  });

  test('a later step that fails is not retryable, names pot\'s reason, and destroys the half-built pot', async () => {
    const pot = new FakePot();
    pot.script = (args) =>
      args[0] === 'mount-in' && args.includes('/local') ? { exitCode: 1, stdout: `###>  The directory ${nomadTask().allocDir}/web/local does not exist\n` } : undefined;
    const driver = makeDriver(pot);
    const error = (await driver.startTask({ task: nomadTask(), driverConfig: RAW_CONFIG }, NEVER).catch((e: unknown) => e)) as Error & { kind?: string };
    assert.equal(error.message, `cannot start jail ${POT_NAME}: pot mount-in failed (exit 1): The directory ${nomadTask().allocDir}/web/local does not exist`);
    assert.equal(error.kind, undefined);
    assert.deepEqual(pot.calls.slice(-2), [['ls', '-q'], ['destroy', '-p', POT_NAME, '-F']]);
    assert.equal(pot.pots.size, 0);
  });

  test('a bad config is a ConfigError and runs no pot command', async () => {
    const pot = new FakePot();
    const driver = makeDriver(pot);
    const { image: _image, ...withoutImage } = RAW_CONFIG;
    const error = await driver.startTask({ task: nomadTask(), driverConfig: { ...withoutImage, mount: ['/srv/www'] } }, NEVER).catch((e: unknown) => e);
    assert.ok(error instanceof ConfigError);
    assert.equal(
      error.message,
      'invalid task config: image: is required (Base URL of the image registry, passed to `pot prepare -U`); for example image = "https://potluck.honeyguide.net/nginx-nomad"\n' +
        'mount[0]: "/srv/www" has no ":"; write "<host path>:<jail path>", e.g. "/host/dir:/jail/dir"',
    );
    assert.deepEqual(pot.calls, []);
  });

  test('an id that is already running is refused', async () => {
    const { pot, driver } = await startedDriver();
    await assert.rejects(driver.startTask({ task: nomadTask(), driverConfig: RAW_CONFIG }, NEVER), { message: `task with ID "${TASK_ID}" already started` });
    assert.equal(pot.callsOf('prepare').length, 1);
  });
});

describe('WaitTask and the end of pot start', () => {
  test('several waiters get pot\'s recorded exit code, a late waiter gets it at once, and the pot is destroyed once', async () => {
    const { pot, driver } = await startedDriver();
    const early = [driver.waitTask(TASK_ID, NEVER), driver.waitTask(TASK_ID, NEVER), driver.waitTask(TASK_ID, NEVER)];
    pot.lastRun.set(POT_NAME, 3);
    pot.startOf(POT_NAME)?.end(125);
    const expected = { exitCode: 3, signal: 0, oomKilled: false };
    assert.deepEqual(await Promise.all(early), [expected, expected, expected]);
    assert.deepEqual(await driver.waitTask(TASK_ID, NEVER), expected);
    await driver.stopTask(TASK_ID, 1000, '', NEVER);
    await driver.destroyTask(TASK_ID, true, NEVER);
    assert.deepEqual(pot.callsOf('last-run-stats', 'destroy'), [
      ['last-run-stats', '-p', POT_NAME],
      ['destroy', '-p', POT_NAME, '-F'],
    ]);
  });

  test('125 without a record is 255 with an explanation; another status without a record is taken as it is', async () => {
    const first = await startedDriver();
    first.pot.startOf(POT_NAME)?.end(125);
    assert.deepEqual(await first.driver.waitTask(TASK_ID, NEVER), {
      exitCode: 255,
      signal: 0,
      oomKilled: false,
      err: 'pot start reported that the task failed, but pot has no record of its exit code',
    });
    const second = await startedDriver();
    second.pot.startOf(POT_NAME)?.end(1);
    assert.deepEqual(await second.driver.waitTask(TASK_ID, NEVER), { exitCode: 1, signal: 0, oomKilled: false });
  });

  test('a cancelled wait rejects while other waiters keep waiting', async () => {
    const { pot, driver } = await startedDriver();
    const controller = new AbortController();
    const cancelled = driver.waitTask(TASK_ID, controller.signal);
    const kept = driver.waitTask(TASK_ID, NEVER);
    controller.abort();
    await assert.rejects(cancelled, { message: `stopped waiting for task ${TASK_ID}: the call was cancelled` });
    pot.startOf(POT_NAME)?.end(0);
    assert.deepEqual(await kept, EXIT_0);
  });

  test('an unknown id is not found', async () => {
    const driver = makeDriver(new FakePot());
    await assert.rejects(driver.waitTask('no/such/task', NEVER), { message: 'task not found for given id', kind: 'not-found' });
  });
});

describe('StopTask', () => {
  test('sends the kill signal and waits for the exit; the signal is reported, and the pot stays until DestroyTask', async () => {
    const { pot, driver } = await startedDriver();
    pot.script = (args) => {
      if (args[0] !== 'signal') return undefined;
      // The task dies of SIGTERM; pot records 128+15 and pot start returns 125.
      pot.lastRun.set(POT_NAME, 143);
      setImmediate(() => pot.startOf(POT_NAME)?.end(125));
      return {};
    };
    await driver.stopTask(TASK_ID, 5000, 'SIGTERM', NEVER);
    assert.deepEqual(pot.calls.slice(-2), [
      ['signal', '-s', 'SIGTERM', '-p', POT_NAME],
      ['last-run-stats', '-p', POT_NAME],
    ]);
    assert.deepEqual(await driver.waitTask(TASK_ID, NEVER), { exitCode: 143, signal: 15, oomKilled: false });
    assert.deepEqual([...pot.pots], [POT_NAME]);
    await driver.destroyTask(TASK_ID, true, NEVER);
    assert.deepEqual(pot.calls.at(-1), ['destroy', '-p', POT_NAME, '-F']);
    assert.equal(pot.pots.size, 0);
  });

  test('honours the timeout exactly: SIGKILL right when it runs out', async (t) => {
    const { pot, driver } = await startedDriver();
    pot.script = (args) => {
      if (args[0] === 'signal' && args[2] === 'SIGKILL') setImmediate(() => pot.startOf(POT_NAME)?.end(0));
      return undefined;
    };
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const stopping = driver.stopTask(TASK_ID, 5000, '', NEVER);
    await settle();
    assert.deepEqual(pot.calls.at(-1), ['signal', '-s', 'SIGINT', '-p', POT_NAME]);
    t.mock.timers.tick(4999);
    await settle();
    assert.deepEqual(pot.callsOf('signal', 'destroy'), [['signal', '-s', 'SIGINT', '-p', POT_NAME]]);
    t.mock.timers.tick(1);
    await settle();
    await stopping;
    assert.deepEqual(pot.callsOf('signal', 'destroy'), [
      ['signal', '-s', 'SIGINT', '-p', POT_NAME],
      ['signal', '-s', 'SIGKILL', '-p', POT_NAME],
    ]);
    assert.deepEqual(await driver.waitTask(TASK_ID, NEVER), EXIT_0);
  });

  test('is fine for an unknown task, and again for a stopped one; only DestroyTask destroys, once', async () => {
    const driver = makeDriver(new FakePot());
    await driver.stopTask('no/such/task', 1000, 'SIGINT', NEVER);
    const { pot, driver: running } = await startedDriver();
    pot.script = (args) => {
      if (args[0] === 'signal') setImmediate(() => pot.startOf(POT_NAME)?.end(0));
      return undefined;
    };
    await Promise.all([running.stopTask(TASK_ID, 1000, '', NEVER), running.stopTask(TASK_ID, 1000, '', NEVER)]);
    await running.stopTask(TASK_ID, 1000, '', NEVER);
    assert.equal(pot.callsOf('signal').length, 1);
    assert.equal(pot.callsOf('destroy').length, 0);
    await running.destroyTask(TASK_ID, true, NEVER);
    await running.destroyTask(TASK_ID, true, NEVER);
    assert.equal(pot.callsOf('destroy').length, 1);
  });

  test('stops the jail, then kills pot start when even that does not end it', async () => {
    const { pot, driver } = await startedDriver();
    pot.script = (args) => (args[0] === 'signal' ? { exitCode: 1, stdout: '###>  Sending signal failed\n' } : undefined);
    const start = pot.startOf(POT_NAME);
    const stopping = driver.stopTask(TASK_ID, 0, 'SIGQUIT', NEVER);
    while (pot.groupSignals.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(pot.groupSignals, [[start?.pid, 'SIGKILL']]);
    assert.deepEqual(pot.callsOf('signal', 'stop', 'destroy'), [
      ['signal', '-s', 'SIGQUIT', '-p', POT_NAME],
      ['signal', '-s', 'SIGKILL', '-p', POT_NAME],
      ['stop', '-p', POT_NAME],
    ]);
    start?.end(137);
    await stopping;
    assert.deepEqual(await driver.waitTask(TASK_ID, NEVER), { exitCode: 137, signal: 9, oomKilled: false });
  });

  test('a jail still starting gets the stop signal once pot can deliver it, so the task is not killed', async () => {
    const { pot, driver } = await startedDriver({ timings: { signalRetryMs: 5 } });
    let refusals = 2;
    pot.script = (args) => {
      if (args[0] !== 'signal') return undefined;
      if (refusals-- > 0) return { exitCode: 1, stdout: '###>  Sending signal failed\n' };
      setImmediate(() => pot.startOf(POT_NAME)?.end(143));
      return undefined;
    };
    await driver.stopTask(TASK_ID, 60_000, 'SIGTERM', NEVER);
    assert.deepEqual(pot.callsOf('signal'), [
      ['signal', '-s', 'SIGTERM', '-p', POT_NAME],
      ['signal', '-s', 'SIGTERM', '-p', POT_NAME],
      ['signal', '-s', 'SIGTERM', '-p', POT_NAME],
    ]);
    assert.equal(pot.callsOf('stop', 'destroy').length, 0);
  });

  test('an unknown kill signal falls back to SIGINT and says so', async () => {
    const { pot, driver } = await startedDriver();
    const events = take(driver.taskEvents(NEVER), 1);
    await settle();
    pot.script = (args) => {
      if (args[0] === 'signal') setImmediate(() => pot.startOf(POT_NAME)?.end(0));
      return undefined;
    };
    await driver.stopTask(TASK_ID, 1000, 'SIGBOGUS', NEVER);
    assert.deepEqual(pot.callsOf('signal'), [['signal', '-s', 'SIGINT', '-p', POT_NAME]]);
    assert.equal((await events)[0]?.message, 'kill_signal "SIGBOGUS" is not a signal pot can send; sending SIGINT instead');
  });
});

describe('DestroyTask', () => {
  test('refuses a running task without force', async () => {
    const { pot, driver } = await startedDriver();
    await assert.rejects(driver.destroyTask(TASK_ID, false, NEVER), { message: 'cannot destroy running task' });
    assert.equal(pot.callsOf('destroy').length, 0);
  });

  test('with force stops the task first, removes the pot and forgets the task', async () => {
    const { pot, driver } = await startedDriver();
    pot.script = (args) => {
      if (args[0] === 'signal' && args[2] === 'SIGKILL') setImmediate(() => pot.startOf(POT_NAME)?.end(0));
      return undefined;
    };
    await driver.destroyTask(TASK_ID, true, NEVER);
    assert.deepEqual(pot.callsOf('signal', 'destroy'), [
      ['signal', '-s', 'SIGINT', '-p', POT_NAME],
      ['signal', '-s', 'SIGKILL', '-p', POT_NAME],
      ['destroy', '-p', POT_NAME, '-F'],
    ]);
    assert.equal(pot.pots.size, 0);
    await assert.rejects(driver.waitTask(TASK_ID, NEVER), TaskNotFoundError);
    await assert.rejects(driver.inspectTask(TASK_ID, NEVER), TaskNotFoundError);
  });

  test('of a task a restarted plugin never recovered removes the jail its id names, once', async () => {
    // The first process started the task and was killed after its end; the new one gets only DestroyTask.
    const { pot } = await startedDriver();
    pot.startOf(POT_NAME)?.end(0);
    const fresh = makeDriver(pot);
    await fresh.destroyTask(TASK_ID, false, NEVER);
    await fresh.destroyTask(TASK_ID, false, NEVER);
    assert.deepEqual(pot.callsOf('destroy'), [['destroy', '-p', POT_NAME, '-F']]);
    // An id no start of this driver could have had names no jail, and costs no pot call.
    await fresh.destroyTask(`${ALLOC_ID}/we b/7f3e9a1c`, false, NEVER);
    await fresh.destroyTask(`not-an-alloc/web/7f3e9a1c`, false, NEVER);
    assert.equal(pot.callsOf('destroy').length, 1);
  });

  test('an unknown id is fine, and so is destroying twice', async () => {
    const { pot, driver } = await startedDriver();
    await driver.destroyTask('no/such/task', false, NEVER);
    pot.startOf(POT_NAME)?.end(0);
    await driver.waitTask(TASK_ID, NEVER);
    await driver.destroyTask(TASK_ID, false, NEVER);
    await driver.destroyTask(TASK_ID, false, NEVER);
    assert.equal(pot.callsOf('destroy').length, 1);
  });
});

