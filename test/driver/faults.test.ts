/**
 * A pot that fails, exits 125, prints garbage, hangs or disappears, at every step of StartTask, StopTask and
 * TaskStats: the caller gets a clear error (retryable when trying again may work), every command has a time
 * limit (prepare's own, the others the command limit), and nothing is left behind.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { decodePotConfig } from '../../src/driver/config.js';
import { PotDriver } from '../../src/driver/driver.js';
import { TaskStartError } from '../../src/driver/lifecycle/start-error.js';
import { planTask } from '../../src/driver/planner.js';
import { PotError, PotNotFoundError, type SpawnDetachedOptions, type SpawnedPot } from '../../src/pot/index.js';
import { BIN, FakePot, NEVER, nomadTask, POT_NAME, RAW_CONFIG, TASK_ID, valueOf, type Script } from './fake-pot.js';
import { FAULT_KINDS, faultDetail, GARBAGE, hangLimits, inject, jail, SETTINGS } from './faulty-pot.js';
import { makeDriver, recordingLog, settle, take } from './helpers.js';

/** A config with every kind of start step. */
const CONFIG = {
  ...RAW_CONFIG,
  attributes: ['enforce_statfs:2'],
  copy: ['/srv/conf/nginx.conf:/usr/local/etc/nginx/nginx.conf'],
  mount: ['/srv/www:/mnt/www'],
  mount_read_only: ['/srv/certs:/etc/certs'],
  extra_hosts: ['db.internal:10.0.0.5'],
};
const PLAN = planTask({ ...nomadTask(), pot: decodePotConfig(CONFIG) }, { potBin: BIN });
/** Every pot command before `pot start`, without the binary. */
const STEPS = PLAN.start.slice(0, -1).map((argv) => argv.slice(1));
const LIST = ['ls', '-q'];
const DESTROY = ['destroy', '-p', POT_NAME, '-F'];
const TIMINGS = { recoverPollMs: 10, exitGraceMs: 50, fingerprintIntervalMs: 60_000, keepAlive: false };
/** StopTask's kill timeout: longer than a hanging command's limit, so the order of events is fixed. */
const KILL_TIMEOUT_MS = 100;
const LIMIT = { timeout: 5000 };

type Failure = Error & { kind?: string };

function start(driver: PotDriver): Promise<Failure | undefined> {
  return driver.startTask({ task: nomadTask(), driverConfig: CONFIG }, NEVER).then(
    () => undefined,
    (error: unknown) => error as Failure,
  );
}

function faultyDriver(pot: FakePot, options: { log?: ReturnType<typeof recordingLog>['log'] } = {}): PotDriver {
  return makeDriver(pot, { defaults: SETTINGS, timings: TIMINGS, ...options });
}

/** Every command got a time limit: prepare the prepare limit, everything else the command limit. */
function assertTimeLimits(pot: FakePot): void {
  assert.deepEqual(
    pot.callOptions.map((o) => o.timeoutMs),
    pot.calls.map((c) => (c[0] === 'prepare' ? SETTINGS.prepareTimeoutMs : SETTINGS.commandTimeoutMs)),
  );
}

function stepLabel(args: readonly string[], i: number): string {
  const detail = args[0] === 'mount-in' ? ` ${valueOf(args, '-m')}${args.includes('-r') ? ' (read-only)' : ''}` : '';
  return `step ${i + 1} (${args[0]}${detail})`;
}

function events(driver: PotDriver): { messages: string[] } {
  const seen: string[] = [];
  void (async () => {
    for await (const event of driver.taskEvents(NEVER)) seen.push(event.message);
  })();
  return { messages: seen };
}

