import type { DriverContext } from '../context.js';
import { messageOf } from '../error-message.js';
import type { TaskHandle } from '../handle.js';
import type { ResourceUsage, TaskStats } from '../types.js';

/**
 * TaskStats: one sample from `pot get-rss -J` per interval, while the task runs. A sample that cannot be taken
 * (the jail is still starting, rctl is off) does not end the stream: it is sent without numbers and logged.
 */
export async function* taskStats(ctx: DriverContext, taskId: string, intervalMs: number, signal: AbortSignal): AsyncGenerator<TaskStats> {
  const handle = ctx.store.require(taskId);
  const until = AbortSignal.any([signal, ctx.lifetime]);
  let failures = 0;
  while (handle.running && !until.aborted) {
    const usage = await sample(ctx, handle, until).catch((error: unknown) => {
      failures += 1;
      const fields = { task_id: taskId, pot: handle.potName, error: messageOf(error), failures };
      if (failures === 1) ctx.log.warn('cannot sample the resource usage of the jail', fields);
      else ctx.log.debug('cannot sample the resource usage of the jail', fields);
      return undefined;
    });
    if (usage !== undefined) failures = 0;
    if (until.aborted) return;
    yield { id: taskId, timestamp: ctx.now(), usage: usage ?? { cpu: {}, memory: {} } };
    if (await handle.exitsWithin(intervalMs, until)) return;
  }
}

async function sample(ctx: DriverContext, handle: TaskHandle, signal: AbortSignal): Promise<ResourceUsage> {
  const rss = await ctx.backend(handle.potBin).commands.getRss(handle.potName, { timeoutMs: ctx.settings().commandTimeoutMs, signal });
  return {
    cpu: { percent: rss.cpuPercent, totalTicks: rss.totalTicks },
    memory: { rss: rss.rssBytes, swap: rss.swapBytes },
  };
}
