import { FieldCheck, isBoolean, isInteger, isIntegerIn, isNumberAtLeast, isObject, isOneOf, isString, isText, isTime, type Fields, type Test } from './field-check.js';

/**
 * The run record: what `pot-nomad run` keeps about one run so that `status`, `logs`, `stop` and a
 * later process can find its allocations again. This file is the one place its shape is declared.
 */

export const RUN_RECORD_VERSION = 1;

/** Run ids become file names: letters, digits, `.`, `_` and `-`, not starting with a dot. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export interface RunRecord {
  version: typeof RUN_RECORD_VERSION;
  id: string;
  /** The job's id. */
  job: string;
  /** ISO 8601. */
  createdAt: string;
  /** What ran the tasks: `pot`, or `emulator`. */
  backend: string;
  /** One entry per allocation. */
  allocs: AllocRecord[];
  /** The pot executable used, and the emulator's state root when it is the emulator. */
  potBin?: string;
  emulatorRoot?: string;
  /** How the emulator runs this run's jails: `none` or `namespaces`. */
  isolation?: string;
  /** Absolute path of the job file, and the options it was loaded and run with. */
  jobFile?: string;
  dataDir?: string;
  hostIp?: string;
  /** The process that runs the allocations (the foreground `run`, or the detached supervisor). */
  supervisorPid?: number;
  status?: RunStatus;
  /** Set by `stop` so a supervisor (or whoever re-adopts the run) stops every task. */
  stopRequested?: boolean;
  [extra: string]: unknown;
}

export type RunStatus = 'starting' | 'running' | 'complete' | 'failed' | 'stopped';

export interface AllocRecord {
  id: string;
  group: string;
  index: number;
  /** Host path of the allocation directory. */
  dir: string;
  ports: { label: string; hostPort: number; to?: number }[];
  status: 'pending' | 'running' | 'complete' | 'failed' | 'stopped';
  tasks: TaskRecord[];
  checks?: CheckRecord[];
}

export type TaskRunState = 'pending' | 'starting' | 'running' | 'restarting' | 'dead';

export interface TaskRecord {
  name: string;
  driver: string;
  /** Why a task is not run (another driver); such tasks stay `pending` and are shown as skipped. */
  skipped?: string;
  lifecycle?: { hook: 'prestart' | 'poststart' | 'poststop'; sidecar: boolean };
  state: TaskRunState;
  failed: boolean;
  /** The current (or last) start: Nomad's task id `<alloc>/<task>/<invocation>` and the jail's name. */
  taskId?: string;
  potName?: string;
  /** The driver's handle for recovery: `driverState` is base64. */
  handle?: { version: number; state: string; driverState: string };
  /** The jail's own address and port map (label → port in the jail), for a jail that has them. */
  network?: { addr: string; portMap: Record<string, number> };
  killSignal?: string;
  killTimeoutMs: number;
  restarts: number;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  signal?: number;
  /** The last thing that happened, in words: why it failed, why it is restarting. */
  message?: string;
  stdoutPath: string;
  stderrPath: string;
  /** The most recent events, oldest first, at most 20. */
  events: { time: string; message: string }[];
}

export interface CheckRecord {
  service: string;
  name: string;
  type: string;
  status: 'pending' | 'passing' | 'critical' | 'unsupported';
  output: string;
}

/** A record that parsed as JSON but is not a run record of a version this program reads. */
export class RunRecordShapeError extends Error {
  constructor(
    message: string,
    /** Written by a newer pot-nomad: not damaged, just not readable here. */
    readonly newer = false,
  ) {
    super(message);
    this.name = 'RunRecordShapeError';
  }
}

const RUN_STATUSES = ['starting', 'running', 'complete', 'failed', 'stopped'] as const;
const ALLOC_STATUSES = ['pending', 'running', 'complete', 'failed', 'stopped'] as const;
const TASK_STATES = ['pending', 'starting', 'running', 'restarting', 'dead'] as const;
const CHECK_STATUSES = ['pending', 'passing', 'critical', 'unsupported'] as const;
const HOOKS = ['prestart', 'poststart', 'poststop'] as const;

const isRunId: Test = (v) => typeof v === 'string' && RUN_ID_PATTERN.test(v);
const isPort = isIntegerIn(0, 65535);

/**
 * Checks a parsed value against the record's shape, every allocation, task, check and event included, and
 * returns it typed. Unknown keys are kept (a later version may add some); a known key with the wrong type,
 * `null` included, makes the whole record unusable, since the commands over runs rely on every one.
 */
