import { editDistance } from '../../../shared/suggest.js';
import type { AllocRecord, RunRecord, TaskRecord } from '../../state/run-record.js';
import { potTasks, runEnded } from './task-ending.js';

/** What a name on the command line stands for; `records` are oldest first. */
export type Target =
  | { kind: 'run'; records: RunRecord[] }
  | { kind: 'job'; records: RunRecord[] }
  | { kind: 'alloc'; records: RunRecord[]; alloc: AllocRecord };

export interface TaskRef {
  record: RunRecord;
  alloc: AllocRecord;
  task: TaskRecord;
}

/** Nothing recorded has the name; the message lists close matches. */
export class NoMatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoMatchError';
  }
}

/** The name fits several things; the message lists the names that pick one. */
export class AmbiguousNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AmbiguousNameError';
  }
}

/** Allocation ids may be shortened to a prefix this long or longer (`status` shows 8 characters). */
const MIN_ALLOC_PREFIX = 4;

/** A run id, a job name (all its runs), or an allocation id or prefix, in that order of precedence. */
export function resolveTarget(records: readonly RunRecord[], name: string, where: string): Target {
  const target = findTarget(records, name);
  if (target !== undefined) return target;
  throw noMatch('run, job or allocation', name, records, where, false);
}

/**
 * The tasks a name stands for: a task name (in the runs still going, else the latest run that has it), a full
 * task id, `<scope>/<task>` with a run, job or allocation as scope, or a run, job or allocation (all its tasks).
 * A job stands for its latest run.
 */
export function resolveTasks(records: readonly RunRecord[], name: string, where: string): TaskRef[] {
  const parts = name.split('/');
  if (parts.length === 3) {
    const refs = allRefs(records).filter((r) => r.task.taskId === name);
    if (refs.length > 0) return refs;
  }
  if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') {
    const [scope, taskName] = parts as [string, string];
    const target = findTarget(records, scope);
    if (target === undefined) throw noMatch('run, job or allocation', scope, records, where, false);
    const inScope = scopeRefs(target);
    const refs = inScope.filter((r) => r.task.name === taskName);
    if (refs.length > 0) return refs;
    const names = [...new Set(inScope.map((r) => r.task.name))];
    throw new NoMatchError(`${describeTarget(target, scope)} has no pot task "${taskName}"${names.length > 0 ? `; its tasks: ${names.join(', ')}` : ''}`);
  }
  const byName = allRefs(records).filter((r) => r.task.name === name);
  if (byName.length > 0) {
    const active = byName.filter((r) => !runEnded(r.record));
    if (active.length > 0) return active;
    const latest = byName[byName.length - 1]!.record;
    return byName.filter((r) => r.record === latest);
  }
  const target = findTarget(records, name);
  if (target === undefined) throw noMatch('task, allocation, run or job', name, records, where, true);
  return scopeRefs(target);
}

/** Exactly one task, or an error naming the ways to pick one. */
export function resolveOneTask(records: readonly RunRecord[], name: string, where: string): TaskRef {
  const refs = resolveTasks(records, name, where);
  if (refs.length === 1) return refs[0]!;
  if (refs.length === 0) throw new NoMatchError(`"${name}" has no pot tasks`);
  const lines = taskNames(refs).map((label, i) => `  ${label}  (run ${refs[i]!.record.id}, ${refs[i]!.alloc.group}[${refs[i]!.alloc.index}])`);
  throw new AmbiguousNameError(`"${name}" matches ${refs.length} tasks; name one of them:\n${lines.join('\n')}`);
}

/** The shortest unambiguous name of each task: `<run>/<task>` when each run has one, else `<alloc-prefix>/<task>`. */
export function taskNames(refs: readonly TaskRef[]): string[] {
  const runs = new Set(refs.map((r) => r.record));
  if (runs.size === refs.length) return refs.map((r) => `${r.record.id}/${r.task.name}`);
  return refs.map((r) => `${shortId(r.alloc.id, refs.map((x) => x.alloc.id))}/${r.task.name}`);
}

/** An allocation id cut to 8 characters, or longer while another id shares that prefix. */
export function shortId(id: string, others: readonly string[]): string {
  for (let n = 8; n < id.length; n++) {
    const prefix = id.slice(0, n);
    if (!others.some((o) => o !== id && o.startsWith(prefix))) return prefix;
  }
  return id;
}

