import type { RunRecord } from '../../state/run-record.js';
import type { RunRecordProblem, RunStore } from '../../state/run-store.js';
import { adoptRun, type AdoptionFinding } from '../adopt.js';
import { openRunStore, type RecordsLocation } from './records-location.js';
import { RunControl } from './run-control.js';

export interface OpenedRuns {
  store: RunStore;
  /** Every readable record, oldest first. */
  records: RunRecord[];
  /** Records that could not be read (damaged ones were moved aside). */
  problems: RunRecordProblem[];
}

export async function openRuns(location: RecordsLocation): Promise<OpenedRuns> {
  const { store } = await openRunStore(location);
  const { records, problems } = await store.list();
  return { store, records, problems };
}

/**
 * Opens a control per record and re-adopts each run that needs it, one after the other (each sets the pot
 * environment of its own run). The caller closes the controls.
 */
export async function adoptRuns(store: RunStore, records: readonly RunRecord[], signal?: AbortSignal): Promise<{ controls: RunControl[]; findings: AdoptionFinding[] }> {
  const controls = records.map((r) => new RunControl(store, r));
  const findings: AdoptionFinding[] = [];
  try {
    for (const control of controls) findings.push(...(await adoptRun(control, signal)));
  } catch (error) {
    await closeControls(controls);
    throw error;
  }
  return { controls, findings };
}

export async function closeControls(controls: readonly RunControl[]): Promise<void> {
  await Promise.all(controls.map((s) => s.close()));
}
