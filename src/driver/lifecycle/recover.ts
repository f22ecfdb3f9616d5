import type { PotCommands } from '../../pot/index.js';
import type { DriverContext } from '../context.js';
import { decodeDriverState, DriverStateError, type DriverState } from '../driver-state.js';
import { messageOf } from '../error-message.js';
import { TaskHandle } from '../handle.js';
import { potName } from '../pot-name.js';
import { splitTaskId } from '../task-config.js';
import { shortQuote } from '../task-input.js';
import type { RecoverTaskRequest } from '../types.js';
import { concludeRun } from './exit.js';

/**
 * RecoverTask, after an agent restart or a plugin crash: re-adopt the jail from the handle's driver state.
 * A jail that still runs is followed again, with its original start time; one that has ended gets its exit code
 * from pot's record, so WaitTask can report it (its pot goes with DestroyTask).
 */
export async function recoverTask(ctx: DriverContext, request: RecoverTaskRequest): Promise<void> {
  const { taskId } = request;
  if (ctx.store.has(taskId)) return;
  let state: DriverState;
  try {
    state = decodeDriverState(request.handle.driverState, request.handle.version);
    if (state.task.id !== taskId) throw new DriverStateError(`it belongs to task ${shortQuote(state.task.id)}, not to ${shortQuote(taskId)}`);
  } catch (error) {
    // Nomad answers with DestroyTask and runs the task anew; the jail the id names must not outlive it.
    const ids = splitTaskId(taskId);
    if (ids !== undefined) ctx.store.markUnrecovered(taskId, { potName: potName(ids.taskName, ids.invocationId, ids.allocId), potBin: ctx.settings().potBin });
    ctx.log.warn('cannot recover the task', { task_id: taskId, error: messageOf(error) });
    throw error;
  }
  if (!ctx.store.reserve(taskId)) return;
  try {
    const backend = ctx.backend(state.potBin);
    const handle = new TaskHandle({
      task: state.task,
      potName: state.potName,
      potBin: state.potBin,
      pid: state.pid,
      startedAt: state.startedAt,
      ...(state.network ? { network: state.network } : {}),
    });
    const adopted = await adoptedState(backend, state, ctx.now(), ctx.settings().commandTimeoutMs);
    const running = adopted !== 'ended';
    ctx.store.add(handle);
    ctx.log.info('task recovered', { task_id: taskId, pot: state.potName, pid: state.pid, running, ...(adopted === 'starting' ? { starting: true } : {}) });
    if (running) watchAdopted(ctx, handle);
    else await concludeRun(ctx, handle, undefined);
  } finally {
    ctx.store.release(taskId);
  }
}

/** What a re-adopted task's `pot start` shows: its jail runs, it is still bringing the jail up, or it has ended. */
export type AdoptedState = 'running' | 'starting' | 'ended';

/**
 * A re-adopted task runs while its `pot start` lives and pot says its jail runs. A live `pot start` whose jail is
 * not up yet is still bringing it up (pot takes a while before the jail exists), for as long as any pot command may
 * take; after that, a live pid with no jail is another process that got the pid.
 */
export async function adoptedState(
  host: { processAlive(pid: number): boolean; commands: Pick<PotCommands, 'isRunning'> },
  state: Pick<DriverState, 'pid' | 'potName' | 'startedAt'>,
  now: Date,
  commandTimeoutMs: number,
): Promise<AdoptedState> {
  if (!host.processAlive(state.pid)) return 'ended';
  if (await host.commands.isRunning(state.potName, { timeoutMs: commandTimeoutMs })) return 'running';
  return now.getTime() - state.startedAt.getTime() < (commandTimeoutMs > 0 ? commandTimeoutMs : Infinity) ? 'starting' : 'ended';
}

/**
 * A re-adopted `pot start` is not this process's child, so its end is polled for: a cheap liveness check of
 * its pid, then `pot info -r` to confirm that the jail is gone too.
 */
function watchAdopted(ctx: DriverContext, handle: TaskHandle): void {
  const backend = ctx.backend(handle.potBin);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (): void => {
    if (!stopped) timer = setTimeout(() => void check(), ctx.timings.recoverPollMs);
  };
  const check = async (): Promise<void> => {
    if (stopped || !handle.running) return;
    if (backend.processAlive(handle.pid)) return schedule();
    let jailRuns: boolean;
    try {
      jailRuns = await backend.commands.isRunning(handle.potName, { timeoutMs: ctx.settings().commandTimeoutMs });
    } catch (error) {
      ctx.log.warn('cannot tell whether the jail still runs', { task_id: handle.id, pot: handle.potName, error: messageOf(error) });
      jailRuns = false;
    }
    if (jailRuns) return schedule();
    if (!stopped) await concludeRun(ctx, handle, undefined);
  };
  handle.onDispose(() => {
    stopped = true;
    clearTimeout(timer);
  });
  schedule();
}
