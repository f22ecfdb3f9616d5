import { EXIT } from '../errors.js';
import { findingsJson, problemsJson, reportRunNotes } from '../output/run-notes.js';
import { allocDetailText, runDetailJson, runDetailText, runListText, runSummaryJson, type RunView } from '../output/status-views.js';
import { adoptRuns, closeControls, openRuns } from '../runtime/runs/open-runs.js';
import type { RecordsLocation } from '../runtime/runs/records-location.js';
import { resolveTarget } from '../runtime/runs/resolve-target.js';
import type { RunControl } from '../runtime/runs/run-control.js';
import { resolveNamed } from '../state/damaged-runs.js';

export interface StatusOptions extends RecordsLocation {
  output: 'text' | 'json';
}

/**
 * `pot-nomad status [job|run|alloc]`: every run, or one job's latest run, one run, or one allocation, with
 * its tasks and checks. Runs whose supervisor is gone are re-adopted first, so what is shown is true now.
 */
export async function statusCommand(name: string | undefined, opts: StatusOptions): Promise<number> {
  const { store, records, problems } = await openRuns(opts);
  // Damaged records are reported on standard error in either format: they have just been moved aside.
  reportRunNotes([], problems);
  const target = name === undefined ? undefined : await resolveNamed(store, name, problems, () => resolveTarget(records, name, store.dir));
  const chosen = target === undefined ? records : target.kind === 'job' ? target.records.slice(-1) : target.records;
  const { controls, findings } = await adoptRuns(store, chosen);
  const now = new Date();
  let views: RunView[];
  try {
    views = controls.map(view);
  } finally {
    await closeControls(controls);
  }
  const json = opts.output === 'json';
  if (!json) reportRunNotes(findings, []);
  const doc: Record<string, unknown> = {};
  let text: string;
  if (target === undefined) {
    doc.runs = views.map(runSummaryJson);
    text = runListText(views, now);
  } else if (target.kind === 'alloc') {
    const run = views[0]!;
    const alloc = run.record.allocs.find((a) => a.id === target.alloc.id) ?? target.alloc;
    doc.runs = [runDetailJson(run, now, alloc)];
    text = allocDetailText(run, alloc, now);
  } else {
    const run = views[0]!;
    doc.runs = [runDetailJson(run, now)];
    const others = target.kind === 'job' ? target.records.slice(0, -1).reverse() : [];
    text = runDetailText(run, now, others);
  }
  if (json) {
    doc.adopted = findingsJson(findings);
    doc.problems = problemsJson(problems);
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    process.stdout.write(`${text}\n`);
  }
  return EXIT.ok;
}

function view(control: RunControl): RunView {
  return { record: control.record, supervisorAlive: control.supervisorAlive() };
}
