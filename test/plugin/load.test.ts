/**
 * One plugin process carrying a fleet of tasks on the pot emulator, all started at once as a busy Nomad client
 * would: every task gets a jail and host ports of its own, every WaitTask the task's own exit code, every task
 * its events, TaskStats streams sample while the tasks run; StopTask and DestroyTask for all leave no pot, and
 * the plugin keeps serving. LOAD_TASKS sets the fleet's size (see the default's note).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { hostPort, readPotRecords } from '../../bench/emulator-pots.js';
import { STOPPED, type WaitReply } from '../../bench/fleet-plan.js';
import { runRound, type EventLine, type RoundRecord } from '../../bench/fleet-round.js';
import { FLEET_IMAGE } from '../../bench/fleet-task.js';
import { watchEvents, type EventLog } from '../../bench/fleet-watch.js';
import { configure, sweep, workspaceIn } from '../../bench/plugin-fleet.js';
import { call, firstMessage, launchPlugin, openStream, type BenchPlugin } from '../../bench/plugin-process.js';
import { cpuTimes, type CpuTimes } from '../../bench/proc-usage.js';
import { cpuSince } from '../../bench/sampling.js';
import '../helpers/reaper.js';

/**
 * Every task costs eleven pot commands, each a Node process of the emulator (0.15–0.3 s of CPU, most of it Node's
 * own start-up) that the plugin's one thread spends some 20 ms spawning: on a busy 2-core machine 24 tasks keep
 * this file near a minute, 200 take over ten.
 */
const TASKS = positiveInt(process.env.LOAD_TASKS, 24);
const SELF_EXITING = Math.max(1, Math.floor(TASKS / 8));
const STATS_STREAMS = Math.min(3, TASKS - SELF_EXITING);
/** Deadline of each call and wait; generous, as every StartTask of a burst lasts about as long as the burst. */
const CALL_MS = Math.max(120_000, TASKS * 3_000);

const ws = workspaceIn(mkdtempSync(path.join(tmpdir(), 'pn-load-')));
let plugin: BenchPlugin | undefined;
let pluginExited = false;
let events: EventLog | undefined;
let record: RoundRecord;
let cpu: CpuTimes;

