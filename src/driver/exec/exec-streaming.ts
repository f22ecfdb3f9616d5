import { constants } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { DriverContext } from '../context.js';
import { messageOf } from '../error-message.js';
import type { ExecSession, ExitResult } from '../types.js';
import { execArgs, runningTask } from './exec.js';

/**
 * ExecTaskStreaming (`nomad alloc exec`): `pot exec` with pipes. The client's input is forwarded to its stdin,
 * output is passed on as it comes, and the exit code ends the session. pot's exec has no terminal to resize,
 * so resize requests are ignored; a caller that goes away kills the command.
 */
export async function execTaskStreaming(ctx: DriverContext, session: ExecSession): Promise<ExitResult> {
  const handle = runningTask(ctx, session.taskId, session.command);
  const child = ctx.backend(handle.potBin).spawnPiped(execArgs(handle, session.command));
  const onAbort = (): void => child.kill('SIGKILL');
  session.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const output = Promise.all([pump(child.stdout, session.stdout), pump(child.stderr, session.stderr)]);
    void feed(session.input, child.stdin).catch((error: unknown) => {
      ctx.log.debug('exec input ended with an error', { task_id: handle.id, error: messageOf(error) });
    });
    const ended = await child.closed;
    await output;
    if (ended.error !== undefined) throw ended.error;
    const exitCode = ended.exitCode ?? 128 + ((ended.signal && constants.signals[ended.signal]) || 0);
    return { exitCode, signal: 0, oomKilled: false };
  } finally {
    session.signal.removeEventListener('abort', onAbort);
  }
}

async function pump(stream: Readable, write: (data: Uint8Array) => Promise<void>): Promise<void> {
  for await (const chunk of stream) await write(chunk as Buffer);
}

async function feed(input: ExecSession['input'], stdin: Writable): Promise<void> {
  try {
    for await (const message of input) {
      if ('stdin' in message) {
        if (!stdin.writable) continue;
        if (!stdin.write(message.stdin)) await new Promise<void>((resolve) => stdin.once('drain', resolve).once('close', resolve));
      } else if ('stdinClosed' in message) {
        stdin.end();
      }
    }
  } finally {
    if (stdin.writable) stdin.end();
  }
}
