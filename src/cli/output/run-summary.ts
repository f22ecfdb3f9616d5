import { shortAllocId } from '../../nomad/ids.js';
import type { AllocRecord, RunRecord, TaskRecord } from '../state/run-record.js';
import { monitorTime } from './monitor.js';
import type { Painter } from './style.js';

/** The commands that show and stop a detached run; `--data-dir` is repeated when it is not the default. */
export function runHints(record: RunRecord, extraArgs: string): string {
  const id = record.id;
  const task = record.allocs.flatMap((a) => a.tasks).find((t) => t.skipped === undefined)?.name ?? '<task>';
  const rows = [
    [`pot-nomad status ${id}${extraArgs}`, 'its allocations, tasks and checks'],
    [`pot-nomad logs ${id} ${task}${extraArgs}`, 'a task\'s output'],
    [`pot-nomad stop ${id}${extraArgs}`, 'stop every task'],
  ];
  const width = Math.max(...rows.map(([cmd]) => cmd!.length));
  return rows.map(([cmd, what]) => `  ${cmd!.padEnd(width)}  ${what}\n`).join('');
}

/** What `run --detach` prints once every task has started. */
export function detachedText(record: RunRecord, supervisorPid: number, extraArgs: string, paint: Painter, now: Date): string {
  const lines = [`${paint('bold', '==>')} ${monitorTime(now)}: Run "${record.id}" of job "${record.job}" started; supervisor pid ${supervisorPid}`];
  for (const a of record.allocs) {
    const ports = a.ports.map((p) => `${p.label}=${p.hostPort}`).join(' ');
    for (const t of a.tasks) lines.push(`    ${a.group}[${a.index}].${t.name}  alloc ${shortAllocId(a.id)}  ${taskState(t, paint)}${t.potName && !t.skipped ? `  pot ${t.potName}` : ''}${ports ? `  ports ${ports}` : ''}`);
  }
  return `${lines.join('\n')}\n\nRun ID: ${record.id}\n${runHints(record, extraArgs)}`;
}

function taskState(t: TaskRecord, paint: Painter): string {
  if (t.skipped) return paint('dim', `skipped (${t.skipped})`);
  if (t.state === 'dead') return t.failed ? paint('red', `failed (exit code ${t.exitCode ?? '?'})`) : `finished (exit code ${t.exitCode ?? 0})`;
  return paint('green', t.state);
}

/** One JSON document describing a detached run. */
export function detachedJson(record: RunRecord, supervisorPid: number, error?: { task: string; alloc: string; message: string }): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    run_id: record.id,
    job: record.job,
    status: record.status,
    supervisor_pid: supervisorPid,
    allocs: record.allocs.map((a: AllocRecord) => ({
      id: a.id,
      group: a.group,
      index: a.index,
      ports: Object.fromEntries(a.ports.map((p) => [p.label, p.hostPort])),
      tasks: a.tasks.map((t) => ({ name: t.name, state: t.skipped ? 'skipped' : t.state, failed: t.failed, pot_name: t.potName ?? null, exit_code: t.exitCode ?? null })),
    })),
  };
  if (error) doc.error = error;
  return doc;
}
