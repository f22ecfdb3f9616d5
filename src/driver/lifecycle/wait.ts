import type { DriverContext } from '../context.js';
import type { WaitResult } from '../types.js';

/**
 * WaitTask: the task's exit result, at once for a task that has exited, else when it does. Any number of
 * callers may wait on the same task; each gets the same result.
 */
export function waitTask(ctx: DriverContext, taskId: string, signal: AbortSignal): Promise<WaitResult> {
  return ctx.store.require(taskId).wait(AbortSignal.any([signal, ctx.lifetime]));
}