describe('StartTask with a pot that misbehaves at one step', () => {
  for (const [i, step] of STEPS.entries()) {
    for (const kind of FAULT_KINDS) {
      test(`${stepLabel(step, i)} ${kind}`, LIMIT, async () => {
        const pot = new FakePot();
        const driver = faultyDriver(pot);
        const injected = inject(pot, { args: step, kind, effect: () => (i === 0 ? pot.pots.add(POT_NAME) : undefined) });
        const error = await start(driver);
        assert.equal(injected(), true);
        assertTimeLimits(pot);
        if (kind === 'garbage') {
          // Output is only read where pot's answer means something; here pot did its work.
          assert.equal(error, undefined);
          assert.deepEqual(pot.calls, [LIST, ...STEPS]);
          assert.equal(pot.starts.length, 1);
          return;
        }
        assert.ok(error instanceof TaskStartError, String(error));
        assert.equal(error.message, `cannot start jail ${POT_NAME}: ${faultDetail(kind, step)}`);
        // Only a command that ran out of time may work when tried again; pot's refusals will not.
        assert.equal(error.kind, kind === 'hangs' ? 'retryable' : undefined);
        // The pot exists once prepare has run: then, and only then, it is destroyed.
        assert.deepEqual(pot.calls, [LIST, ...STEPS.slice(0, i + 1), LIST, ...(i === 0 ? [] : [DESTROY])]);
        assert.equal(pot.pots.size, 0);
        assert.equal(pot.starts.length, 0);
        if (kind === 'hangs') assert.equal(hangLimits.at(-1), i === 0 ? SETTINGS.prepareTimeoutMs : SETTINGS.commandTimeoutMs);
        // No reservation is left: the same task can be started again.
        pot.script = () => undefined;
        assert.equal(await start(driver), undefined);
        assert.equal(pot.starts.length, 1);
      });
    }
  }

  test('an image download that fails after prepare created the pot is retryable and the pot goes', LIMIT, async () => {
    const pot = new FakePot();
    const driver = faultyDriver(pot);
    pot.script = (args) => {
      if (args[0] !== 'prepare') return undefined;
      pot.pots.add(POT_NAME);
      return { exitCode: 1, stdout: '###>  import of nginx-amd64-14_1 failed\n', stderr: 'fetch: https://potluck.example/nginx/nginx-amd64-14_1_1.0.2.xz: Operation timed out\n' };
    };
    const error = await start(driver);
    assert.equal(error?.message, `cannot start jail ${POT_NAME}: pot prepare failed (exit 1): import of nginx-amd64-14_1 failed`);
    assert.equal(error?.kind, 'retryable');
    assert.deepEqual(pot.calls, [LIST, STEPS[0], LIST, DESTROY]);
    assert.equal(pot.pots.size, 0);
  });

  test('a prepare killed at its time limit after creating the pot: retryable, and the pot goes', LIMIT, async () => {
    const pot = new FakePot();
    const driver = faultyDriver(pot);
    inject(pot, { args: STEPS[0]!, kind: 'hangs' });
    const script = pot.script;
    pot.script = (args, opts) => {
      if (args[0] === 'prepare') pot.pots.add(POT_NAME);
      return script(args, opts);
    };
    const error = await start(driver);
    assert.equal(error?.message, `cannot start jail ${POT_NAME}: pot prepare did not finish within 80ms and was killed`);
    assert.equal(error?.kind, 'retryable');
    assert.deepEqual(pot.calls, [LIST, STEPS[0], LIST, DESTROY]);
    assert.equal(pot.pots.size, 0);
  });

  const MOUNT_LOCAL = STEPS.findIndex((s) => s[0] === 'mount-in');
  const mountFails: Script = (args) => (args[0] === 'mount-in' ? { exitCode: 1, stdout: '###>  simulated mount-in failure\n' } : undefined);
  const MOUNT_FAILED = `cannot start jail ${POT_NAME}: pot mount-in failed (exit 1): simulated mount-in failure`;

  for (const kind of FAULT_KINDS) {
    test(`the look for the half-built pot ${kind}: it is destroyed all the same`, LIMIT, async () => {
      const pot = new FakePot();
      const driver = faultyDriver(pot);
      inject(pot, { args: LIST, nth: 2, kind }, mountFails);
      const error = await start(driver);
      assert.equal(error?.message, MOUNT_FAILED);
      assert.equal(error?.kind, undefined);
      assert.deepEqual(pot.calls, [LIST, ...STEPS.slice(0, MOUNT_LOCAL + 1), LIST, DESTROY]);
      assert.equal(pot.pots.size, 0);
      assertTimeLimits(pot);
    });

    test(`the removal of the half-built pot ${kind}: the start's own error reaches the caller, and an event says what is left`, LIMIT, async () => {
      const pot = new FakePot();
      const driver = faultyDriver(pot);
      const seen = events(driver);
      await settle();
      inject(pot, { args: DESTROY, kind, effect: () => pot.pots.delete(POT_NAME) }, mountFails);
      const error = await start(driver);
      assert.equal(error?.message, MOUNT_FAILED);
      const failed = ['fails', 'exit125', 'killed'].includes(kind);
      // A failed destroy asks the list whether the pot is gone after all; it is not.
      assert.deepEqual(pot.calls, [LIST, ...STEPS.slice(0, MOUNT_LOCAL + 1), LIST, DESTROY, ...(failed ? [LIST] : [])]);
      await settle();
      assert.deepEqual(seen.messages.slice(1), [
        `Failed to start jail ${POT_NAME}: pot mount-in failed (exit 1): simulated mount-in failure`,
        ...(kind === 'garbage' ? [] : [`Failed to remove jail ${POT_NAME}: ${faultDetail(kind, DESTROY)}`]),
      ]);
      assert.equal(pot.pots.size, kind === 'garbage' ? 0 : 1);
    });

    test(`the look for pots of earlier starts ${kind}: the start goes on`, LIMIT, async () => {
      const pot = new FakePot();
      const { log, entries } = recordingLog();
      const driver = faultyDriver(pot, { log });
      inject(pot, { args: LIST, kind });
      assert.equal(await start(driver), undefined);
      assert.deepEqual(pot.calls, [LIST, ...STEPS]);
      const warning = entries.find((e) => e.message === 'cannot look for pots left by earlier starts of the task');
      const line = GARBAGE.split('\n')[0];
      assert.equal(warning?.fields.error, kind === 'garbage' ? `cannot read the output of pot ls -q: unexpected line ${JSON.stringify(line)}` : faultDetail(kind, LIST));
    });
  }

  test('pots of earlier starts of the same task that this driver does not know are destroyed while the jail is built, and before it starts', LIMIT, async () => {
    const pot = new FakePot();
    const driver = faultyDriver(pot);
    const alloc = nomadTask().allocId;
    const leftover = `web_0badf00d_${alloc}`;
    const others = [`web-2_0badf00d_${alloc}`, `web_0badf00d_0d6e2a41-7c55-4b1e-9a3f-5e8c7b9d1f20`, `web_x_0badf00d_${alloc}`];
    for (const name of [leftover, ...others]) pot.pots.add(name);
    const destroy = ['destroy', '-p', leftover, '-F'];
    let finishDestroy!: () => void;
    const destroyHeld = new Promise<void>((resolve) => (finishDestroy = resolve));
    let destroyAsked!: () => void;
    const destroyStarted = new Promise<void>((resolve) => (destroyAsked = resolve));
    pot.script = async (args) => {
      if (args.join(' ') !== destroy.join(' ')) return undefined;
      destroyAsked();
      await destroyHeld;
      return undefined;
    };
    const started = start(driver);
    await destroyStarted;
    // The whole jail is built while the leftover is still being destroyed; the jail waits for it to start.
    while (pot.calls.length < 2 + STEPS.length) await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(pot.calls.filter((c) => c[0] !== 'destroy'), [LIST, ...STEPS]);
    assert.deepEqual(pot.callsOf('destroy'), [destroy]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(pot.starts.length, 0);
    finishDestroy();
    assert.equal(await started, undefined);
    assert.equal(pot.starts.length, 1);
    assert.deepEqual([...pot.pots].sort(), [...others, POT_NAME].sort());
  });
});

describe('StartTask when pot start cannot be spawned or ends at once', () => {
  function spawnDriver(pot: FakePot, spawn: (args: string[], opts: SpawnDetachedOptions) => Promise<SpawnedPot>): PotDriver {
    return new PotDriver({ backend: (bin) => ({ ...pot.backend(bin), spawnDetached: spawn }), defaults: SETTINGS, timings: TIMINGS });
  }

  test('the binary is gone: a clear error, and the prepared pot is destroyed', LIMIT, async () => {
    const pot = new FakePot();
    const error = await start(spawnDriver(pot, () => Promise.reject(new PotNotFoundError(BIN))));
    assert.equal(error?.message, `cannot start jail ${POT_NAME}: pot binary ${BIN} not found`);
    assert.equal(error?.kind, undefined);
    assert.deepEqual(pot.calls, [LIST, ...STEPS, LIST, DESTROY]);
    assert.equal(pot.pots.size, 0);
  });

  test('nothing reads the log FIFO: the command time limit applies, and the prepared pot is destroyed', LIMIT, async () => {
    const pot = new FakePot();
    const limits: (number | undefined)[] = [];
    const driver = spawnDriver(pot, (_args, opts) => {
      limits.push(opts.fifoOpenTimeoutMs);
      const ms = opts.fifoOpenTimeoutMs ?? 10_000;
      return new Promise((_resolve, reject) => setTimeout(() => reject(new PotError(`nothing opened the FIFO ${opts.stdoutPath} for reading within ${ms}ms`)), ms));
    });
    const error = await start(driver);
    assert.deepEqual(limits, [SETTINGS.commandTimeoutMs]);
    assert.equal(error?.message, `cannot start jail ${POT_NAME}: nothing opened the FIFO ${nomadTask().stdoutPath} for reading within 30ms`);
    assert.deepEqual(pot.calls.slice(-2), [LIST, DESTROY]);
    assert.equal(pot.pots.size, 0);
    assert.equal(await start(makeDriver(pot, { defaults: SETTINGS, timings: TIMINGS })), undefined);
  });

  const atOnce: [string, number, number | undefined, object][] = [
    ['exits 1 (pot could not start the jail)', 1, undefined, { exitCode: 1, signal: 0, oomKilled: false }],
    ['exits 125 with a record', 125, 3, { exitCode: 3, signal: 0, oomKilled: false }],
    ['exits 125 without a record', 125, undefined, { exitCode: 255, signal: 0, oomKilled: false, err: 'pot start reported that the task failed, but pot has no record of its exit code' }],
    ['is killed by SIGKILL', 137, undefined, { exitCode: 137, signal: 0, oomKilled: false }],
  ];
  for (const [what, status, recorded, expected] of atOnce) {
    test(`pot start ${what} right away: the task ends with that result and its pot goes`, LIMIT, async () => {
      const pot = new FakePot();
      const driver = faultyDriver(pot);
      assert.equal(await start(driver), undefined);
      if (recorded !== undefined) pot.lastRun.set(POT_NAME, recorded);
      pot.startOf(POT_NAME)?.end(status);
      assert.deepEqual(await driver.waitTask(TASK_ID, NEVER), expected);
      await driver.destroyTask(TASK_ID, true, NEVER);
      assert.deepEqual(pot.calls.slice(-2), [['last-run-stats', '-p', POT_NAME], DESTROY]);
      assert.equal(pot.pots.size, 0);
    });
  }
});

async function startedJail(): Promise<{ pot: FakePot; driver: PotDriver; before: number }> {
  const pot = new FakePot();
  const driver = faultyDriver(pot);
  assert.equal(await start(driver), undefined);
  return { pot, driver, before: pot.calls.length };
}

const TERM = ['signal', '-s', 'SIGTERM', '-p', POT_NAME];
const KILL = ['signal', '-s', 'SIGKILL', '-p', POT_NAME];
const LAST_RUN = ['last-run-stats', '-p', POT_NAME];
const STOP = ['stop', '-p', POT_NAME];
const KILLED = { exitCode: 137, signal: 9, oomKilled: false };
const TERMINATED = { exitCode: 143, signal: 15, oomKilled: false };

describe('StopTask with a pot that misbehaves at one step', () => {
  for (const kind of FAULT_KINDS) {
    test(`the kill signal ${kind}: SIGKILL after the kill timeout; the pot stays until DestroyTask`, LIMIT, async () => {
      const { pot, driver, before } = await startedJail();
      const world = jail(pot, () => true);
      inject(pot, { args: TERM, kind, effect: () => world(TERM, {}) }, world);
      await driver.stopTask(TASK_ID, KILL_TIMEOUT_MS, 'SIGTERM', NEVER);
      // A signal pot cannot deliver is tried again until the kill timeout (the jail may still be starting);
      // a retry that goes through in time ends the task with it, else SIGKILL does.
      const calls = pot.calls.slice(before);
      const terms = calls.findIndex((c) => !isDeepStrictEqual(c, TERM));
      const delivered = kind === 'garbage' || !isDeepStrictEqual(calls[terms], KILL);
      assert.ok(kind === 'garbage' ? terms === 1 : terms >= 1, `${terms} attempts to deliver SIGTERM`);
      if (kind !== 'garbage' && delivered) assert.ok(terms >= 2, 'SIGTERM went through only on a retry');
      assert.deepEqual(calls.slice(terms), [...(delivered ? [] : [KILL]), LAST_RUN]);
      assert.deepEqual(await driver.waitTask(TASK_ID, NEVER), delivered ? TERMINATED : KILLED);
      assert.deepEqual([...pot.pots], [POT_NAME]);
      await driver.destroyTask(TASK_ID, true, NEVER);
      assert.deepEqual(pot.calls.at(-1), DESTROY);
      assert.equal(pot.pots.size, 0);
      assertTimeLimits(pot);
    });

    test(`SIGKILL through pot ${kind}: pot stop ends the jail, and pot's record of the exit survives`, LIMIT, async () => {
      const { pot, driver, before } = await startedJail();
      const world = jail(pot, (signal) => signal === 'SIGKILL');
      inject(pot, { args: KILL, kind, effect: () => world(KILL, {}) }, world);
      await driver.stopTask(TASK_ID, KILL_TIMEOUT_MS, 'SIGTERM', NEVER);
      const stopped = kind === 'garbage' ? [] : [STOP];
      assert.deepEqual(pot.calls.slice(before), [TERM, KILL, ...stopped, LAST_RUN]);
      assert.deepEqual(await driver.waitTask(TASK_ID, NEVER), KILLED);
      assert.equal(pot.alive.size, 0);
      await driver.destroyTask(TASK_ID, true, NEVER);
      assert.equal(pot.pots.size, 0);
    });

    test(`destroy ${kind}: DestroyTask's caller gets the error, and the next start of the task removes the pot`, LIMIT, async () => {
      const { pot, driver, before } = await startedJail();
      const world = jail(pot, () => true);
      inject(pot, { args: DESTROY, kind, effect: () => pot.pots.delete(POT_NAME) }, world);
      await driver.stopTask(TASK_ID, KILL_TIMEOUT_MS, 'SIGTERM', NEVER);
      assert.deepEqual(await driver.waitTask(TASK_ID, NEVER), TERMINATED);
      const error = await driver.destroyTask(TASK_ID, true, NEVER).then(() => undefined, (e: unknown) => e as Error);
      if (kind === 'garbage') {
        assert.equal(error, undefined);
        assert.equal(pot.pots.size, 0);
        return;
      }
      assert.equal(error?.message, faultDetail(kind, DESTROY));
      const asked = ['fails', 'exit125', 'killed'].includes(kind);
      assert.deepEqual(pot.calls.slice(before), [TERM, LAST_RUN, DESTROY, ...(asked ? [LIST] : [])]);
      assert.deepEqual([...pot.pots], [POT_NAME]);
      pot.script = world;
      const again = nomadTask({ id: `${nomadTask().allocId}/web/0badcafe` });
      await driver.startTask({ task: again, driverConfig: CONFIG }, NEVER);
      assert.equal(pot.callsOf('destroy').length, 2);
      assert.deepEqual(pot.callsOf('destroy')[1], DESTROY);
      assert.deepEqual([...pot.pots], [`web_0badcafe_${nomadTask().allocId}`]);
    });

    test(`the exit record ${kind} while stopping: the task's end says why its code is unknown, and DestroyTask removes the pot`, LIMIT, async () => {
      const { pot, driver, before } = await startedJail();
      inject(pot, { args: LAST_RUN, kind }, jail(pot, () => true));
      await driver.stopTask(TASK_ID, KILL_TIMEOUT_MS, 'SIGTERM', NEVER);
      assert.deepEqual(pot.calls.slice(before), [TERM, LAST_RUN]);
      const why = kind === 'garbage' ? 'cannot read the output of pot last-run-stats: invalid JSON' : faultDetail(kind, LAST_RUN);
      assert.deepEqual(await driver.waitTask(TASK_ID, NEVER), {
        exitCode: 255,
        signal: 0,
        oomKilled: false,
        err: `pot start reported that the task failed, but its exit code cannot be read: ${why}`,
      });
      await driver.destroyTask(TASK_ID, true, NEVER);
      assert.equal(pot.pots.size, 0);
      assertTimeLimits(pot);
    });
  }

  test('the task ignores the kill signal: SIGKILL once the kill timeout is over', LIMIT, async () => {
    const { pot, driver, before } = await startedJail();
    pot.script = jail(pot, (signal) => signal === 'SIGKILL');
    await driver.stopTask(TASK_ID, KILL_TIMEOUT_MS, 'SIGTERM', NEVER);
    assert.deepEqual(pot.calls.slice(before), [TERM, KILL, LAST_RUN]);
    assert.deepEqual(await driver.waitTask(TASK_ID, NEVER), KILLED);
  });

  test('pot start disappears during the wait, leaving no record: it counts as killed', LIMIT, async () => {
    const { pot, driver, before } = await startedJail();
    pot.script = (args) => {
      if (args[0] === 'signal') setImmediate(() => pot.startOf(POT_NAME)?.end(137));
      return undefined;
    };
    await driver.stopTask(TASK_ID, KILL_TIMEOUT_MS, 'SIGTERM', NEVER);
    assert.deepEqual(pot.calls.slice(before), [TERM, LAST_RUN]);
    assert.deepEqual(await driver.waitTask(TASK_ID, NEVER), KILLED);
    assert.deepEqual([...pot.pots], [POT_NAME]);
  });
});

describe('TaskStats with a pot that misbehaves', () => {
  const RSS = ['get-rss', '-p', POT_NAME, '-J'];
  const SAMPLE = { cpu: { percent: 12, totalTicks: 0.48 }, memory: { rss: 1048576, swap: 0 } };

  for (const kind of FAULT_KINDS) {
    test(`get-rss ${kind}: that sample is empty, the stream goes on, and the reason is logged`, LIMIT, async () => {
      const pot = new FakePot();
      const { log, entries } = recordingLog();
      const driver = faultyDriver(pot, { log });
      assert.equal(await start(driver), undefined);
      inject(pot, { args: RSS, kind });
      const stats = await take(driver.taskStats(TASK_ID, 5, NEVER), 2);
      assert.deepEqual(stats.map((s) => s.usage), [{ cpu: {}, memory: {} }, SAMPLE]);
      const why = kind === 'garbage' ? 'cannot read the output of pot get-rss -J: no JSON object found' : faultDetail(kind, RSS);
      assert.deepEqual(
        entries.filter((e) => e.message === 'cannot sample the resource usage of the jail').map((e) => [e.level, e.fields.error]),
        [['warn', why]],
      );
      assertTimeLimits(pot);
    });
  }

  test('a hanging sample ends as soon as the caller goes away', LIMIT, async () => {
    const pot = new FakePot();
    const driver = makeDriver(pot, { defaults: { commandTimeoutMs: 0 }, timings: TIMINGS });
    assert.equal(await start(driver), undefined);
    inject(pot, { args: RSS, kind: 'hangs' });
    const caller = new AbortController();
    const stream = take(driver.taskStats(TASK_ID, 5, caller.signal), 1);
    while (pot.callsOf('get-rss').length === 0) await settle();
    caller.abort();
    assert.deepEqual(await stream, []);
  });
});
