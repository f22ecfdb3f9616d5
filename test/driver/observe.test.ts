import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { ConfigError } from '../../src/driver/errors.js';
import { PLUGIN_DEFAULT_HOST_POLICY } from '../../src/driver/host-policy.js';
import { EventBus } from '../../src/driver/observe/events.js';
import { FakePot, NEVER, POT_NAME, TASK_ID } from './fake-pot.js';
import { collect, makeDriver, recordingLog, settle, startedDriver, take } from './helpers.js';

describe('TaskStats', () => {
  test('a failed sample does not end the stream: it is sent without numbers and logged once', async () => {
    const { log, entries } = recordingLog();
    const { pot, driver } = await startedDriver({ log, clock: () => new Date('2026-01-01T00:00:00.000Z') });
    let samples = 0;
    pot.script = (args) => {
      if (args[0] !== 'get-rss') return undefined;
      samples += 1;
      return samples <= 2 ? { exitCode: 1, stdout: `###>  The pot ${POT_NAME} is not running\n` } : undefined;
    };
    const stats = await take(driver.taskStats(TASK_ID, 5, NEVER), 3);
    assert.deepEqual(stats, [
      { id: TASK_ID, timestamp: new Date('2026-01-01T00:00:00.000Z'), usage: { cpu: {}, memory: {} } },
      { id: TASK_ID, timestamp: new Date('2026-01-01T00:00:00.000Z'), usage: { cpu: {}, memory: {} } },
      {
        id: TASK_ID,
        timestamp: new Date('2026-01-01T00:00:00.000Z'),
        usage: { cpu: { percent: 12, totalTicks: 0.48 }, memory: { rss: 1048576, swap: 0 } },
      },
    ]);
    assert.deepEqual(pot.callsOf('get-rss')[0], ['get-rss', '-p', POT_NAME, '-J']);
    const warnings = entries.filter((e) => e.message === 'cannot sample the resource usage of the jail');
    assert.deepEqual(warnings.map((e) => [e.level, e.fields.error]), [
      ['warn', `pot get-rss failed (exit 1): The pot ${POT_NAME} is not running`],
      ['debug', `pot get-rss failed (exit 1): The pot ${POT_NAME} is not running`],
    ]);
  });

  test('the stream ends when the task exits', async () => {
    const { pot, driver } = await startedDriver();
    const stream = collect(driver.taskStats(TASK_ID, 60_000, NEVER));
    await settle();
    pot.startOf(POT_NAME)?.end(0);
    assert.equal((await stream).length, 1);
    await assert.rejects(collect(driver.taskStats('no/such/task', 10, NEVER)), { kind: 'not-found' });
  });
});

describe('Fingerprint', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pn-fp-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const executable = path.join(dir, 'pot');
  writeFileSync(executable, '#!/bin/sh\n');
  chmodSync(executable, 0o755);
  const plain = path.join(dir, 'plain');
  writeFileSync(plain, '');
  chmodSync(plain, 0o644);

  const first = async (pot: FakePot, config: Record<string, unknown>) => {
    const driver = makeDriver(pot);
    await driver.setConfig({ config, apiVersion: 'v0.1.0' });
    const [fingerprint] = await take(driver.fingerprint(NEVER), 1);
    return fingerprint;
  };

  test('healthy with pot\'s version and the plugin\'s version when the binary runs and is 0.15.0 or later', async () => {
    const pot = new FakePot();
    assert.deepEqual(await first(pot, { pot_bin: executable }), {
      health: 'healthy',
      healthDescription: 'Healthy',
      attributes: { 'driver.pot.version': { string: '0.16.0' }, 'driver.pot.plugin_version': { string: '0.1.0' } },
    });
    assert.deepEqual(pot.calls, [['version']]);
    assert.deepEqual(pot.bins, [executable]);
  });

  test('unhealthy with a clear description otherwise', async () => {
    assert.deepEqual(await first(new FakePot(), { pot_bin: '/nonexistent/bin/pot' }), {
      health: 'unhealthy',
      healthDescription: 'pot binary /nonexistent/bin/pot not found',
      attributes: { 'driver.pot.plugin_version': { string: '0.1.0' } },
    });
    assert.equal((await first(new FakePot(), { pot_bin: plain }))?.healthDescription, `pot binary ${plain} is not executable`);
    assert.equal((await first(new FakePot(), { pot_bin: dir }))?.healthDescription, `pot binary ${dir} is not a file`);
    const old = new FakePot();
    old.version = '0.14.2';
    assert.deepEqual(await first(old, { pot_bin: executable }), {
      health: 'unhealthy',
      healthDescription: 'pot 0.14.2 is too old: the driver needs pot 0.15.0 or later',
      attributes: { 'driver.pot.plugin_version': { string: '0.1.0' }, 'driver.pot.version': { string: '0.14.2' } },
    });
    const broken = new FakePot();
    broken.script = () => ({ exitCode: 1, stdout: '###>  pot is not initialized\n' });
    assert.equal((await first(broken, { pot_bin: executable }))?.healthDescription, 'pot version failed (exit 1): pot is not initialized');
  });

  test('disabled is undetected; a config change is answered at once; the stream ends only when asked', async () => {
    const driver = makeDriver(new FakePot());
    await driver.setConfig({ config: { pot_bin: executable }, apiVersion: 'v0.1.0' });
    const controller = new AbortController();
    const stream = driver.fingerprint(controller.signal)[Symbol.asyncIterator]();
    assert.equal((await stream.next()).value?.health, 'healthy');
    const next = stream.next();
    await driver.setConfig({ config: { pot_bin: executable, enabled: false }, apiVersion: 'v0.1.0' });
    assert.deepEqual((await next).value, { health: 'undetected', healthDescription: 'disabled', attributes: {} });
    const last = stream.next();
    controller.abort();
    assert.deepEqual(await last, { done: true, value: undefined });
  });
});

