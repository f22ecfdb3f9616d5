import type { VariableInput } from '../../hcl/eval/job-file.js';
import type { AllocatedTask, Allocation } from '../../nomad/allocation.js';
import { RUN_RECORD_VERSION, type AllocRecord, type RunRecord, type TaskRecord } from '../state/run-record.js';
import type { Backend } from './backend.js';
import type { RunJob } from './run-job.js';

/**
 * What a supervisor needs, besides the record's own fields, to load the job exactly as the run was
 * created: kept in the record under `launch`.
 */
export interface RunLaunch {
  /** A copy of the job file's text as it was when the run was created. */
  jobCopy: string;
  /** The name the job file is reported under. */
  filename: string;
  /** The job file's directory (template sources, `file()`). */
  baseDir: string;
  vars: VariableInput[];
  invocationId: string;
  prepareTimeoutMs: number;
  commandTimeoutMs: number;
}

export interface NewRunRecord {
  id: string;
  job: RunJob;
  backend: Backend;
  jobFile: string;
  dataDir: string;
  hostIp: string;
  launch: RunLaunch;
  now: Date;
}

/** The record of a run that is about to start: every allocation and task pending. */
export function newRunRecord(input: NewRunRecord): RunRecord {
  const skipped = new Map(input.job.skipped.map((s) => [s.allocated.id, s.reason]));
  const record: RunRecord = {
    version: RUN_RECORD_VERSION,
    id: input.id,
    job: input.job.loaded.job.id,
    createdAt: input.now.toISOString(),
    backend: input.backend.kind,
    potBin: input.backend.bin,
    jobFile: input.jobFile,
    dataDir: input.dataDir,
    hostIp: input.hostIp,
    supervisorPid: process.pid,
    status: 'starting',
    allocs: input.job.allocs.map((alloc) => allocRecord(alloc, skipped)),
    launch: input.launch,
  };
  if (input.backend.emulatorRoot !== undefined) record.emulatorRoot = input.backend.emulatorRoot;
  if (input.backend.isolation !== undefined) record.isolation = input.backend.isolation;
  return record;
}

function allocRecord(alloc: Allocation, skipped: ReadonlyMap<string, string>): AllocRecord {
  return {
    id: alloc.id,
    group: alloc.group.name,
    index: alloc.index,
    dir: alloc.layout.allocDir,
    ports: alloc.ports.map((p) => ({ ...p })),
    status: 'pending',
    tasks: alloc.tasks.map((t) => taskRecord(alloc, t, skipped.get(t.id))),
    checks: [],
  };
}

function taskRecord(alloc: Allocation, allocated: AllocatedTask, skipped: string | undefined): TaskRecord {
  const { task } = allocated;
  const record: TaskRecord = {
    name: task.name,
    driver: task.driver,
    state: 'pending',
    failed: false,
    killTimeoutMs: task.killTimeoutMs,
    restarts: 0,
    stdoutPath: taskLogPath(alloc, task.name, 'stdout'),
    stderrPath: taskLogPath(alloc, task.name, 'stderr'),
    events: [],
  };
  if (skipped !== undefined) record.skipped = `${skipped} is not run by pot-nomad`;
  if (task.lifecycle) record.lifecycle = { hook: task.lifecycle.hook, sidecar: task.lifecycle.sidecar };
  if (task.killSignal !== undefined) record.killSignal = task.killSignal;
  return record;
}

/** Plain files, where Nomad's logmon would write its first rotation: `<alloc>/alloc/logs/<task>.stdout.0`. */
export function taskLogPath(alloc: Allocation, task: string, stream: 'stdout' | 'stderr'): string {
  return `${alloc.layout.logsDir}/${task}.${stream}.0`;
}

/** The `launch` part of a record, checked; undefined when the record has none usable. */
export function launchOf(record: RunRecord): RunLaunch | undefined {
  const l = record.launch as Partial<RunLaunch> | undefined;
  if (typeof l !== 'object' || l === null) return undefined;
  const ok =
    typeof l.jobCopy === 'string' &&
    typeof l.filename === 'string' &&
    typeof l.baseDir === 'string' &&
    Array.isArray(l.vars) &&
    typeof l.invocationId === 'string' &&
    typeof l.prepareTimeoutMs === 'number' &&
    typeof l.commandTimeoutMs === 'number';
  return ok ? (l as RunLaunch) : undefined;
}
