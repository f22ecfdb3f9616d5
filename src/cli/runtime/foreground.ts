import { messageOf } from '../../driver/error-message.js';
import type { Monitor } from '../output/monitor.js';
import type { CreatedRun } from './create-run.js';
import { TaskOutputLines } from './task-output-lines.js';
import { RecordWriter } from './record-writer.js';
import { RunSupervisor, type RunDriver } from './run-supervisor.js';

export interface ForegroundOptions {
  driver: RunDriver;
  monitor: Monitor;
  stderr: NodeJS.WritableStream;
}

/** Exit status after a second interrupt, as a shell reports a process ended by SIGINT. */
export const EXIT_INTERRUPTED = 130;
const STOP_POLL_MS = 250;

/**
 * A run in this process: state changes and task output on the terminal until every allocation is
 * done. The first Ctrl-C (or SIGTERM, or `pot-nomad stop`) stops every task with its kill signal and
 * timeout; a second one stops them at once.
 */
export async function runForeground(created: CreatedRun, opts: ForegroundOptions): Promise<number> {
  const { store, record, job } = created;
  const { monitor } = opts;
  let supervisor: RunSupervisor | undefined;
  const writer = new RecordWriter(store, record, {
    onStopRequested: () => void supervisor?.stop(),
    onError: (error) => opts.stderr.write(`warning: cannot update the run record: ${messageOf(error)}\n`),
  });
  const tails = record.allocs.flatMap((alloc) =>
    alloc.tasks
      .filter((t) => t.skipped === undefined)
      .flatMap((t) => [
        new TaskOutputLines(t.stdoutPath, (line) => monitor.log(alloc, t.name, 'stdout', line)),
        new TaskOutputLines(t.stderrPath, (line) => monitor.log(alloc, t.name, 'stderr', line)),
      ]),
  );
  const drain = (): Promise<unknown> => Promise.all(tails.map((t) => t.stop()));
  supervisor = new RunSupervisor({ record, job, driver: opts.driver, writer, observer: monitor, beforeEnd: async () => void (await drain()) });
  monitor.header(record, new Date());
  for (const tail of tails) tail.start();

  let interrupts = 0;
  const onSignal = (): void => {
    interrupts++;
    if (interrupts === 1) void supervisor.stop();
    else if (interrupts === 2) void supervisor.force();
    else process.exit(EXIT_INTERRUPTED);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A closed pipe (`| head`) ends the output, not the run: the tasks are still stopped properly.
  const ignore = (): void => undefined;
  process.stdout.on('error', ignore);
  process.stderr.on('error', ignore);
  const unwatch = writer.watchStop(STOP_POLL_MS);
  try {
    const code = await supervisor.run();
    return interrupts >= 2 ? EXIT_INTERRUPTED : code;
  } finally {
    unwatch();
    await drain();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.stdout.off('error', ignore);
    process.stderr.off('error', ignore);
    monitor.close();
  }
}
