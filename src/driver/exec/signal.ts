import type { DriverContext } from '../context.js';
import { ConfigError } from '../errors.js';
import { normalizeSignal, signalNames } from '../signals.js';
import { TaskNotRunningError } from './not-running.js';

/**
 * SignalTask: `pot signal -s SIG -p NAME` to the jail's main process. `SIGHUP`, `HUP` and `hup` all work; the
 * jail's name comes from the handle, so recovered tasks take signals too.
 */
export async function signalTask(ctx: DriverContext, taskId: string, name: string, signal: AbortSignal): Promise<void> {
  const handle = ctx.store.require(taskId);
  const normalized = normalizeSignal(name);
  if (normalized === undefined) {
    throw new ConfigError(
      [{ path: [], severity: 'error', message: `"${name}" is not a signal pot can send; valid signals are ${signalNames().join(', ')}` }],
      'invalid signal',
    );
  }
  if (!handle.running) throw new TaskNotRunningError(taskId);
  ctx.log.debug('signalling task', { task_id: taskId, pot: handle.potName, signal: normalized });
  await ctx.backend(handle.potBin).commands.signal(handle.potName, normalized, { timeoutMs: ctx.settings().commandTimeoutMs, signal });
}
