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
  if (handle === undefined) return;
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
