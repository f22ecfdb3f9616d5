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

const REQUIRED: Record<string, (v: unknown) => boolean> = {
  id: (v) => typeof v === 'string' && RUN_ID_PATTERN.test(v),
  job: (v) => typeof v === 'string' && v !== '',
  createdAt: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
  backend: (v) => typeof v === 'string' && v !== '',
  allocs: (v) => Array.isArray(v),
};

/** Checks a parsed value against the record's shape and returns it typed. */
export function validateRunRecord(value: unknown): RunRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RunRecordShapeError('not a JSON object');
  const v = value as Record<string, unknown>;
  if (typeof v.version !== 'number' || !Number.isInteger(v.version)) throw new RunRecordShapeError('"version" is missing or not an integer');
  if (v.version > RUN_RECORD_VERSION) {
    throw new RunRecordShapeError(`it has version ${v.version}, written by a newer pot-nomad (this one reads version ${RUN_RECORD_VERSION})`, true);
  }
  if (v.version < 1) throw new RunRecordShapeError(`"version" ${v.version} is not a valid version`);
  const bad = Object.entries(REQUIRED).filter(([k, ok]) => !ok(v[k]));
  if (bad.length > 0) throw new RunRecordShapeError(`${bad.map(([k]) => `"${k}"`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} missing or invalid`);
  return v as RunRecord;
}
