/**
 * One round of a fleet on one plugin, as a busy Nomad client drives it: every task started at once with a
 * WaitTask held open, the driver's and pot's view of the running jails, TaskStats streams on a few tasks, the
 * self-exiting tasks waited for, StopTask and DestroyTask for all, and what is left afterwards. Everything is
 * recorded rather than judged, so that a test can assert it value by value and the soak can list problems.
 */
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { status } from '@grpc/grpc-js';
import { readPotRecords, readPotStatus, type PotRecord } from './emulator-pots.js';
import { planFleet, type PlannedTask, type WaitReply } from './fleet-plan.js';
import { fleetTaskRequest, type FleetTaskRequest } from './fleet-task.js';
import { watchStats, type EventLog, type StatsWatch } from './fleet-watch.js';
import { listPots, startTask, stopTasks, type RunningTask, type Workspace } from './plugin-fleet.js';
import { call, withTimeout, type BenchPlugin, type Msg } from './plugin-process.js';

export interface RoundOptions {
  tasks: number;
  selfExiting: number;
  statsStreams: number;
  statsIntervalMs: number;
  /** Host ports of the round's tasks start here. */
  portBase: number;
  /** Deadline of each call, and of each wait for a stream. */
  callMs: number;
  job?: string;
}

/** An event as Nomad routes it: alloc id, task name, message. */
export type EventLine = [string, string, string];

export interface RoundRecord {
  plan: PlannedTask[];
  requests: FleetTaskRequest[];
  /** Per task id, in the order of `requests`. */
  startErrors: Record<string, string>;
  /** The task ids that started. */
  started: string[];
  /** InspectTask's pot_name per started task, while the fleet runs (or an error). */
  potNames: Record<string, string>;
  /** pot's records once every task has started. */
  pots: PotRecord[];
  /** Jails of tasks that run until stopped which pot never reported as started. */
  notStarted: string[];
  /** Per stats stream (by task id): the task id carried by its first sample, or why there was none. */
  statsFirst: Record<string, string>;
  /** How each stats stream ended once its task was stopped. */
  statsEnded: Record<string, string>;
  /** WaitTask's reply per started task, or the call's error. */
  replies: Record<string, WaitReply | string>;
  stopErrors: string[];
  /** Every event the round's tasks got, per task id, in arrival order. */
  events: Record<string, EventLine[]>;
  /** Events for tasks that are not the round's. */
  strayEvents: Msg[];
  /** `pot ls -q` after the round. */
  potsLeft: string[];
  /** InspectTask per started task after DestroyTask: the gRPC status name (NOT_FOUND when forgotten). */
  afterDestroy: Record<string, string>;
  /** Wall time of the phases, in ms: starting every task, stopping and destroying them, the whole round. */
  phasesMs: { start: number; stop: number; round: number };
}

