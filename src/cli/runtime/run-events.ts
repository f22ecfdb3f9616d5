import type { AllocRecord, RunRecord, TaskRecord } from '../state/run-record.js';

/** What happened to a task, for whoever shows a run as it goes. */
export type TaskChangeKind =
  | 'preparing'
  | 'started'
  | 'exited'
  | 'restarting'
  | 'failed'
  | 'completed'
  | 'killing'
  | 'killed'
  | 'cancelled'
  | 'skipped';

export interface TaskChange {
  kind: TaskChangeKind;
  time: Date;
  alloc: AllocRecord;
  task: TaskRecord;
  /** The change in a few words, e.g. `started`, `exited with code 3`. */
  text: string;
}

export type RunChangeKind = 'stopping' | 'forcing' | 'ended';

export interface RunChange {
  kind: RunChangeKind;
  time: Date;
  record: RunRecord;
}

/** Told of every change; a foreground run prints them, a supervisor writes them to its log. */
export interface RunObserver {
  task(change: TaskChange): void;
  run(change: RunChange): void;
}

/** How many events a task's record keeps. */
export const MAX_TASK_EVENTS = 20;

export function pushTaskEvent(task: TaskRecord, time: Date, message: string): void {
  task.events.push({ time: time.toISOString(), message });
  if (task.events.length > MAX_TASK_EVENTS) task.events.splice(0, task.events.length - MAX_TASK_EVENTS);
}
