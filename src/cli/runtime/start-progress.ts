import type { AllocRecord, RunRecord, RunStatus, TaskRecord } from '../state/run-record.js';

/** How far a run has come in starting its tasks, as `run --detach` waits for it. */
export type StartProgress =
  | { kind: 'waiting' }
  | { kind: 'started' }
  /** A task died before it ever ran: its start failed for good. */
  | { kind: 'failed'; alloc: AllocRecord; task: TaskRecord; message: string }
  /** The run ended before every task had started (stopped meanwhile). */
  | { kind: 'ended'; status: RunStatus };

const FINAL: readonly (RunStatus | undefined)[] = ['complete', 'failed', 'stopped'];

/**
 * Every task that is run and not a poststop task must have started (it runs, or it already finished,
 * as a batch task may) or be dead for a reason other than its own failure (a sibling's failure ended
 * the allocation first).
 */
export function startProgress(record: RunRecord): StartProgress {
  const tasks = record.allocs.flatMap((alloc) => alloc.tasks.filter((t) => t.skipped === undefined && t.lifecycle?.hook !== 'poststop').map((task) => ({ alloc, task })));
  const failed = tasks.find(({ task }) => task.state === 'dead' && task.failed && task.startedAt === undefined);
  if (failed) return { kind: 'failed', alloc: failed.alloc, task: failed.task, message: failed.task.message ?? 'the task could not be started' };
  if (record.status === 'stopped' && tasks.some(({ task }) => task.startedAt === undefined)) return { kind: 'ended', status: 'stopped' };
  if (tasks.every(({ task }) => task.startedAt !== undefined || task.state === 'dead')) return { kind: 'started' };
  if (FINAL.includes(record.status)) return { kind: 'ended', status: record.status! };
  return { kind: 'waiting' };
}