/** Runs one round; takes the round's events (and any stray ones) out of `events`. */
export async function runRound(plugin: BenchPlugin, ws: Workspace, events: EventLog, options: RoundOptions): Promise<RoundRecord> {
  const { callMs } = options;
  const plan = planFleet(options.tasks, { selfExiting: options.selfExiting, portBase: options.portBase, ...(options.job ? { job: options.job } : {}) });
  const requests = plan.map((task) => fleetTaskRequest(ws, task.spec));
  const expected = new Map(requests.map((request, i) => [request.config.id, plan[i]!]));
  const potOf = new Map(requests.map((request) => [request.config.id, request.potName]));
  const waits = new AbortController();
  setMaxListeners(0, waits.signal);
  const record: RoundRecord = {
    plan,
    requests,
    startErrors: {},
    started: [],
    potNames: {},
    pots: [],
    notStarted: [],
    statsFirst: {},
    statsEnded: {},
    replies: {},
    stopErrors: [],
    events: {},
    strayEvents: [],
    potsLeft: [],
    afterDestroy: {},
    phasesMs: { start: 0, stop: 0, round: 0 },
  };
  const began = performance.now();
  const running = new Map<string, RunningTask>();
  const stats: StatsWatch[] = [];
  // StartTask calls are not cancelled: each ends with its reply or its deadline.
  const never = new AbortController().signal;
  setMaxListeners(0, never);
  /** Whether the tasks still need their StopTask. */
  let stopNeeded = true;
  try {
    await Promise.all(
      requests.map(async (request) => {
        const id = request.config.id;
        try {
          running.set(id, await startTask(plugin, request, never, waits.signal, callMs));
        } catch (error) {
          record.startErrors[id] = (error as Error).message;
        }
      }),
    );
    record.phasesMs.start = performance.now() - began;
    record.started = requests.map((request) => request.config.id).filter((id) => running.has(id));
    await Promise.all(
      record.started.map(async (id) => {
        const inspected = await call<{ driver: { attributes: Record<string, string> } }>(plugin.clients.driver, 'InspectTask', { task_id: id }, { timeoutMs: callMs }).catch(
          (error: Error) => ({ driver: { attributes: { pot_name: `InspectTask failed: ${error.message}` } } }),
        );
        record.potNames[id] = inspected.driver.attributes.pot_name ?? '';
      }),
    );
    record.pots = readPotRecords(ws.emulatorRoot);

    for (const id of record.started.filter((id) => expected.get(id)!.exitCode === 0).slice(0, options.statsStreams)) {
      stats.push(watchStats(plugin, id, options.statsIntervalMs));
    }
    await Promise.all(
      stats.map(async (watch) => {
        record.statsFirst[watch.taskId] = await watch.firstSample(callMs).then(
          (sample) => String((sample.stats as Msg | undefined)?.id),
          (error: Error) => error.message,
        );
      }),
    );

    const byExit = (selfExiting: boolean): string[] => record.started.filter((id) => (expected.get(id)!.exitCode !== 0) === selfExiting);
    await collectReplies(record, running, byExit(true), callMs);
    record.notStarted = await untilStarted(ws, byExit(false).map((id) => potOf.get(id)!), callMs);
    stopNeeded = false;
    const stopping = performance.now();
    record.stopErrors = (await stopTasks(plugin, [...running.values()], running.size, callMs)).errors;
    record.phasesMs.stop = performance.now() - stopping;
    await collectReplies(record, running, byExit(false), callMs);
    await Promise.all(
      stats.map(async (watch) => {
        record.statsEnded[watch.taskId] = await withTimeout(watch.ended, callMs, `the end of the TaskStats stream of ${watch.taskId}`).catch((error: Error) => error.message);
      }),
    );
  } finally {
    for (const watch of stats) watch.close();
    // Only after a failure are tasks left: stop them so that the round leaves nothing running.
    if (stopNeeded) record.stopErrors.push(...(await stopTasks(plugin, [...running.values()], running.size, callMs)).errors);
    waits.abort();
  }

  // Events travel on a stream of their own, which the last reply may overtake: wait until every started task has
  // what it is due (its two start events, and a stop event when it was stopped), within a bound.
  const due = new Map(record.started.map((id) => [id, expected.get(id)!.exitCode === 0 ? 3 : 2]));
  await eventsArrived(events, due, Math.min(callMs, EVENTS_WAIT_MS));
  for (const event of events.events.splice(0)) {
    const id = String(event.task_id);
    if (!expected.has(id)) record.strayEvents.push(event);
    else (record.events[id] ??= []).push([String(event.alloc_id), String(event.task_name), String(event.message)]);
  }
  record.potsLeft = listPots(ws);
  await Promise.all(
    record.started.map(async (id) => {
      record.afterDestroy[id] = await call(plugin.clients.driver, 'InspectTask', { task_id: id }, { timeoutMs: callMs }).then(
        () => 'OK',
        (error: Error & { cause?: { code?: number } }) => status[error.cause?.code ?? status.UNKNOWN] ?? error.message,
      );
    }),
  );
  record.phasesMs.round = performance.now() - began;
  return record;
}

/**
 * StartTask returns once `pot start` is spawned, before it has launched the jail's command; a StopTask in that
 * window finds nothing to signal, and the task is killed after its kill_timeout (137, not 143). The round stops
 * its tasks only once pot reports every jail started, so that the exit codes it checks are those of running
 * tasks under load. Returns the pots not started within `timeoutMs`.
 */
async function untilStarted(ws: Workspace, pots: readonly string[], timeoutMs: number): Promise<string[]> {
  const deadline = performance.now() + timeoutMs;
  let waiting = [...pots];
  while (waiting.length > 0 && performance.now() < deadline) {
    waiting = waiting.filter((pot) => readPotStatus(ws.emulatorRoot, pot) !== 'started');
    if (waiting.length > 0) await sleep(200);
  }
  return waiting;
}

/** A reply that does not come within `timeoutMs` is recorded as lost. */
async function collectReplies(record: RoundRecord, running: ReadonlyMap<string, RunningTask>, ids: readonly string[], timeoutMs: number): Promise<void> {
  await Promise.all(
    ids.map(async (id) => {
      const reply = await withTimeout(running.get(id)!.waited, timeoutMs, `the WaitTask reply of ${id}`).catch((error: Error) => error);
      record.replies[id] = reply instanceof Error ? reply.message : (reply as unknown as WaitReply);
    }),
  );
}

/** How long the round waits for the events its tasks are due after their last reply. */
const EVENTS_WAIT_MS = 30_000;

/** Resolves once every task in `due` has had at least its number of events, or after `timeoutMs`. */
async function eventsArrived(log: EventLog, due: ReadonlyMap<string, number>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const counts = new Map<string, number>();
    for (const event of log.events) counts.set(String(event.task_id), (counts.get(String(event.task_id)) ?? 0) + 1);
    if ([...due].every(([id, n]) => (counts.get(id) ?? 0) >= n) || performance.now() > deadline) return;
    await sleep(20);
  }
}
