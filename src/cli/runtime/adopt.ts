import { DriverStateError } from '../../driver/driver-state.js';
import { messageOf } from '../../driver/error-message.js';
import { isPotOfTask } from '../../driver/lifecycle/leftovers.js';
import { createPotCommands, createPotRunner } from '../../pot/index.js';
import type { AllocRecord, TaskRecord } from '../state/run-record.js';
import { RunBusyError, withRunLock } from './runs/run-lock.js';
import { TaskHandleError, type RunControl } from './runs/run-control.js';
import { stopRunningTasks } from './runs/stop-tasks.js';
import { addEvent, markTaskDead, potTasks, settleStatuses, type TaskEnd } from './runs/task-ending.js';

/** What re-adoption found about one task the record said was running (or about to be). */
export interface AdoptionFinding {
  runId: string;
  allocId: string;
  task: string;
  /**
   * `running`: re-adopted, still runs; `ended`: ended meanwhile, with its exit code; `lost`: its handle is
   * unusable, so nothing can reach it again; `unchecked`: pot could not be asked now (the record is left as is).
   */
  outcome: 'running' | 'ended' | 'lost' | 'unchecked';
  exitCode?: number;
  message: string;
}

/** Nobody supervises the run, yet its record says tasks run, are about to, or wait for their turn. */
export function needsAdoption(control: RunControl): boolean {
  if (control.supervisorAlive()) return false;
  return control.record.allocs.some((a) => potTasks(a).some((t) => t.state !== 'dead'));
}

/**
 * Re-adoption: when the run's supervisor is gone but tasks are recorded running, each is recovered from its
 * saved handle with the driver's own recovery; a jail that ended meanwhile gets its true exit code (from pot's
 * `last-run-stats`) and its pot removed, and the record says so. Jails that still run stay adopted by the
 * run's control. Done under the record's lock; when another process holds it, the record is left as it is.
 */
export async function adoptRun(control: RunControl, signal: AbortSignal = new AbortController().signal): Promise<AdoptionFinding[]> {
  if (!needsAdoption(control)) return [];
  try {
    // Another process changing the record (a stop under way) is not waited for long: its record is shown as is.
    return await withRunLock(control.store, control.id, () => adoptLocked(control, signal), 1000);
  } catch (error) {
    if (error instanceof RunBusyError) return [];
    throw error;
  }
}

/** `adoptRun` for a caller that already holds the record's lock; re-reads the record first. */
export async function adoptLocked(control: RunControl, signal: AbortSignal): Promise<AdoptionFinding[]> {
  const fresh = await control.store.read(control.id);
  if (fresh === undefined) return [];
  control.record = fresh;
  if (!needsAdoption(control)) return [];
  const record = fresh;
  const before = JSON.stringify(record);
  const findings: AdoptionFinding[] = [];
  const now = new Date();
  for (const alloc of record.allocs) {
    for (const task of potTasks(alloc)) {
      if (task.state === 'running') findings.push(await adoptTask(control, alloc, task, signal));
    }
  }
  for (const alloc of record.allocs) abandonUnstarted(control, alloc, now);
  await removeStrayPots(control);
  if (record.stopRequested && record.allocs.some((a) => potTasks(a).some((t) => t.state === 'running'))) {
    // A stop was asked for and its supervisor died before finishing it.
    await stopRunningTasks(control, record.allocs, signal);
  }
  settleStatuses(record);
  if (JSON.stringify(record) !== before) await control.store.write(record);
  return findings;
}

