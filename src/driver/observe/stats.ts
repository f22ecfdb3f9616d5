import { setTimeout as sleep } from 'node:timers/promises';
import type { DriverContext } from '../context.js';
import { messageOf } from '../error-message.js';
import type { TaskHandle } from '../handle.js';
import type { ResourceUsage, TaskStats } from '../types.js';

/**
 * TaskStats: one sample from `pot get-rss -J` per interval, while the task runs. A sample that cannot be taken
 * (the jail is still starting, rctl is off) does not end the stream: it is sent without numbers and logged.
 *
 * Nomad keeps a stream open per task for the task's whole life, so nothing may pile up per sample. The pause
 * between samples therefore waits on a signal made once per stream: a wait on the task's exit per sample stays
 * attached to the task until it exits (some 0.7 KB a sample, 60 MB a day per task at Nomad's 1 s).
 */
export async function* taskStats(ctx: DriverContext, taskId: string, intervalMs: number, signal: AbortSignal): AsyncGenerator<TaskStats> {
  const handle = ctx.store.require(taskId);
  const until = AbortSignal.any([signal, ctx.lifetime]);
  /** `until`, or the task exited: ends the pause between samples. */
  const wake = new AbortController();
  const onUntil = (): void => wake.abort();
  until.addEventListener('abort', onUntil, { once: true });
  if (until.aborted) wake.abort();
  void handle.wait().then(() => wake.abort());
  let failures = 0;
  try {
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
      await sleep(intervalMs, undefined, { signal: wake.signal }).catch(() => undefined);
    }
  } finally {
    until.removeEventListener('abort', onUntil);
  }
}

async function sample(ctx: DriverContext, handle: TaskHandle, signal: AbortSignal): Promise<ResourceUsage> {
  const rss = await ctx.backend(handle.potBin).commands.getRss(handle.potName, { timeoutMs: ctx.settings().commandTimeoutMs, signal });
  return {
    cpu: { percent: rss.cpuPercent, totalTicks: rss.totalTicks },
    memory: { rss: rss.rssBytes, swap: rss.swapBytes },
  };
}
