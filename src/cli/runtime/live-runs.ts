import { processAlive } from '../../driver/process-alive.js';
import type { RunRecord } from '../state/run-record.js';
import type { RunStore } from '../state/run-store.js';

/**
 * A run that may still hold host ports: not finished, and either its supervisor (if it has one yet) is
 * alive or a task is still recorded as running, since a jail outlives a killed supervisor.
 */
export function isLiveRun(record: RunRecord, alive: (pid: number) => boolean = processAlive): boolean {
  if (record.status === 'complete' || record.status === 'failed' || record.status === 'stopped') return false;
  if (record.supervisorPid === undefined || alive(record.supervisorPid)) return true;
  return record.allocs.some((a) => a.tasks.some((t) => t.state === 'running' || t.state === 'starting'));
}

/** Host ports held by the live runs in a store. */
export async function livePorts(store: RunStore): Promise<Set<number>> {
  const { records } = await store.list();
  return new Set(records.filter((r) => isLiveRun(r)).flatMap((r) => r.allocs.flatMap((a) => a.ports.map((p) => p.hostPort))));
}