describe('TaskEvents', () => {
  test('every subscriber gets the events emitted while it listens, until it goes away', async () => {
    const bus = new EventBus();
    const one = new AbortController();
    const first = collect(bus.subscribe(one.signal));
    const second = take(bus.subscribe(NEVER), 2);
    await settle();
    const event = (message: string) => ({ taskId: TASK_ID, allocId: 'a', taskName: 'web', timestamp: new Date(0), message, annotations: {} });
    bus.emit(event('one'));
    bus.emit(event('two'));
    await settle();
    one.abort();
    assert.deepEqual((await first).map((e) => e.message), ['one', 'two']);
    assert.deepEqual((await second).map((e) => e.message), ['one', 'two']);
  });
});

describe('Capabilities and plugin config', () => {
  test('capabilities', async () => {
    assert.deepEqual(await makeDriver(new FakePot()).capabilities(NEVER), {
      sendSignals: true,
      exec: true,
      fsIsolation: 'image',
      networkIsolationModes: ['host'],
      mustCreateNetwork: false,
      mounts: 'none',
      disableLogCollection: false,
      dynamicWorkloadUsers: false,
    });
  });

  test('SetConfig applies defaults and durations, and refuses bad values with every problem', async () => {
    const driver = makeDriver(new FakePot());
    await driver.setConfig({ config: {}, apiVersion: 'v0.1.0' });
    assert.deepEqual(driver.settings, { enabled: true, potBin: '/usr/local/bin/pot', prepareTimeoutMs: 600_000, commandTimeoutMs: 120_000, hostPolicy: PLUGIN_DEFAULT_HOST_POLICY });
    await driver.setConfig({ config: { prepare_timeout: '1h30m', command_timeout: '90s', pot_bin: '/opt/pot' }, apiVersion: 'v0.1.0' });
    assert.deepEqual(driver.settings, { enabled: true, potBin: '/opt/pot', prepareTimeoutMs: 5_400_000, commandTimeoutMs: 90_000, hostPolicy: PLUGIN_DEFAULT_HOST_POLICY });
    const error = await driver.setConfig({ config: { prepare_timeout: 'soon', pot_bin: 'pot', timeout: '1m' }, apiVersion: 'v0.1.0' }).catch((e: unknown) => e);
    assert.ok(error instanceof ConfigError);
    assert.equal(
      error.message,
      [
        'invalid plugin config: timeout: unknown option; the options are enabled, pot_bin, prepare_timeout, command_timeout, allowed_host_paths, allowed_jail_attributes, devfs_rulesets',
        'pot_bin: "pot" must be an absolute path, e.g. "/usr/local/bin/pot"',
        'prepare_timeout: "soon" is not a duration; write it like "90s", "10m" or "1h30m" ("0" for no limit)',
      ].join('\n'),
    );
    assert.equal(driver.settings.potBin, '/opt/pot');
  });
});
