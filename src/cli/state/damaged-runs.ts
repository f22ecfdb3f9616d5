import { lstat, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { quarantinedCopies } from './quarantine.js';
import { diagnoseRecord, fileKind } from './record-damage.js';
import { RUN_ID_PATTERN } from './run-record.js';
import { corruptMessage, type RunRecordProblem, type RunStore } from './run-store.js';

/** A command named a run whose record is damaged; the message says which file, why, and where it went. */
export class DamagedRunError extends Error {
  constructor(readonly problems: readonly RunRecordProblem[]) {
    super(problems.map((p) => `run ${p.id} cannot be used: ${p.message}`).join('\n'));
    this.name = 'DamagedRunError';
  }
}

/**
 * Resolves a name from the command line with `resolve`; when nothing readable has that name but a damaged
 * record does, the error says so (and where the record went) instead of "no run matches".
 */
export async function resolveNamed<T>(store: RunStore, name: string, fresh: readonly RunRecordProblem[], resolve: () => T): Promise<T> {
  try {
    return resolve();
  } catch (error) {
    const damaged = await damagedRunsNamed(store, name, fresh);
    if (damaged.length > 0) throw new DamagedRunError(damaged);
    throw error;
  }
}

/**
 * The damaged records a name may stand for: by run id, a run id prefix of four or more characters, or the
 * job name a run id starts with (`<job>-<6 hex>`), and for `<scope>/<task>` by its scope. `fresh` are the
 * problems found by this command; records set aside earlier are found by their quarantined copies, and
 * what is wrong with them is read again from those.
 */
export async function damagedRunsNamed(store: RunStore, name: string, fresh: readonly RunRecordProblem[]): Promise<RunRecordProblem[]> {
  const parts = name.split('/');
  const scope = parts.length === 2 ? parts[0]! : name;
  if (scope === '') return [];
  const found = new Map<string, RunRecordProblem>();
  for (const p of fresh) if (names(p.id, scope)) found.set(p.id, p);
  for (const copy of await quarantinedCopies(store.dir)) {
    const id = idOfCopy(copy);
    if (id === undefined || found.has(id) || !names(id, scope)) continue;
    found.set(id, await earlierProblem(store, id, copy));
  }
  return [...found.values()];
}

function names(id: string, scope: string): boolean {
  if (id === scope) return true;
  if (scope.length >= 4 && id.startsWith(scope)) return true;
  return id.startsWith(`${scope}-`) && /^[0-9a-f]{6}$/.test(id.slice(scope.length + 1));
}

/** `<id>.json.corrupt-<stamp>` → `<id>`; undefined for other files. */
function idOfCopy(path: string): string | undefined {
  const m = /^(.+)\.json\.corrupt-.+$/.exec(basename(path));
  return m !== null && RUN_ID_PATTERN.test(m[1]!) ? m[1] : undefined;
}

/** The newest copy of the run's record set aside, with what was wrong with it. */
async function earlierProblem(store: RunStore, id: string, newestAny: string): Promise<RunRecordProblem> {
  const path = store.pathOf(id);
  const copy = (await quarantinedCopies(store.dir, `${id}.json`))[0] ?? newestAny;
  let why = 'it was found damaged earlier';
  try {
    const info = await lstat(copy);
    if (!info.isFile()) why = `it is ${fileKind(info)}, not a file`;
    else {
      const result = diagnoseRecord(id, await readFile(copy));
      if ('damage' in result) why = result.damage.why;
    }
  } catch {
    // the copy cannot be read now; what it was found to be stays unknown
  }
  return { id, path, movedTo: copy, message: corruptMessage(path, why, copy) };
}
