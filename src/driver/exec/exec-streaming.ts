import { constants } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import type { DriverContext } from '../context.js';
import { messageOf } from '../error-message.js';
import type { ExecInput, ExecSession, ExitResult } from '../types.js';
import { execArgs, runningTask } from './exec.js';
import { clampSize, type TerminalSize } from './terminal-protocol.js';

/** The size a terminal gets when the client has not said (a classic terminal's). */
const DEFAULT_SIZE: TerminalSize = { rows: 24, cols: 80 };
/** How long to wait for the client's first message, which normally carries its terminal's size. */
const FIRST_INPUT_WAIT_MS = 250;

/**
 * ExecTaskStreaming (`nomad alloc exec`). Without a terminal: `pot exec` with pipes, input forwarded to its
 * stdin, output passed on as it comes. With one (`-t`): `pot exec -t` on a pseudo-terminal of the client's
 * size, which follows the client's size changes. Either way the exit code ends the session, and a caller that
 * goes away ends the command.
 */
export async function execTaskStreaming(ctx: DriverContext, session: ExecSession): Promise<ExitResult> {
  return session.tty ? execOnTerminal(ctx, session) : execOnPipes(ctx, session);
}

async function execOnPipes(ctx: DriverContext, session: ExecSession): Promise<ExitResult> {
  const handle = runningTask(ctx, session.taskId, session.command);
  const child = ctx.backend(handle.potBin).spawnPiped(execArgs(handle, session.command));
  const onAbort = (): void => child.kill('SIGKILL');
  session.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const output = Promise.all([pump(child.stdout, session.stdout), pump(child.stderr, session.stderr)]);
    // pot exec's pipes have no size to change: resizes are dropped.
    void feed(session.input, child.stdin, async () => undefined).catch((error: unknown) => {
      ctx.log.debug('exec input ended with an error', { task_id: handle.id, error: messageOf(error) });
    });
    const ended = await child.closed;
    await output;
    return exitOf(ended);
  } finally {
    session.signal.removeEventListener('abort', onAbort);
  }
}

async function execOnTerminal(ctx: DriverContext, session: ExecSession): Promise<ExitResult> {
  const handle = runningTask(ctx, session.taskId, session.command);
  const input = peekable(session.input);
  const first = await input.peek(FIRST_INPUT_WAIT_MS);
  const size = first !== undefined && 'resize' in first ? clampSize(first.resize.height, first.resize.width) : DEFAULT_SIZE;
  if (first !== undefined && 'resize' in first) input.drop();
  const terminal = ctx.backend(handle.potBin).spawnTerminal(['exec', '-t', '-p', handle.potName, ...session.command], size);
  const onAbort = (): void => terminal.kill();
  session.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const output = Promise.all([pump(terminal.output, session.stdout), pump(terminal.errors, session.stderr)]);
    const resize = async (next: TerminalSize): Promise<void> => {
      if (!(await terminal.resize(next))) ctx.log.debug('the terminal size could not be changed', { task_id: handle.id, ...next });
    };
    void feed(input.rest(), terminal.input, resize).catch((error: unknown) => {
      ctx.log.debug('exec input ended with an error', { task_id: handle.id, error: messageOf(error) });
    });
    const ended = await terminal.closed;
    await output;
    return exitOf(ended);
  } finally {
    session.signal.removeEventListener('abort', onAbort);
    terminal.kill();
  }
}

function exitOf(ended: { exitCode: number | null; signal: NodeJS.Signals | null; error?: Error }): ExitResult {
  if (ended.error !== undefined) throw ended.error;
  const exitCode = ended.exitCode ?? 128 + ((ended.signal && constants.signals[ended.signal]) || 0);
  return { exitCode, signal: 0, oomKilled: false };
}

async function pump(stream: Readable, write: (data: Uint8Array) => Promise<void>): Promise<void> {
  for await (const chunk of stream) await write(chunk as Buffer);
}

/** The client's input in order: keys to `stdin`, size changes applied before any later key is sent. */
async function feed(input: AsyncIterable<ExecInput>, stdin: Writable, resize: (size: TerminalSize) => Promise<void>): Promise<void> {
  try {
    for await (const message of input) {
      if ('stdin' in message) {
        if (!stdin.writable) continue;
        if (!stdin.write(message.stdin)) await new Promise<void>((resolve) => stdin.once('drain', resolve).once('close', resolve));
      } else if ('stdinClosed' in message) {
        stdin.end();
      } else {
        await resize(clampSize(message.resize.height, message.resize.width));
      }
    }
  } finally {
    if (stdin.writable) stdin.end();
  }
}

/** An input stream whose first message can be looked at (for a while) before the rest is read. */
function peekable(source: AsyncIterable<ExecInput>): {
  peek(ms: number): Promise<ExecInput | undefined>;
  drop(): void;
  rest(): AsyncIterable<ExecInput>;
} {
  const iterator = source[Symbol.asyncIterator]();
  const first = iterator.next();
  let dropped = false;
  return {
    async peek(ms) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
      const result = await Promise.race([first, late]);
      clearTimeout(timer);
      return result === undefined || result.done ? undefined : result.value;
    },
    drop() {
      dropped = true;
    },
    async *rest() {
      const head = await first;
      if (head.done) return;
      if (!dropped) yield head.value;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    },
  };
}
