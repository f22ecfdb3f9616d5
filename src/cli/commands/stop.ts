import { EXIT } from '../errors.js';
import { reportRunNotes } from '../output/run-notes.js';
import { colourEnabled, painter } from '../output/style.js';
import { closeControls, openRuns } from '../runtime/runs/open-runs.js';
import type { RecordsLocation } from '../runtime/runs/records-location.js';
import { resolveTarget } from '../runtime/runs/resolve-target.js';
import { RunBusyError } from '../runtime/runs/run-lock.js';
import { RunControl } from '../runtime/runs/run-control.js';
import { purgeRun, StopError, stopRun, supervisorExited } from '../runtime/runs/stop-run.js';
import { runEnded } from '../runtime/runs/task-ending.js';
import { resolveNamed } from '../state/damaged-runs.js';
import { RunRecordError } from '../state/run-store.js';

export interface StopOptions extends RecordsLocation {
  purge: boolean;
}

/**
 * `pot-nomad stop <job|run|alloc> [--purge]`: stops every task of the runs (or of the allocation) named, through
 * their supervisor when it runs, else here; `--purge` then removes the records and the allocation directories.
 */
export async function stopCommand(name: string, opts: StopOptions): Promise<number> {
  const { store, records, problems } = await openRuns(opts);
  reportRunNotes([], problems);
  const target = await resolveNamed(store, name, problems, () => resolveTarget(records, name, store.dir));
  const alloc = target.kind === 'alloc' ? target.alloc : undefined;
  // A job's runs that have ended are left alone (the latest is reported when all have), unless purging.
  const going = target.records.filter((r) => !runEnded(r));
  const runs = target.kind !== 'job' || opts.purge ? target.records : going.length > 0 ? going : target.records.slice(-1);
  const signal = new AbortController().signal;
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  let failed = false;
  for (const record of runs) {
    const control = new RunControl(store, record);
    const what = alloc === undefined ? `Run ${record.id}` : `Allocation ${alloc.id.slice(0, 8)} of run ${record.id}`;
    try {
      const result = await stopRun(control, alloc, signal, (pid) => out(`${what}: asking its supervisor (process ${pid}) to stop it`));
      if (result.how === 'here') out(`${what} has no supervisor running; stopped its tasks here:`);
      for (const t of result.tasks) out(`  ${t.task} (alloc ${t.allocId.slice(0, 8)}): ${t.message}`);
      if (result.how === 'nothing') out(result.status === 'stopped' ? `${what} is already stopped` : `${what} has already ended (${result.status}); nothing to stop`);
      else out(`${what} stopped`);
      if (opts.purge) {
        await supervisorExited(control);
        const { removedDirs, removedRecord } = await purgeRun(control, alloc);
        const dirs = `${removedDirs.length} allocation director${removedDirs.length === 1 ? 'y' : 'ies'}`;
        if (alloc === undefined) out(`Purged run ${record.id}: removed its record and ${dirs}`);
        else out(`Purged allocation ${alloc.id.slice(0, 8)}: removed its directory${removedRecord ? ` and the record of run ${record.id}, which had no other allocation` : ''}`);
      }
    } catch (error) {
      // One run that cannot be stopped (a record damaged meanwhile included) does not keep the others running.
      if (!(error instanceof StopError || error instanceof RunBusyError || error instanceof RunRecordError)) throw error;
      process.stderr.write(`${painter(colourEnabled(process.stderr))('red', 'error')}: ${error.message}\n`);
      failed = true;
    } finally {
      await closeControls([control]);
    }
  }
  return failed ? EXIT.failed : EXIT.ok;
}