function positiveInt(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

const ids = (): string[] => record.requests.map((request) => request.config.id);
const selfExiting = (): string[] => ids().filter((_, i) => record.plan[i]!.exitCode !== 0);
const untilStopped = (): string[] => ids().filter((_, i) => record.plan[i]!.exitCode === 0);
const pick = <T>(map: Record<string, T>, keys: readonly string[]): Record<string, T> => Object.fromEntries(keys.map((key) => [key, map[key]!]));

before(async () => {
  plugin = await launchPlugin({ env: { POT_EMULATOR_ROOT: ws.emulatorRoot }, socketDir: ws.socketDir });
  void plugin.exited.then(() => (pluginExited = true));
  await configure(plugin, new AbortController().signal, `${CALL_MS / 1000}s`);
  events = watchEvents(plugin);
  const cpuBefore = cpuTimes(plugin.pid);
  record = await runRound(plugin, ws, events, {
    tasks: TASKS,
    selfExiting: SELF_EXITING,
    statsStreams: STATS_STREAMS,
    statsIntervalMs: 1000,
    portBase: 20000,
    callMs: CALL_MS,
    job: 'load',
  });
  cpu = cpuSince(cpuBefore, plugin.pid);
});

after(async () => {
  events?.close();
  await plugin?.shutdown();
  sweep(ws);
  rmSync(ws.dir, { recursive: true, force: true });
});

describe(`one plugin process, ${TASKS} tasks started at once on the emulator`, () => {
  test('every StartTask succeeds, and InspectTask names a jail of its own for each task', (t) => {
    const { start, stop, round } = record.phasesMs;
    const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
    t.diagnostic(`start ${s(start)}, stop ${s(stop)}, round ${s(round)}; CPU: plugin ${s(cpu.selfMs)}, pot commands ${s(cpu.childrenMs)}`);
    assert.deepEqual(record.startErrors, {}, plugin?.stderrTail());
    assert.deepEqual(record.started, ids());
    const names = Object.values(record.potNames);
    assert.equal(new Set(names).size, TASKS);
    assert.deepEqual(record.potNames, Object.fromEntries(record.requests.map((request) => [request.config.id, request.potName])));
  });

  test("pot's record of every running jail holds exactly its task's two ports; no host port or address is shared", () => {
    const running = new Set(untilStopped().map((id) => record.requests.find((request) => request.config.id === id)!.potName));
    assert.deepEqual(record.pots.filter((pot) => running.has(pot.name)).length, running.size);
    const expected = new Map(record.requests.map((request, i) => [request.potName, record.plan[i]!.spec.ports!.map((p) => `${p.to}:${p.value}`).sort()]));
    for (const pot of record.pots) assert.deepEqual([...pot.exportPorts].sort(), expected.get(pot.name), pot.name);
    const ports = record.pots.flatMap((pot) => pot.exportPorts.map(hostPort));
    assert.equal(new Set(ports).size, ports.length);
    const addresses = record.pots.map((pot) => pot.ip);
    assert.ok(addresses.every((ip) => /^10\.192\.\d+\.\d+$/.test(ip)), addresses.join(' '));
    assert.equal(new Set(addresses).size, addresses.length);
  });

  test('TaskStats streams sample their own task while it runs, and end when it is stopped', () => {
    const watched = Object.keys(record.statsFirst);
    assert.equal(watched.length, STATS_STREAMS);
    assert.deepEqual(record.statsFirst, Object.fromEntries(watched.map((id) => [id, id])));
    assert.deepEqual(record.statsEnded, Object.fromEntries(watched.map((id) => [id, 'OK'])));
  });

  test(`each of the ${SELF_EXITING} self-exiting tasks gets its own exit code from WaitTask`, () => {
    const expected: Record<string, WaitReply> = Object.fromEntries(
      selfExiting().map((id, i) => [id, { result: { exit_code: i + 1, signal: 0, oom_killed: false }, err: '' }]),
    );
    assert.deepEqual(pick(record.replies, selfExiting()), expected);
  });

  test('every stopped task gets the exit of a task killed by SIGTERM from WaitTask', () => {
    assert.deepEqual(record.notStarted, []);
    assert.deepEqual(record.stopErrors, []);
    assert.deepEqual(pick(record.replies, untilStopped()), Object.fromEntries(untilStopped().map((id) => [id, STOPPED])));
  });

  test('every task got its start events, a stopped one its stop event, in order, and no other event was sent', () => {
    const stopped = new Set(untilStopped());
    const expected: Record<string, EventLine[]> = Object.fromEntries(
      record.requests.map((request) => [
        request.config.id,
        [
          [request.allocId, request.config.taskName, `Preparing jail ${request.potName} from ${FLEET_IMAGE.image} ${FLEET_IMAGE.pot}:${FLEET_IMAGE.tag}`],
          [request.allocId, request.config.taskName, 'Jail started'],
          ...(stopped.has(request.config.id) ? [[request.allocId, request.config.taskName, `Stopping jail ${request.potName} with SIGTERM`] as EventLine] : []),
        ],
      ]),
    );
    assert.deepEqual(record.events, expected);
    assert.deepEqual(record.strayEvents, []);
  });

  test('after DestroyTask no pot is left and the plugin has forgotten every task', () => {
    assert.deepEqual(record.potsLeft, []);
    assert.deepEqual(readPotRecords(ws.emulatorRoot), []);
    assert.deepEqual(record.afterDestroy, Object.fromEntries(ids().map((id) => [id, 'NOT_FOUND'])));
  });

  test('the plugin still serves', async () => {
    assert.equal(pluginExited, false);
    const fingerprints = openStream(plugin!.clients.driver, 'Fingerprint');
    const fingerprint = await firstMessage(fingerprints, 60_000).finally(() => fingerprints.cancel());
    assert.equal(fingerprint.health, 'HEALTHY');
    const info = await call<{ name: string }>(plugin!.clients.base, 'PluginInfo', {}, { timeoutMs: 60_000 });
    assert.equal(info.name, 'pot');
  });
});
