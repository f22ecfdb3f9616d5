import { constants } from 'node:os';
import type { ExecInput } from '../../driver/types.js';
import { reportRunNotes } from '../output/run-notes.js';
import { adoptRuns, closeControls, openRuns } from '../runtime/runs/open-runs.js';
import type { RecordsLocation } from '../runtime/runs/records-location.js';
import { resolveOneTask } from '../runtime/runs/resolve-target.js';

export interface ExecOptions extends RecordsLocation {
  /** `-t`/`--no-tty`; by default a terminal when this one is (stdin and stdout), as `nomad alloc exec` does. */
  tty?: boolean;
}

/** The task exec was asked for does not run. */
export class TaskNotRunningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskNotRunningError';
  }
}

/**
 * `pot-nomad exec <task> -- <cmd...>`: runs the command in the task's jail through the driver (`pot exec`),
 * wired to this process's stdin, stdout and stderr, and exits with the command's exit code. With a terminal
 * (`-t`), this terminal is put in raw mode and its keys, size and size changes go to the jail's terminal.
 */
export async function execCommand(name: string, command: string[], opts: ExecOptions): Promise<number> {
  const { store, records, problems } = await openRuns(opts);
  const ref = resolveOneTask(records, name, store.dir);
  const { controls, findings } = await adoptRuns(store, [ref.record]);
  const control = controls[0]!;
  const controller = new AbortController();
  let interrupted: NodeJS.Signals | undefined;
  let terminal: LocalTerminal | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    interrupted ??= sig;
    controller.abort();
  };
  try {
    reportRunNotes(findings, problems);
    const task = control.record.allocs.find((a) => a.id === ref.alloc.id)?.tasks.find((t) => t.name === ref.task.name) ?? ref.task;
    const where = `task "${task.name}" (alloc ${ref.alloc.id.slice(0, 8)})`;
    if (task.state !== 'running' || (await control.recover(task, controller.signal)) !== 'running') {
      const ended = task.exitCode === undefined ? '' : `; it ended with exit code ${task.exitCode}`;
      throw new TaskNotRunningError(`${where} is not running (state ${task.state === 'running' ? 'dead' : task.state})${ended}`);
    }
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
    const tty = opts.tty ?? Boolean(process.stdin.isTTY && process.stdout.isTTY);
    if (tty) terminal = localTerminal();
    const result = await control.driver().execTaskStreaming({
      taskId: task.taskId as string,
      command,
      tty,
      input: terminal?.input ?? stdinInput(),
      stdout: (data) => write(process.stdout, data),
      stderr: (data) => write(process.stderr, data),
      signal: controller.signal,
    });
    // Interrupted: the command was killed; say so the way a shell does.
    return interrupted === undefined ? result.exitCode : 128 + constants.signals[interrupted];
  } finally {
    terminal?.restore();
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    // The command has ended: whatever is still waiting on stdin must not keep this process alive.
    process.stdin.destroy();
    await closeControls(controls);
  }
}

async function* stdinInput(): AsyncIterable<ExecInput> {
  try {
    for await (const chunk of process.stdin) yield { stdin: chunk as Buffer };
  } catch {
    // stdin was closed under us: the command is over
  }
  yield { stdinClosed: true };
}

function write(stream: NodeJS.WriteStream, data: Uint8Array): Promise<void> {
  return new Promise((resolve) => stream.write(data, () => resolve()));
}

interface LocalTerminal {
  input: AsyncIterable<ExecInput>;
  restore(): void;
}

/**
 * This process's terminal as the client of a jail's terminal: raw mode (keys such as Ctrl-C go to the jail's
 * command, not to this process), its size first, then keys and size changes in the order they happen.
 */
function localTerminal(): LocalTerminal {
  const queue: ExecInput[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const push = (message: ExecInput): void => {
    queue.push(message);
    wake?.();
  };
  const size = (): ExecInput | undefined =>
    process.stdout.isTTY ? { resize: { height: process.stdout.rows, width: process.stdout.columns } } : undefined;
  const first = size();
  if (first !== undefined) push(first);
  const onResize = (): void => {
    const next = size();
    if (next !== undefined) push(next);
  };
  const onData = (chunk: Buffer): void => push({ stdin: chunk });
  const onEnd = (): void => {
    push({ stdinClosed: true });
    ended = true;
  };
  const raw = process.stdin.isTTY === true;
  if (raw) process.stdin.setRawMode(true);
  process.stdout.on('resize', onResize);
  process.stdin.on('data', onData).once('end', onEnd);
  return {
    input: (async function* () {
      for (;;) {
        const next = queue.shift();
        if (next !== undefined) {
          yield next;
          continue;
        }
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    })(),
    restore() {
      process.stdout.off('resize', onResize);
      process.stdin.off('data', onData).off('end', onEnd);
      if (raw) process.stdin.setRawMode(false);
    },
  };
}
