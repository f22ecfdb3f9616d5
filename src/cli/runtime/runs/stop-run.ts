import { rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { allocDirLayout } from '../../../nomad/alloc-dir.js';
import { removeAllocDir } from '../../../nomad/alloc-fs.js';
import type { AllocRecord, RunRecord } from '../../state/run-record.js';
import { adoptLocked } from '../adopt.js';
import { supervisorLogPath } from '../detach.js';
import { launchOf } from '../run-record-init.js';
import { withRunLock } from './run-lock.js';
import type { RunControl } from './run-control.js';
import { stopRunningTasks, type StoppedTask } from './stop-tasks.js';
import { potTasks, runEnded, settleStatuses } from './task-ending.js';

export interface StopResult {
  /** `supervisor`: its supervisor stopped it; `here`: this process did; `nothing`: it had already ended. */
  how: 'supervisor' | 'here' | 'nothing';
  /** The run's (or allocation's) status afterwards. */
  status: string;
  /** The tasks this process stopped. */
  tasks: StoppedTask[];
}

/** Stopping did not (entirely) work; the message says what is left. */
export class StopError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StopError';
  }
}

/** Beyond the tasks' kill timeouts: pot's own commands, and the grace the driver gives `pot start` to end. */
const SUPERVISOR_MARGIN_MS = 20_000;

/**
 * Stops a run, or one allocation of it. A live supervisor is asked to (`stopRequested`, then SIGTERM) and
 * waited for, bounded by its tasks' kill timeouts plus a margin; without one (or when it dies meanwhile) the
 * tasks are re-adopted and stopped here. Stopping what has already ended succeeds and changes nothing.
 */
export async function stopRun(control: RunControl, alloc: AllocRecord | undefined, signal: AbortSignal, onWait?: (pid: number) => void): Promise<StopResult> {
  if (control.supervisorAlive()) {
    if (alloc !== undefined && control.record.allocs.length > 1) {
      throw new StopError(
        `run ${control.id} is supervised by process ${control.record.supervisorPid}, which stops whole runs only; stop the run with "pot-nomad stop ${control.id}"`,
      );
    }
    if (!runEnded(control.record)) {
      onWait?.(control.record.supervisorPid as number);
      const stopped = await askSupervisor(control, signal);
      if (stopped) return { how: 'supervisor', status: control.record.status ?? 'stopped', tasks: [] };
    }
  }
  return withRunLock(control.store, control.id, async () => {
    await adoptLocked(control, signal);
    const record = control.record;
    const current = alloc === undefined ? undefined : record.allocs.find((a) => a.id === alloc.id);
    if (alloc !== undefined && current === undefined) return { how: 'nothing', status: alloc.status, tasks: [] };
    const scope = current === undefined ? record.allocs : [current];
    const live = scope.some((a) => potTasks(a).some((t) => t.state !== 'dead'));
    if (!live) {
      return { how: 'nothing', status: current?.status ?? record.status ?? 'unknown', tasks: [] };
    }
    if (current === undefined) record.stopRequested = true;
    const tasks = await stopRunningTasks(control, scope, signal);
    settleStatuses(record);
    await control.store.write(record);
    const failed = tasks.filter((t) => t.failed);
    if (failed.length > 0) throw new StopError(failed.map((t) => `task "${t.task}" (alloc ${t.allocId.slice(0, 8)}): ${t.message}`).join('\n'));
    return { how: 'here', status: current?.status ?? record.status ?? 'unknown', tasks };
  });
}

/** True once the supervisor has recorded the run as ended; false when it died without doing so. */
async function askSupervisor(control: RunControl, signal: AbortSignal): Promise<boolean> {
  const pid = control.record.supervisorPid as number;
  await withRunLock(control.store, control.id, async () => {
    const fresh = await control.store.read(control.id);
    if (fresh === undefined) return;
    fresh.stopRequested = true;
    await control.store.write(fresh);
    control.record = fresh;
  });
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return false;
  }
  const deadline = Date.now() + stopBudgetMs(control.record);
  for (;;) {
    await sleep(200, undefined, { signal });
    const fresh = await control.store.read(control.id);
    if (fresh === undefined) return true;
    control.record = fresh;
    if (runEnded(fresh)) return true;
    if (!control.supervisorAlive()) return false;
    if (Date.now() > deadline) {
      throw new StopError(`the supervisor of run ${control.id} (process ${pid}) did not stop it within ${Math.round(stopBudgetMs(fresh) / 1000)}s; its status is still "${fresh.status ?? 'unknown'}"`);
    }
  }
}

function stopBudgetMs(record: RunRecord): number {
  const tasks = record.allocs.flatMap(potTasks).filter((t) => t.state !== 'dead');
  return tasks.reduce((sum, t) => sum + t.killTimeoutMs, 0) + SUPERVISOR_MARGIN_MS;
}

/** Waits (a little) for a supervisor to exit after it reported the run stopped, so it writes nothing after a purge. */
export async function supervisorExited(control: RunControl, waitMs = 5000): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  while (control.supervisorAlive()) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

/**
 * Removes the allocation directories and the record (or, for one allocation of several, that allocation from
 * the record). Only directories named after their allocation are removed, whatever a record says.
 */
export async function purgeRun(control: RunControl, alloc: AllocRecord | undefined): Promise<{ removedDirs: string[]; removedRecord: boolean }> {
  return withRunLock(control.store, control.id, async () => {
    const record = (await control.store.read(control.id)) ?? control.record;
    const scope = alloc === undefined ? record.allocs : record.allocs.filter((a) => a.id === alloc.id);
    const removedDirs: string[] = [];
    for (const a of scope) {
      if (basename(a.dir) !== a.id) throw new StopError(`refusing to remove ${a.dir}: it is not named after allocation ${a.id}`);
      await removeAllocDir({ ...allocDirLayout(dirname(dirname(a.dir)), a.id), allocDir: a.dir });
      removedDirs.push(a.dir);
    }
    const rest = record.allocs.filter((a) => !scope.includes(a));
    if (rest.length > 0) await control.store.write({ ...record, allocs: rest });
    else {
      // The run's own files beside its record go with it: the copy of its job file and its supervisor's log.
      const beside = [supervisorLogPath(control.store, record.id), launchOf(record)?.jobCopy].filter((f): f is string => f !== undefined && dirname(f) === control.store.dir);
      for (const file of beside) await rm(file, { force: true });
      await control.store.remove(record.id);
    }
    return { removedDirs, removedRecord: rest.length === 0 };
  });
}
