import { setTimeout as sleep } from 'node:timers/promises';
import type { RunStore } from '../../state/run-store.js';
import { adoptRun, recordAdoptedEnd } from '../adopt.js';
import { RunControl } from './run-control.js';

export interface TaskKey {
  runId: string;
  allocId: string;
  task: string;
}

/**
 * Resolves once the task is dead for good (not between restarts) or its run's record is gone; rejects only
 * when `signal` fires. While the run's supervisor lives, its record says when; when it is gone, the task is
 * re-adopted and watched here, and its end is recorded.
 */
export async function taskEnded(store: RunStore, key: TaskKey, signal: AbortSignal, pollMs = 500): Promise<void> {
  while (!signal.aborted) {
    const record = await store.read(key.runId);
    const task = record?.allocs.find((a) => a.id === key.allocId)?.tasks.find((t) => t.name === key.task);
    if (record === undefined || task === undefined || task.state === 'dead') return;
    const control = new RunControl(store, record);
    try {
      if (!control.supervisorAlive()) {
        await adoptRun(control, signal);
        const now = control.record.allocs.find((a) => a.id === key.allocId)?.tasks.find((t) => t.name === key.task);
        if (now === undefined || now.state === 'dead') return;
        if (now.state === 'running' && now.taskId !== undefined && control.owner) {
          await control.driver().waitTask(now.taskId, signal);
          await recordAdoptedEnd(control, now.taskId, signal);
          return;
        }
      }
    } finally {
      await control.close();
    }
    await sleep(pollMs, undefined, { signal });
  }
  signal.throwIfAborted();
}
