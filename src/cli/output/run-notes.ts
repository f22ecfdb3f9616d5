import type { AdoptionFinding } from '../runtime/adopt.js';
import type { RunRecordProblem } from '../state/run-store.js';
import { colourEnabled, painter } from './style.js';

/**
 * What re-adoption changed and which records could not be read, for a person on standard error. A task still
 * running is not news; one that ended or was lost while nobody watched is.
 */
export function reportRunNotes(findings: readonly AdoptionFinding[], problems: readonly RunRecordProblem[], stderr: NodeJS.WriteStream = process.stderr): void {
  const paint = painter(colourEnabled(stderr));
  for (const p of problems) stderr.write(`${paint('yellow', 'warning')}: ${p.message}\n`);
  for (const f of findings) {
    if (f.outcome === 'running') continue;
    const what =
      f.outcome === 'ended'
        ? `ended while no supervisor was running: exit code ${f.exitCode}`
        : f.outcome === 'lost'
          ? `was lost: ${f.message}`
          : `could not be checked, and is shown as last recorded: ${f.message}`;
    stderr.write(`${paint('yellow', 'note')}: task "${f.task}" of run ${f.runId} (alloc ${f.allocId.slice(0, 8)}) ${what}\n`);
  }
}

export function findingsJson(findings: readonly AdoptionFinding[]): Record<string, unknown>[] {
  return findings.map((f) => ({ run: f.runId, alloc_id: f.allocId, task: f.task, outcome: f.outcome, exit_code: f.exitCode ?? null, message: f.message }));
}

export function problemsJson(problems: readonly RunRecordProblem[]): Record<string, unknown>[] {
  return problems.map((p) => ({ id: p.id, path: p.path, message: p.message, moved_to: p.movedTo ?? null }));
}
