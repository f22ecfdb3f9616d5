import type { TaskStatus } from '../../driver/types.js';
import { createPotRunner, parseInfo, potArgv } from '../../pot/index.js';
import { potErrorLines } from '../../pot/output.js';
import { EXIT } from '../errors.js';
import { inspectJson, inspectText, type InspectedTaskView } from '../output/inspect-views.js';
import { findingsJson, reportRunNotes } from '../output/run-notes.js';
import { REAL_POT } from '../runtime/backend.js';
import { adoptRuns, closeControls, openRuns } from '../runtime/runs/open-runs.js';
import type { RecordsLocation } from '../runtime/runs/records-location.js';
import { resolveTasks, type TaskRef } from '../runtime/runs/resolve-target.js';
import type { RunControl } from '../runtime/runs/run-control.js';
import { resolveNamed } from '../state/damaged-runs.js';

export interface InspectOptions extends RecordsLocation {
  output: 'text' | 'json';
}

const POT_INFO_TIMEOUT_MS = 30_000;

/** `pot-nomad inspect <task|alloc>`: the driver's view of each task and pot's own `info -v`. */
export async function inspectCommand(name: string, opts: InspectOptions): Promise<number> {
  const { store, records, problems } = await openRuns(opts);
  // Damaged records are reported on standard error in either format: they have just been moved aside.
  reportRunNotes([], problems);
  const wanted = await resolveNamed(store, name, problems, () => resolveTasks(records, name, store.dir));
  const runs = [...new Set(wanted.map((r) => r.record))];
  const { controls, findings } = await adoptRuns(store, runs);
  const signal = new AbortController().signal;
  const views: InspectedTaskView[] = [];
  try {
    for (const want of wanted) {
      const control = controls[runs.indexOf(want.record)]!;
      const ref = current(control, want);
      views.push(await inspectOne(control, ref, signal));
    }
  } finally {
    await closeControls(controls);
  }
  if (opts.output === 'json') {
    process.stdout.write(`${JSON.stringify({ tasks: inspectJson(views), adopted: findingsJson(findings) }, null, 2)}\n`);
  } else {
    reportRunNotes(findings, []);
    process.stdout.write(`${inspectText(views)}\n`);
  }
  return EXIT.ok;
}

/** The task as the record says after re-adoption. */
function current(control: RunControl, ref: TaskRef): TaskRef {
  const alloc = control.record.allocs.find((a) => a.id === ref.alloc.id) ?? ref.alloc;
  return { record: control.record, alloc, task: alloc.tasks.find((t) => t.name === ref.task.name) ?? ref.task };
}

async function inspectOne(control: RunControl, ref: TaskRef, signal: AbortSignal): Promise<InspectedTaskView> {
  const { task } = ref;
  let view: Pick<InspectedTaskView, 'source' | 'status' | 'driverAttributes' | 'network'> | undefined;
  if (task.state === 'running' && (await control.recover(task, signal).catch(() => undefined)) === 'running') {
    const inspected = await control.driver().inspectTask(task.taskId as string, signal);
    view = { source: 'driver', status: inspected.status, driverAttributes: inspected.driverAttributes, ...(inspected.network ? { network: inspected.network } : {}) };
  }
  view ??= { source: 'record', status: recordedStatus(ref), driverAttributes: {}, ...(task.network ? { network: task.network } : {}) };
  return { ref, ...view, potInfo: await potInfo(control, task.potName) };
}

function recordedStatus({ task }: TaskRef): TaskStatus {
  const status: TaskStatus = { id: task.taskId ?? '', name: task.name, state: task.state === 'dead' ? 'exited' : 'unknown' };
  if (task.startedAt !== undefined) status.startedAt = new Date(task.startedAt);
  if (task.finishedAt !== undefined) status.completedAt = new Date(task.finishedAt);
  if (task.exitCode !== undefined) status.result = { exitCode: task.exitCode, signal: task.signal ?? 0, oomKilled: false };
  return status;
}

/** pot's own `info -v -p <pot>`, as it prints it, and parsed where it parses. */
async function potInfo(control: RunControl, potName: string | undefined): Promise<InspectedTaskView['potInfo']> {
  if (potName === undefined) return { error: 'the task has not been given a pot yet' };
  control.applyEnv();
  const runner = createPotRunner(control.record.potBin ?? REAL_POT);
  try {
    const result = await runner.run(potArgv.info(potName, true), { timeoutMs: POT_INFO_TIMEOUT_MS });
    if (result.exitCode !== 0) {
      const why = [...potErrorLines(result.stdout), ...potErrorLines(result.stderr)][0] ?? result.stderr.trim().split('\n')[0] ?? '';
      return { error: `pot ${potName} cannot be shown (pot exited with ${result.exitCode}${why === '' ? '' : `: ${why}`})` };
    }
    try {
      return { text: result.stdout, parsed: parseInfo(result.stdout) };
    } catch {
      return { text: result.stdout };
    }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
