import { access } from 'node:fs/promises';
import { CommandFailed, EXIT } from '../errors.js';
import { reportRunNotes } from '../output/run-notes.js';
import { copyRange, fileSize, followFile, tailStart, type Sink } from '../runtime/runs/log-follow.js';
import { adoptRuns, closeControls, openRuns } from '../runtime/runs/open-runs.js';
import type { RecordsLocation } from '../runtime/runs/records-location.js';
import { resolveOneTask } from '../runtime/runs/resolve-target.js';
import { taskEnded } from '../runtime/runs/task-end.js';
import { resolveNamed } from '../state/damaged-runs.js';

export interface LogsOptions extends RecordsLocation {
  follow: boolean;
  stderr: boolean;
  /** Only the last N lines (then, with `follow`, what comes after them). */
  lines?: number;
}

/** The task has no log file yet (it has not started). */
export class LogMissingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogMissingError';
  }
}

/**
 * `pot-nomad logs <task|alloc|run>`: a task's stdout (or stderr) log. With `-f` it keeps printing what is
 * appended until Ctrl-C, or by itself once the task is dead and its log printed to the end.
 */
export async function logsCommand(name: string, opts: LogsOptions): Promise<number> {
  const { store, records, problems } = await openRuns(opts);
  reportRunNotes([], problems);
  const ref = await resolveNamed(store, name, problems, () => resolveOneTask(records, name, store.dir));
  const { controls, findings } = await adoptRuns(store, [ref.record]);
  await closeControls(controls);
  reportRunNotes(findings, []);
  const record = controls[0]!.record;
  const task = record.allocs.find((a) => a.id === ref.alloc.id)?.tasks.find((t) => t.name === ref.task.name) ?? ref.task;
  const path = opts.stderr ? task.stderrPath : task.stdoutPath;
  const stream = opts.stderr ? 'stderr' : 'stdout';

  const controller = new AbortController();
  const sink = stdoutSink(controller);
  const exists = await access(path).then(() => true, () => false);
  if (!exists && (!opts.follow || task.state === 'dead')) {
    throw new LogMissingError(`task "${task.name}" (alloc ${ref.alloc.id.slice(0, 8)}) has no ${stream} log${task.state === 'dead' ? '' : ' yet'}: ${path} does not exist`);
  }
  const size = await fileSize(path);
  const from = opts.lines === undefined ? 0 : await tailStart(path, size, opts.lines);
  await copyRange(path, from, size, sink).catch(ignoreClosedOutput(controller));
  if (!opts.follow || controller.signal.aborted) return EXIT.ok;

  const stop = (): void => controller.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    const until = task.state === 'dead' ? Promise.resolve() : taskEnded(store, { runId: record.id, allocId: ref.alloc.id, task: task.name }, controller.signal);
    until.catch(() => undefined);
    await followFile(path, size, sink, { until, signal: controller.signal }).catch(ignoreClosedOutput(controller));
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
    controller.abort();
  }
  return EXIT.ok;
}

/** Standard output with backpressure; a reader that goes away (`| head`) ends the command quietly. */
function stdoutSink(controller: AbortController): Sink {
  process.stdout.on('error', () => controller.abort());
  return (chunk) =>
    new Promise((resolve, reject) => {
      if (controller.signal.aborted) return reject(new CommandFailed('output closed'));
      process.stdout.write(chunk, (error) => (error ? reject(error) : resolve()));
    });
}

function ignoreClosedOutput(controller: AbortController) {
  return (error: unknown): void => {
    if (controller.signal.aborted) return;
    throw error;
  };
}
