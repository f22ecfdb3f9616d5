import type { DriverContext } from '../context.js';
import { messageOf } from '../error-message.js';
import { WaitCancelledError, type TaskHandle } from '../handle.js';
import { taskEvent } from '../observe/events.js';
import { FORCE_KILL_SIGNAL } from '../planner.js';
import { DEFAULT_KILL_SIGNAL, normalizeSignal } from '../signals.js';

/**
 * StopTask: `pot signal` with the task's kill signal, up to `timeoutMs` for the task to exit, SIGKILL if it
 * has not, and `pot stop` if even that did not end it. The pot, and with it pot's record of the exit, stays
 * until DestroyTask. Unknown and finished tasks are fine; a second stop joins the first.
 */
export async function stopTask(ctx: DriverContext, taskId: string, timeoutMs: number, killSignal: string, signal: AbortSignal): Promise<void> {
  const handle = ctx.store.get(taskId);
  if (handle === undefined) {
    ctx.log.debug('stop of an unknown task', { task_id: taskId });
    return;
  }
  if (!handle.running) return;
  await handle.stopOnce(() => stopRunning(ctx, handle, timeoutMs, stopSignalName(ctx, handle, killSignal), signal));
}

async function stopRunning(ctx: DriverContext, handle: TaskHandle, timeoutMs: number, killSignal: string, signal: AbortSignal): Promise<void> {
  const { commands, signalGroup } = ctx.backend(handle.potBin);
  const settings = ctx.settings();
  handle.noteStopSignal(killSignal);
  ctx.log.info('stopping task', { task_id: handle.id, pot: handle.potName, signal: killSignal, timeout_ms: timeoutMs });
  ctx.events.emit(taskEvent(handle.task, `Stopping jail ${handle.potName} with ${killSignal}`, ctx.now(), { pot: handle.potName }));
  const deadline = Date.now() + timeoutMs;
  let retried = false;
  for (;;) {
    try {
      await commands.signal(handle.potName, killSignal, { timeoutMs: settings.commandTimeoutMs });
      break;
    } catch (error) {
      // A stop right after the start finds the jail still starting, and pot refuses to signal it; keep
      // trying until kill_timeout, or the task would be SIGKILLed and reported as killed. A task that
      // ended meanwhile needs no signal; destroy below deals with anything still there.
      if (!handle.running) break;
      const left = deadline - Date.now();
      if (left <= 0 || signal.aborted) {
        ctx.log.warn('cannot signal the task', { task_id: handle.id, pot: handle.potName, error: messageOf(error) });
        break;
      }
      retried = true;
      if (await handle.exitsWithin(Math.min(ctx.timings.signalRetryMs, left), signal)) break;
    }
  }
  // Exactly kill_timeout after a signal that went through at once; what is left of it after retries.
  const exited = await handle.exitsWithin(retried ? Math.max(0, deadline - Date.now()) : timeoutMs, signal);
  if (signal.aborted) throw new WaitCancelledError(handle.id);
  if (!exited) await forceKill(ctx, handle, signal);
  if (!handle.running) return;
  if (signal.aborted) throw new WaitCancelledError(handle.id);
  await stopJail(ctx, handle);
  if (await handle.exitsWithin(ctx.timings.exitGraceMs, signal)) return;
  if (signal.aborted) throw new WaitCancelledError(handle.id);
  // pot start outlived its jail: end it, so the task's end is seen and reported.
  ctx.log.warn('pot start did not end after its jail was stopped; killing it', { task_id: handle.id, pid: handle.pid });
  signalGroup(handle.pid, 'SIGKILL');
  await handle.exitsWithin(ctx.timings.exitGraceMs, signal);
}

/**
 * The task outlived its kill_timeout: SIGKILL its main process through pot, as Nomad's own drivers do,
 * and give pot start a moment to record the exit. Destroying the pot straight away would also remove
 * pot's exit record, and the task would be reported as having exited 0.
 */
async function forceKill(ctx: DriverContext, handle: TaskHandle, signal: AbortSignal): Promise<void> {
  ctx.log.info('task did not exit in time; killing it', { task_id: handle.id, pot: handle.potName });
  ctx.events.emit(taskEvent(handle.task, `Jail ${handle.potName} did not stop in time; sending ${FORCE_KILL_SIGNAL}`, ctx.now(), { pot: handle.potName }));
  try {
    await ctx.backend(handle.potBin).commands.signal(handle.potName, FORCE_KILL_SIGNAL, { timeoutMs: ctx.settings().commandTimeoutMs });
  } catch (error) {
    if (handle.running) ctx.log.warn('cannot kill the task', { task_id: handle.id, pot: handle.potName, error: messageOf(error) });
  }
  await handle.exitsWithin(ctx.timings.exitGraceMs, signal);
}

/**
 * SIGKILL did not end the task (the jail could not be signalled, or pot start hangs): `pot stop` removes the
 * jail and its processes, and pot start then records the exit and ends. The pot itself stays.
 */
async function stopJail(ctx: DriverContext, handle: TaskHandle): Promise<void> {
  ctx.log.warn('task still runs after SIGKILL; stopping its jail', { task_id: handle.id, pot: handle.potName });
  try {
    await ctx.backend(handle.potBin).commands.stop(handle.potName, { timeoutMs: ctx.settings().commandTimeoutMs });
  } catch (error) {
    if (handle.running) ctx.log.warn('cannot stop the jail', { task_id: handle.id, pot: handle.potName, error: messageOf(error) });
  }
}

/** Nomad sends an empty string when the job sets no `kill_signal`. */
function stopSignalName(ctx: DriverContext, handle: TaskHandle, requested: string): string {
  if (requested.trim() === '') return DEFAULT_KILL_SIGNAL;
  const normalized = normalizeSignal(requested);
  if (normalized !== undefined) return normalized;
  const message = `kill_signal "${requested}" is not a signal pot can send; sending ${DEFAULT_KILL_SIGNAL} instead`;
  ctx.log.warn(message, { task_id: handle.id });
  ctx.events.emit(taskEvent(handle.task, message, ctx.now(), { pot: handle.potName }));
  return DEFAULT_KILL_SIGNAL;
}
