import type { DriverContext } from '../context.js';
import { ConfigError } from '../errors.js';
import type { TaskHandle } from '../handle.js';
import type { ExecResult } from '../types.js';
import { TaskNotRunningError } from './not-running.js';

/**
 * ExecTask (script checks): `pot exec -p NAME cmd...`, each element its own argument. `timeoutMs` 0 means no
 * limit; past it the command is killed and the call fails. The whole output comes back, not just its tail.
 */
export async function execTask(ctx: DriverContext, taskId: string, command: readonly string[], timeoutMs: number, signal: AbortSignal): Promise<ExecResult> {
  const handle = runningTask(ctx, taskId, command);
  const result = await ctx.backend(handle.potBin).runner.run(execArgs(handle, command), { timeoutMs, signal });
  return {
    stdout: Buffer.from(result.stdout),
    stderr: Buffer.from(result.stderr),
    result: { exitCode: result.exitCode, signal: 0, oomKilled: false },
  };
}

/** The task an exec is for, which must run, and a command that must not be empty. */
export function runningTask(ctx: DriverContext, taskId: string, command: readonly string[]): TaskHandle {
  const handle = ctx.store.require(taskId);
  if (command.length === 0 || command[0] === '') {
    throw new ConfigError([{ path: [], severity: 'error', message: 'the command is empty; give the program to run and its arguments' }], 'invalid exec');
  }
  if (!handle.running) throw new TaskNotRunningError(taskId);
  return handle;
}

export function execArgs(handle: TaskHandle, command: readonly string[]): string[] {
  return ['exec', '-p', handle.potName, ...command];
}