function findTarget(records: readonly RunRecord[], name: string): Target | undefined {
  const run = records.find((r) => r.id === name);
  if (run !== undefined) return { kind: 'run', records: [run] };
  const jobRuns = records.filter((r) => r.job === name);
  if (jobRuns.length > 0) return { kind: 'job', records: jobRuns };
  const allocs = records.flatMap((record) => record.allocs.map((alloc) => ({ record, alloc })));
  const byAlloc = allocs.filter(({ alloc }) => alloc.id === name || (name.length >= MIN_ALLOC_PREFIX && alloc.id.startsWith(name)));
  if (byAlloc.length === 1) return { kind: 'alloc', records: [byAlloc[0]!.record], alloc: byAlloc[0]!.alloc };
  if (byAlloc.length > 1) {
    const lines = byAlloc.map(({ record, alloc }) => `  ${alloc.id}  (run ${record.id})`);
    throw new AmbiguousNameError(`"${name}" matches ${byAlloc.length} allocations; give more of the id:\n${lines.join('\n')}`);
  }
  const byRunPrefix = records.filter((r) => name.length >= MIN_ALLOC_PREFIX && r.id.startsWith(name));
  if (byRunPrefix.length === 1) return { kind: 'run', records: byRunPrefix };
  if (byRunPrefix.length > 1) {
    throw new AmbiguousNameError(`"${name}" matches ${byRunPrefix.length} runs; give more of the id:\n${byRunPrefix.map((r) => `  ${r.id}`).join('\n')}`);
  }
  return undefined;
}

function allRefs(records: readonly RunRecord[]): TaskRef[] {
  return records.flatMap((record) => record.allocs.flatMap((alloc) => potTasks(alloc).map((task) => ({ record, alloc, task }))));
}

/** The tasks of a target; a job's are those of its latest run. */
function scopeRefs(target: Target): TaskRef[] {
  if (target.kind === 'alloc') return potTasks(target.alloc).map((task) => ({ record: target.records[0]!, alloc: target.alloc, task }));
  return allRefs(target.kind === 'job' ? target.records.slice(-1) : target.records);
}

function describeTarget(target: Target, name: string): string {
  if (target.kind === 'alloc') return `allocation ${target.alloc.id}`;
  if (target.kind === 'job') return `the latest run of job "${name}" (${target.records[target.records.length - 1]!.id})`;
  return `run ${target.records[0]!.id}`;
}

function noMatch(what: string, name: string, records: readonly RunRecord[], where: string, withTasks: boolean): NoMatchError {
  const head = `no ${what} matches "${name}"`;
  if (records.length === 0) return new NoMatchError(`${head}; no runs are recorded in ${where}`);
  const candidates: { name: string; kind: string }[] = [
    ...records.map((r) => ({ name: r.id, kind: 'run' })),
    ...records.map((r) => ({ name: r.job, kind: 'job' })),
    ...records.flatMap((r) => r.allocs.map((a) => ({ name: a.id.slice(0, 8), kind: 'allocation' }))),
    ...(withTasks ? allRefs(records).map((r) => ({ name: r.task.name, kind: 'task' })) : []),
  ];
  const close = closeMatches(name, candidates);
  if (close.length === 0) return new NoMatchError(`${head}; run "pot-nomad status" to list the runs`);
  const listed = close.map((c) => `"${c.name}" (${c.kind})`);
  return new NoMatchError(`${head}; did you mean ${listed.length === 1 ? listed[0] : `one of ${listed.join(', ')}`}?`);
}

/** Candidates a typo away (one edit per three letters) or containing the name, closest first, at most five. */
function closeMatches(name: string, candidates: readonly { name: string; kind: string }[]): { name: string; kind: string }[] {
  const allowed = Math.max(1, Math.floor(name.length / 3));
  const seen = new Set<string>();
  return candidates
    .map((c) => ({ ...c, d: editDistance(name.toLowerCase(), c.name.toLowerCase()) }))
    .filter((c) => c.d <= allowed || (name.length >= 3 && c.name.toLowerCase().includes(name.toLowerCase())))
    .sort((a, b) => a.d - b.d || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .filter((c) => {
      const key = `${c.kind}:${c.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 5)
    .map(({ name: n, kind }) => ({ name: n, kind }));
}
