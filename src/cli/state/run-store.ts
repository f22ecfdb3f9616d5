import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir, writeFileAtomic } from './atomic-file.js';
import { acquireLock, type FileLock, type LockOptions } from './lock-file.js';
import { RUN_ID_PATTERN, RunRecordShapeError, validateRunRecord, type RunRecord } from './run-record.js';

/** A record file that could not be used; `movedTo` is set when it was damaged and set aside. */
export interface RunRecordProblem {
  id: string;
  path: string;
  message: string;
  movedTo?: string;
}

/** Reading one record failed; the message says which file, why, and where it went. */
export class RunRecordError extends Error {
  constructor(readonly problem: RunRecordProblem) {
    super(problem.message);
    this.name = 'RunRecordError';
  }
}

export interface RunStoreOptions {
  now?: () => Date;
  lock?: LockOptions;
}

/**
 * Run records under `<data-dir>/runs/<run-id>.json`. Writes are atomic, reads are validated, and a
 * damaged record is moved aside to `<name>.corrupt-<timestamp>` and reported instead of stopping
 * every command that lists runs.
 */
export class RunStore {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly opts: RunStoreOptions = {},
  ) {
    this.dir = join(dataDir, 'runs');
  }

  pathOf(id: string): string {
    if (!RUN_ID_PATTERN.test(id)) throw new Error(`invalid run id "${id}": use letters, digits, ".", "_" and "-"`);
    return join(this.dir, `${id}.json`);
  }

  async write(record: RunRecord): Promise<void> {
    const path = this.pathOf(record.id);
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
  }

  /** The record, or undefined when there is none; throws RunRecordError for an unusable one. */
  async read(id: string): Promise<RunRecord | undefined> {
    const path = this.pathOf(id);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    const result = await this.check(id, path, text);
    if ('problem' in result) throw new RunRecordError(result.problem);
    return result.record;
  }

  /** Every readable record, oldest first, and the problems with the others. */
  async list(): Promise<{ records: RunRecord[]; problems: RunRecordProblem[] }> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], problems: [] };
      throw e;
    }
    const records: RunRecord[] = [];
    const problems: RunRecordProblem[] = [];
    for (const name of names.sort()) {
      const id = name.endsWith('.json') ? name.slice(0, -5) : '';
      if (!RUN_ID_PATTERN.test(id)) continue;
      const path = join(this.dir, name);
      const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return undefined;
        throw e;
      });
      if (text === undefined) continue;
      const result = await this.check(id, path, text);
      if ('problem' in result) problems.push(result.problem);
      else records.push(result.record);
    }
    records.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
    return { records, problems };
  }

  async remove(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true });
    await syncDir(this.dir).catch(() => undefined);
  }

  /** Takes the record's writer lock, `<run-id>.lock` next to it. */
  async lock(id: string): Promise<FileLock> {
    this.pathOf(id);
    await mkdir(this.dir, { recursive: true });
    return acquireLock(join(this.dir, `${id}.lock`), this.opts.lock);
  }

  private async check(id: string, path: string, text: string): Promise<{ record: RunRecord } | { problem: RunRecordProblem }> {
    let why: string;
    try {
      const record = validateRunRecord(JSON.parse(text));
      if (record.id === id) return { record };
      why = `it holds run "${record.id}", not "${id}"`;
    } catch (e) {
      if (e instanceof RunRecordShapeError && e.newer) return { problem: { id, path, message: `run record ${path} cannot be read: ${e.message}` } };
      if (text.trim() === '') why = 'the file is empty';
      else if (e instanceof SyntaxError) why = `it is not valid JSON (${e.message})${text.trimEnd().endsWith('}') ? '' : '; the file looks truncated'}`;
      else why = (e as Error).message;
    }
    const movedTo = `${path}.corrupt-${(this.opts.now ?? (() => new Date()))().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(path, movedTo);
    } catch (e) {
      return { problem: { id, path, message: `run record ${path} is corrupt: ${why}; it could not be moved aside: ${(e as Error).message}` } };
    }
    return { problem: { id, path, movedTo, message: `run record ${path} is corrupt: ${why}; moved aside to ${movedTo}` } };
  }
}
