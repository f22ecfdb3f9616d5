import { constants } from 'node:os';
import type { ExecInput } from '../../driver/types.js';
import { reportRunNotes } from '../output/run-notes.js';
import { adoptRuns, closeControls, openRuns } from '../runtime/runs/open-runs.js';
import type { RecordsLocation } from '../runtime/runs/records-location.js';
import { resolveOneTask } from '../runtime/runs/resolve-target.js';

export type ExecOptions = RecordsLocation;

/** The task exec was asked for does not run. */
export class TaskNotRunningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskNotRunningError';
  }
}

/**
 * `pot-nomad exec <task> -- <cmd...>`: runs the command in the task's jail through the driver (`pot exec`),
 * wired to this process's stdin, stdout and stderr, and exits with the command's exit code.
 */
export async function execCommand(name: string, command: string[], opts: ExecOptions): Promise<number> {
  const { store, records, problems } = await openRuns(opts);
  const ref = resolveOneTask(records, name, store.dir);
  const { controls, findings } = await adoptRuns(store, [ref.record]);
  const control = controls[0]!;
  const controller = new AbortController();
  let interrupted: NodeJS.Signals | undefined;
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
    const result = await control.driver().execTaskStreaming({
      taskId: task.taskId as string,
      command,
      tty: false,
      input: stdinInput(),
      stdout: (data) => write(process.stdout, data),
      stderr: (data) => write(process.stderr, data),
      signal: controller.signal,
    });
    // Interrupted: the command was killed; say so the way a shell does.
    return interrupted === undefined ? result.exitCode : 128 + constants.signals[interrupted];
  } finally {
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
