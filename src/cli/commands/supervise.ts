import { readFile } from 'node:fs/promises';
import { messageOf } from '../../driver/error-message.js';
import { JobFileError } from '../../hcl/source.js';
import { EXIT } from '../errors.js';
import { Monitor } from '../output/monitor.js';
import { painter } from '../output/style.js';
import type { RunRecord } from '../state/run-record.js';
import { RunStore } from '../state/run-store.js';
import { RecordWriter } from '../runtime/record-writer.js';
import { runBackendEnv } from '../runtime/backend.js';
import { RunError } from '../runtime/run-error.js';
import { createRunDriver, lineLog } from '../runtime/run-driver.js';
import { pushTaskEvent } from '../runtime/run-events.js';
import { loadRunJob, type RunJob } from '../runtime/run-job.js';
import { launchOf } from '../runtime/run-record-init.js';
import { RunSupervisor } from '../runtime/run-supervisor.js';

const STOP_POLL_MS = 250;

/**
 * `pot-nomad supervise <run-id> --data-dir DIR` (hidden): what `run --detach` leaves behind. It runs
 * the recorded run exactly as a foreground run would, writing its progress to its log instead of a
 * terminal, and stops everything on SIGTERM or when the record asks for it (`pot-nomad stop`).
 */
export async function superviseCommand(runId: string, opts: { dataDir: string }): Promise<number> {
  const store = new RunStore(opts.dataDir);
  const record = await store.read(runId);
  if (record === undefined) throw new RunError(`no run "${runId}" in ${store.dir}`);
  const launch = launchOf(record);
  if (launch === undefined) throw new RunError(`run ${runId} was not created by pot-nomad run: its record has no launch settings`);
  Object.assign(process.env, runBackendEnv(record));

  let supervisor: RunSupervisor | undefined;
  const writer = new RecordWriter(store, record, {
    onStopRequested: () => void supervisor?.stop(),
    onError: (error) => process.stdout.write(`${new Date().toISOString()} [WARN] cannot update the run record: ${messageOf(error)}\n`),
  });
  let job: RunJob;
  try {
    job = await loadRunJob({
      filename: launch.filename,
      source: await readFile(launch.jobCopy, 'utf8'),
      baseDir: launch.baseDir,
      vars: launch.vars,
      dataDir: record.dataDir ?? opts.dataDir,
      hostIp: record.hostIp ?? '127.0.0.1',
      allocId: record.allocs[0]?.id ?? '00000000-0000-4000-8000-000000000000',
      invocationId: launch.invocationId,
      ports: { kind: 'recorded', byAlloc: new Map(record.allocs.map((a) => [a.id, a.ports])) },
    });
  } catch (error) {
    const why = error instanceof JobFileError ? error.diagnostics.map((d) => d.summary).join('; ') : messageOf(error);
    failEveryTask(record, `cannot load the job again: ${why}`);
    record.supervisorPid = process.pid;
    await writer.save();
    process.stdout.write(`${new Date().toISOString()} [ERROR] run ${runId}: cannot load the job again: ${why}\n`);
    return EXIT.failed;
  }

  const driver = createRunDriver({ potBin: record.potBin ?? '/usr/local/bin/pot', prepareTimeoutMs: launch.prepareTimeoutMs, commandTimeoutMs: launch.commandTimeoutMs, log: lineLog(process.stdout) });
  const monitor = new Monitor({ stdout: process.stdout, stderr: process.stdout, format: 'text', paint: painter(false) });
  supervisor = new RunSupervisor({ record, job, driver, writer, observer: monitor });
  monitor.header(record, new Date());

  let signals = 0;
  const onSignal = (): void => {
    signals++;
    void (signals === 1 ? supervisor.stop() : supervisor.force());
  };
  for (const s of ['SIGTERM', 'SIGINT'] as const) process.on(s, onSignal);
  // The supervisor has no terminal; a hang-up of the shell that started it is no reason to stop.
  process.on('SIGHUP', () => undefined);
  const unwatch = writer.watchStop(STOP_POLL_MS);
  try {
    return await supervisor.run();
  } finally {
    unwatch();
    for (const s of ['SIGTERM', 'SIGINT'] as const) process.off(s, onSignal);
  }
}

function failEveryTask(record: RunRecord, message: string): void {
  const now = new Date();
  for (const alloc of record.allocs) {
    alloc.status = 'failed';
    for (const task of alloc.tasks.filter((t) => t.skipped === undefined)) {
      task.state = 'dead';
      task.failed = true;
      task.message = message;
      pushTaskEvent(task, now, message);
    }
  }
  record.status = 'failed';
}
