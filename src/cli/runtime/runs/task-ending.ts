import type { AllocRecord, RunRecord, TaskRecord } from '../../state/run-record.js';

/** Tasks that are not run by pot-nomad (another driver) take no part in any of this. */
export function potTasks(alloc: AllocRecord): TaskRecord[] {
  return alloc.tasks.filter((t) => t.skipped === undefined);
}

const MAX_EVENTS = 20;

export function addEvent(task: TaskRecord, message: string, at: Date): void {
  task.events = [...(task.events ?? []), { time: at.toISOString(), message }].slice(-MAX_EVENTS);
}

export interface TaskEnd {
  exitCode: number;
  signal: number;
  at: Date;
  /** The event and the task's message. */
  message: string;
  /** A stop that was asked for is not a failure, whatever the exit code. */
  stopped: boolean;
}

/** The task's run is over: the record says how it ended. */
export function markTaskDead(task: TaskRecord, end: TaskEnd): void {
  task.state = 'dead';
  task.exitCode = end.exitCode;
  if (end.signal !== 0) task.signal = end.signal;
  else delete task.signal;
  task.finishedAt = end.at.toISOString();
  task.failed = !end.stopped && end.exitCode !== 0;
  task.message = end.message;
  addEvent(task, end.message, end.at);
}

const TERMINAL = new Set(['complete', 'failed', 'stopped']);

/**
 * Recomputes the statuses of allocations whose tasks have all ended, and of the run once every allocation
 * has: stopped when a stop was asked for, failed when a task failed, complete otherwise.
 */
export function settleStatuses(record: RunRecord): void {
  for (const alloc of record.allocs) {
    const tasks = potTasks(alloc);
    if (tasks.length === 0 || !tasks.every((t) => t.state === 'dead')) continue;
    if (TERMINAL.has(alloc.status)) continue;
    alloc.status = record.stopRequested ? 'stopped' : tasks.some((t) => t.failed) ? 'failed' : 'complete';
  }
  if (record.allocs.length === 0 || !record.allocs.every((a) => TERMINAL.has(a.status))) return;
  if (record.status !== undefined && TERMINAL.has(record.status)) return;
  const stopped = record.stopRequested === true || record.allocs.every((a) => a.status === 'stopped');
  record.status = stopped ? 'stopped' : record.allocs.some((a) => a.status === 'failed') ? 'failed' : 'complete';
}

/** Whether the run's statuses say it is over. */
export function runEnded(record: RunRecord): boolean {
  return record.status !== undefined && TERMINAL.has(record.status);
}
