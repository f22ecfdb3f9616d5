import { DriverStateError } from '../../../driver/driver-state.js';
import { messageOf } from '../../../driver/error-message.js';
import { DEFAULT_KILL_SIGNAL, normalizeSignal } from '../../../driver/signals.js';
import { formatDuration } from '../../../shared/duration.js';
import type { AllocRecord, TaskRecord } from '../../state/run-record.js';
import { TaskHandleError, type RunControl } from './run-control.js';
import { addEvent, markTaskDead, potTasks } from './task-ending.js';

export interface StoppedTask {
  allocId: string;
  task: string;
  /** Undefined when the task's end could not be learnt. */
  exitCode?: number;
  /** The task may still run: stopping it failed, and it is still recorded as running. */
  failed: boolean;
  message: string;
}

/**
 * Stops the running tasks of the chosen allocations through the driver, as a Nomad client stops them: the task's
 * `kill_signal`, up to its `kill_timeout`, then the jail is destroyed. Tasks that never started are marked as not
 * started, and each allocation whose tasks have all ended is `stopped`. The caller holds the record's lock and
 * writes the record.
 */
export async function stopRunningTasks(control: RunControl, allocs: readonly AllocRecord[], signal: AbortSignal): Promise<StoppedTask[]> {
  const running = allocs.flatMap((alloc) => potTasks(alloc).filter((t) => t.state === 'running').map((task) => ({ alloc, task })));
  const stopped = await Promise.all(running.map(({ alloc, task }) => stopOne(control, alloc, task, signal)));
  const now = new Date();
  for (const alloc of allocs) {
    const tasks = potTasks(alloc);
    if (tasks.some((t) => t.state === 'running')) continue;
    for (const task of tasks) {
      if (task.state === 'dead') continue;
      task.state = 'dead';
      task.message = 'Not started: the allocation was stopped';
      addEvent(task, task.message, now);
    }
    alloc.status = 'stopped';
  }
  return stopped;
}

/** SIGKILL: what the driver sends a task that outlives its kill_timeout. */
const FORCE_KILL_SIGNUM = 9;

async function stopOne(control: RunControl, alloc: AllocRecord, task: TaskRecord, signal: AbortSignal): Promise<StoppedTask> {
  const killSignal = normalizeSignal(task.killSignal ?? '') ?? DEFAULT_KILL_SIGNAL;
  const driver = control.driver();
  const base = { allocId: alloc.id, task: task.name };
  try {
    const state = await control.recover(task, signal);
    const taskId = task.taskId as string;
    if (state === 'running') await driver.stopTask(taskId, task.killTimeoutMs, task.killSignal ?? '', signal);
    const { status } = await driver.inspectTask(taskId, signal);
    await driver.destroyTask(taskId, true, signal);
    const exitCode = status.result?.exitCode;
    const killed = status.result?.signal === FORCE_KILL_SIGNUM;
    const how = state !== 'running' ? 'Had already ended' : killed ? `Killed after its kill_timeout (${formatDuration(task.killTimeoutMs)})` : `Stopped with ${killSignal}`;
    const message = `${how}${exitCode === undefined ? '' : `: exit code ${exitCode}`}`;
    markTaskDead(task, { exitCode: exitCode ?? 0, signal: status.result?.signal ?? 0, at: status.completedAt ?? new Date(), message, stopped: true });
    if (exitCode === undefined) delete task.exitCode;
    return { ...base, ...(exitCode === undefined ? {} : { exitCode }), failed: false, message };
  } catch (error) {
    if (!(error instanceof TaskHandleError || error instanceof DriverStateError)) {
      return { ...base, failed: true, message: `Could not be stopped: ${messageOf(error)}` };
    }
    // Without a usable handle nothing here can reach the jail again; say which one it was.
    const message = `Lost: ${messageOf(error)}${task.potName === undefined ? '' : `; its jail ${task.potName} may still exist`}`;
    markTaskDead(task, { exitCode: 0, signal: 0, at: new Date(), message, stopped: true });
    delete task.exitCode;
    return { ...base, failed: false, message };
  }
}
