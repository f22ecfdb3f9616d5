import type { DriverContext } from '../context.js';
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
    ctx.store.delete(taskId);
  }
}

/**
 * The DestroyTask Nomad sends after a recovery that failed on a damaged handle: the jail the task id names
 * (it may still run) is removed, as Nomad starts the task anew elsewhere or under a new id.
 */
async function destroyUnrecovered(ctx: DriverContext, taskId: string): Promise<void> {
  const jail = ctx.store.takeUnrecovered(taskId);
  if (jail === undefined) return;
  let alreadyGone: boolean;
  try {
    ({ alreadyGone } = await ctx.backend(jail.potBin).commands.destroy(jail.potName, { force: true }, { timeoutMs: ctx.settings().commandTimeoutMs }));
  } catch (error) {
    ctx.store.markUnrecovered(taskId, jail);
    throw error;
  }
  ctx.log.info(alreadyGone ? 'no jail left by the task that could not be recovered' : 'removed the jail of a task that could not be recovered', { task_id: taskId, pot: jail.potName });
}