export function validateRunRecord(value: unknown): RunRecord {
  if (!isObject(value)) throw new RunRecordShapeError('not a JSON object');
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new RunRecordShapeError('"version" is missing or not an integer');
  if (version > RUN_RECORD_VERSION) {
    throw new RunRecordShapeError(`it has version ${version}, written by a newer pot-nomad (this one reads version ${RUN_RECORD_VERSION})`, true);
  }
  if (version < 1) throw new RunRecordShapeError(`"version" ${version} is not a valid version`);
  const c = new FieldCheck();
  c.required(value, 'id', '', isRunId);
  c.required(value, 'job', '', isText);
  c.required(value, 'createdAt', '', isTime);
  c.required(value, 'backend', '', isText);
  c.list(value, 'allocs', '', (alloc, at) => checkAlloc(c, alloc, at));
  for (const key of ['potBin', 'emulatorRoot', 'isolation', 'jobFile', 'dataDir', 'hostIp']) c.optional(value, key, '', isString);
  // A pid of 0 or below would make a signal reach a whole process group, or every process.
  c.optional(value, 'supervisorPid', '', isIntegerIn(1));
  c.optional(value, 'status', '', isOneOf(...RUN_STATUSES));
  c.optional(value, 'stopRequested', '', isBoolean);
  const problem = c.summary();
  if (problem !== undefined) throw new RunRecordShapeError(problem);
  return value as RunRecord;
}

function checkAlloc(c: FieldCheck, alloc: Fields, at: string): void {
  c.required(alloc, 'id', at, isText);
  c.required(alloc, 'group', at, isString);
  c.required(alloc, 'index', at, isIntegerIn(0));
  c.required(alloc, 'dir', at, isText);
  c.list(alloc, 'ports', at, (port, p) => {
    c.required(port, 'label', p, isString);
    c.required(port, 'hostPort', p, isPort);
    c.optional(port, 'to', p, isPort);
  });
  c.required(alloc, 'status', at, isOneOf(...ALLOC_STATUSES));
  c.list(alloc, 'tasks', at, (task, p) => checkTask(c, task, p));
  c.list(
    alloc,
    'checks',
    at,
    (check, p) => {
      for (const key of ['service', 'name', 'type', 'output']) c.required(check, key, p, isString);
      c.required(check, 'status', p, isOneOf(...CHECK_STATUSES));
    },
    true,
  );
}

function checkTask(c: FieldCheck, task: Fields, at: string): void {
  c.required(task, 'name', at, isText);
  c.required(task, 'driver', at, isText);
  c.optional(task, 'skipped', at, isString);
  c.object(
    task,
    'lifecycle',
    at,
    (lifecycle, p) => {
      c.required(lifecycle, 'hook', p, isOneOf(...HOOKS));
      c.required(lifecycle, 'sidecar', p, isBoolean);
    },
    true,
  );
  c.required(task, 'state', at, isOneOf(...TASK_STATES));
  c.required(task, 'failed', at, isBoolean);
  for (const key of ['taskId', 'potName', 'killSignal', 'message']) c.optional(task, key, at, isString);
  c.object(
    task,
    'handle',
    at,
    (handle, p) => {
      c.required(handle, 'version', p, isInteger);
      c.required(handle, 'state', p, isString);
      c.required(handle, 'driverState', p, isString);
    },
    true,
  );
  c.object(
    task,
    'network',
    at,
    (network, p) => {
      c.required(network, 'addr', p, isText);
      c.object(network, 'portMap', p, (ports, q) => {
        for (const label of Object.keys(ports)) c.required(ports, label, q, isIntegerIn(1));
      });
    },
    true,
  );
  c.required(task, 'killTimeoutMs', at, isNumberAtLeast(0));
  c.required(task, 'restarts', at, isIntegerIn(0));
  c.optional(task, 'startedAt', at, isTime);
  c.optional(task, 'finishedAt', at, isTime);
  c.optional(task, 'exitCode', at, isInteger);
  c.optional(task, 'signal', at, isIntegerIn(0));
  c.required(task, 'stdoutPath', at, isText);
  c.required(task, 'stderrPath', at, isText);
  c.list(task, 'events', at, (event, p) => {
    c.required(event, 'time', p, isTime);
    c.required(event, 'message', p, isString);
  });
}
