import { constants } from 'node:os';
import type { DriverContext } from '../context.js';
import { messageOf } from '../error-message.js';
import type { TaskHandle } from '../handle.js';
import type { WaitResult } from '../types.js';

/** pot start's status when the jailed command exited non-zero; the real code is in `last-run-stats`. */
const APPLICATION_ERROR = 125;
const FAILED = 255;

/** How a `pot start` this process spawned ended. */
export interface StartEnding {
  exitCode: number | null;
  signal: string | null;
}

/** Follows a `pot start` spawned by this process until it ends, then concludes the run. */
export function followSpawned(ctx: DriverContext, handle: TaskHandle, exited: Promise<StartEnding>): void {
  void exited.then((ending) => concludeRun(ctx, handle, startStatus(ending)));
}

/**
 * The task's run is over: work out its exit result and let every waiter have it. The pot stays until
 * DestroyTask, so that its record of the exit outlives this process: a plugin killed before Nomad has the
 * code hands the jail to the next one, which reads the same record.
 * `startStatus` is pot start's own exit status, unknown for a re-adopted jail whose pot start was not ours.
 */
export async function concludeRun(ctx: DriverContext, handle: TaskHandle, startStatus: number | undefined): Promise<void> {
  if (!handle.running) return;
  const result = await exitResult(ctx, handle, startStatus);
  if (!handle.markExited(result, ctx.now())) return;
  ctx.log.info('task exited', {
    task_id: handle.id,
    pot: handle.potName,
    exit_code: result.exitCode,
    signal: result.signal,
    ...(result.err === undefined ? {} : { error: result.err }),
  });
}

/** `pot destroy -p NAME -F`, at most once successfully per task, whoever asks first. */
export function destroyPotOnce(ctx: DriverContext, handle: TaskHandle): Promise<void> {
  return handle.destroyPot(async () => {
    const { commands } = ctx.backend(handle.potBin);
    const { alreadyGone } = await commands.destroy(handle.potName, { force: true }, { timeoutMs: ctx.settings().commandTimeoutMs });
    ctx.log.debug(alreadyGone ? 'pot was already gone' : 'pot destroyed', { task_id: handle.id, pot: handle.potName });
  });
}

/** What pot says about the command's exit: its code, no record at all, or an answer that could not be had. */
type ExitRecord = { exitCode: number } | { missing: true } | { unreadable: string };

/**
 * pot records the command's exit code after normal exits, application errors and stops; that record wins.
 * Without one, pot start's own status is all there is, and its 125 only says "failed".
 */
async function exitResult(ctx: DriverContext, handle: TaskHandle, startStatus: number | undefined): Promise<WaitResult> {
  const recorded = await recordedExit(ctx, handle);
  // Why the code is unknown: pot kept no record, or pot's answer could not be had (which says more).
  const unknown = 'unreadable' in recorded ? `its exit code cannot be read: ${recorded.unreadable}` : 'pot has no record of its exit code';
  let result: WaitResult;
  if ('exitCode' in recorded) result = { exitCode: recorded.exitCode, signal: 0, oomKilled: false };
  else if (startStatus === undefined) {
    result = { exitCode: FAILED, signal: 0, oomKilled: false, err: `the jail ${handle.potName} ended, but ${unknown}` };
  } else if (startStatus === APPLICATION_ERROR) {
    result = { exitCode: FAILED, signal: 0, oomKilled: false, err: `pot start reported that the task failed, but ${unknown}` };
  } else result = { exitCode: startStatus, signal: 0, oomKilled: false };
  // A stopped task's 128+N is the signal it died of, as Nomad reports for other drivers.
  if (handle.stopSignal !== undefined && result.exitCode > 128 && result.exitCode < 128 + 65) result.signal = result.exitCode - 128;
  return result;
}

async function recordedExit(ctx: DriverContext, handle: TaskHandle): Promise<ExitRecord> {
  try {
    const stats = await ctx.backend(handle.potBin).commands.lastRunExitCode(handle.potName, { timeoutMs: ctx.settings().commandTimeoutMs });
    return stats.missing ? { missing: true } : { exitCode: stats.exitCode };
  } catch (error) {
    ctx.log.debug('no last-run-stats for the pot', { task_id: handle.id, pot: handle.potName, error: messageOf(error) });
    return { unreadable: messageOf(error) };
  }
}

function startStatus(ending: StartEnding): number {
  if (ending.exitCode !== null) return ending.exitCode;
  return 128 + (ending.signal === null ? 0 : signalNumber(ending.signal));
}

function signalNumber(name: string): number {
  return (constants.signals as Readonly<Record<string, number>>)[name] ?? 0;
}