async function adoptTask(control: RunControl, alloc: AllocRecord, task: TaskRecord, signal: AbortSignal): Promise<AdoptionFinding> {
  const base = { runId: control.id, allocId: alloc.id, task: task.name };
  if (task.finishedAt !== undefined && task.exitCode !== undefined) {
    // The supervisor saw this start end and recorded how, then died while removing its jail (removed below).
    const message = `Exited with code ${task.exitCode} while its jail was being removed`;
    markTaskDead(task, { exitCode: task.exitCode, signal: task.signal ?? 0, at: new Date(task.finishedAt), message, stopped: control.record.stopRequested === true });
    return { ...base, outcome: 'ended', exitCode: task.exitCode, message };
  }
  let state;
  try {
    state = await control.recover(task, signal);
  } catch (error) {
    if (!(error instanceof TaskHandleError || error instanceof DriverStateError)) return { ...base, outcome: 'unchecked', message: messageOf(error) };
    const message = `Lost: ${messageOf(error)}${task.potName === undefined ? '' : `; its jail ${task.potName} may still exist`}`;
    markTaskDead(task, { exitCode: 0, signal: 0, at: new Date(), message, stopped: false });
    delete task.exitCode;
    task.failed = true;
    return { ...base, outcome: 'lost', message };
  }
  if (state === 'running') return { ...base, outcome: 'running', message: 'Re-adopted: still running, with no supervisor' };
  const end = await concluded(control, task, signal);
  markTaskDead(task, end);
  return { ...base, outcome: 'ended', exitCode: end.exitCode, message: end.message };
}

/** How an adopted task that has exited ended, in the record's terms. */
async function concluded(control: RunControl, task: TaskRecord, signal: AbortSignal): Promise<TaskEnd> {
  const driver = control.driver();
  const taskId = task.taskId as string;
  const result = await driver.waitTask(taskId, signal);
  const { status } = await driver.inspectTask(taskId, signal);
  const message = `Exited with code ${result.exitCode} while no supervisor was running${result.err === undefined ? '' : ` (${result.err})`}`;
  return { exitCode: result.exitCode, signal: result.signal, at: status.completedAt ?? new Date(), message, stopped: false };
}

/**
 * Tasks between two starts will not be started again without a supervisor, nor will tasks still waiting for
 * their turn once nothing in the allocation runs.
 */
function abandonUnstarted(control: RunControl, alloc: AllocRecord, now: Date): void {
  const tasks = potTasks(alloc);
  const idle = !tasks.some((t) => t.state === 'running');
  for (const task of tasks) {
    if (task.state === 'running' || task.state === 'dead' || (task.state === 'pending' && !idle)) continue;
    task.state = 'dead';
    task.message = `Not started: the run's supervisor${control.record.supervisorPid === undefined ? '' : ` (pid ${control.record.supervisorPid})`} is gone`;
    addEvent(task, task.message, now);
  }
}

/**
 * With the supervisor gone, the only pots of the run's tasks that may stay are those of the starts it runs. A
 * start cut short leaves a half-built pot (or a jail whose handle was never recorded), and an exit seen just
 * before the supervisor died may leave the jail it was removing: they go.
 */
async function removeStrayPots(control: RunControl): Promise<void> {
  control.applyEnv();
  const commands = createPotCommands(createPotRunner(control.record.potBin ?? control.driver().settings.potBin));
  const names = await commands.list().catch(() => []);
  for (const alloc of control.record.allocs) {
    for (const task of potTasks(alloc)) {
      const keep = task.state === 'running' ? task.potName : undefined;
      for (const name of names.filter((n) => n !== keep && isPotOfTask(n, task.name, alloc.id))) {
        await commands.destroy(name, { force: true }).catch(() => undefined);
      }
    }
  }
}

/**
 * Records the end of a task re-adopted here and seen to end later (e.g. while following its log). Under the
 * lock, and only when the record still shows that very start running.
 */
export async function recordAdoptedEnd(control: RunControl, taskId: string, signal: AbortSignal): Promise<void> {
  await withRunLock(control.store, control.id, async () => {
    const fresh = await control.store.read(control.id);
    if (fresh === undefined) return;
    control.record = fresh;
    const task = fresh.allocs.flatMap((a) => a.tasks).find((t) => t.taskId === taskId && t.state === 'running');
    if (task === undefined || control.supervisorAlive()) return;
    markTaskDead(task, await concluded(control, task, signal));
    settleStatuses(fresh);
    await control.store.write(fresh);
  });
}
