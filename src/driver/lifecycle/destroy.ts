import type { DriverContext } from '../context.js';
import { potName, taskNameProblem } from '../pot-name.js';
import { splitTaskId } from '../task-config.js';
import { destroyPotOnce } from './exit.js';
import { stopTask } from './stop.js';

/** A non-forced destroy of a task that still runs. */
export class TaskRunningError extends Error {
  constructor(readonly taskId: string) {
    super('cannot destroy running task');
    this.name = 'TaskRunningError';
  }
}

/**
 * DestroyTask: free everything the task holds. A running task needs `force`, and is then stopped at once;
 * the pot is removed if it still exists and the task is forgotten. Unknown ids are fine.
 */
export async function destroyTask(ctx: DriverContext, taskId: string, force: boolean, signal: AbortSignal): Promise<void> {
  const handle = ctx.store.get(taskId);
  if (handle === undefined) {
    await destroyUnrecovered(ctx, taskId);
    return;
  }
  if (handle.running) {
    if (!force) throw new TaskRunningError(taskId);
    await stopTask(ctx, taskId, 0, '', signal);
  }
  try {
    await destroyPotOnce(ctx, handle);
  } finally {
    handle.dispose();
    ctx.store.destroyed(taskId);
  }
}

/**
 * A DestroyTask for a task this process has no handle of: after a recovery that failed on a damaged
 * handle, or after this plugin was restarted between the task's end (whose pot is kept for its exit record)
 * and Nomad's DestroyTask, when Nomad has no reason to recover a task that is over. The jail the task id
 * names, if any, is removed (it may still run), as Nomad starts the task anew elsewhere or under a new id.
 */
async function destroyUnrecovered(ctx: DriverContext, taskId: string): Promise<void> {
  if (ctx.store.wasDestroyed(taskId)) return;
  const jail = ctx.store.takeUnrecovered(taskId) ?? jailNamedBy(taskId, ctx.settings().potBin);
  if (jail === undefined) return;
  let alreadyGone: boolean;
  try {
    ({ alreadyGone } = await ctx.backend(jail.potBin).commands.destroy(jail.potName, { force: true }, { timeoutMs: ctx.settings().commandTimeoutMs }));
  } catch (error) {
    ctx.store.markUnrecovered(taskId, jail);
    throw error;
  }
  ctx.store.destroyed(taskId);
  if (!alreadyGone) ctx.log.info('removed the jail of a task this plugin had no handle of', { task_id: taskId, pot: jail.potName });
}

/** The jail a task id of Nomad's would have been started as; none for ids no start of this driver could have. */
function jailNamedBy(taskId: string, potBin: string): { potName: string; potBin: string } | undefined {
  const ids = splitTaskId(taskId);
  if (ids === undefined || !TASK_ID_PARTS.alloc.test(ids.allocId) || !TASK_ID_PARTS.invocation.test(ids.invocationId)) return undefined;
  if (taskNameProblem(ids.taskName) !== undefined) return undefined;
  return { potName: potName(ids.taskName, ids.invocationId, ids.allocId), potBin };
}

/** Nomad's allocation ids are UUIDs and its invocation ids 8 hex digits. */
const TASK_ID_PARTS = {
  alloc: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  invocation: /^[0-9a-f]{8}$/,
};
