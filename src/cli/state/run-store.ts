import { lstat, mkdir, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { removeStaleTemps, syncDir, writeFileAtomic } from './atomic-file.js';
import { acquireLock, type FileLock, type LockOptions } from './lock-file.js';
import { quarantine, quarantineStamp, type SeenFile } from './quarantine.js';
import { diagnoseRecord, fileKind } from './record-damage.js';
import { RUN_ID_PATTERN, type RunRecord } from './run-record.js';

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

/** One look at a record file. */
type Reading = { record: RunRecord } | { problem: RunRecordProblem } | 'missing' | 'replaced';

/** A record file is read again this often when writers keep replacing it while it is set aside. */
const ATTEMPTS = 3;

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
    const result = await this.load(id, this.pathOf(id));
    if (result === undefined) return undefined;
    if ('problem' in result) throw new RunRecordError(result.problem);
    return result.record;
  }

  /**
   * Every readable record, oldest first, and the problems with the others. Temporary files that writers
   * which died left behind are removed on the way.
   */
  async list(): Promise<{ records: RunRecord[]; problems: RunRecordProblem[] }> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], problems: [] };
      throw e;
    }
    await removeStaleTemps(this.dir).catch(() => undefined);
    const records: RunRecord[] = [];
    const problems: RunRecordProblem[] = [];
    for (const name of names.sort()) {
      const id = name.endsWith('.json') ? name.slice(0, -5) : '';
      if (!RUN_ID_PATTERN.test(id)) continue;
      const result = await this.load(id, join(this.dir, name));
      if (result === undefined) continue;
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

  /** The time that names a quarantined copy. */
  private stamp(): string {
    return quarantineStamp((this.opts.now ?? (() => new Date()))());
  }

  private async load(id: string, path: string): Promise<{ record: RunRecord } | { problem: RunRecordProblem } | undefined> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.readOnce(id, path);
      if (result === 'missing') return undefined;
      if (result !== 'replaced') return result;
      if (attempt === ATTEMPTS) return { problem: { id, path, message: `run record ${path} keeps changing while it is read; try again` } };
    }
  }

  private async readOnce(id: string, path: string): Promise<Reading> {
    let bytes: Uint8Array;
    let seen: SeenFile | undefined;
    try {
      const info = await lstat(path);
      if (!info.isFile()) return this.setAside(id, path, `it is ${fileKind(info)}, not a file`, undefined);
      const fh = await open(path, 'r');
      try {
        const opened = await fh.stat();
        seen = { dev: opened.dev, ino: opened.ino };
        bytes = await fh.readFile();
      } finally {
        await fh.close();
      }
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ENOENT') return 'missing';
      return { problem: { id, path, message: `run record ${path} cannot be read: ${err.message}` } };
    }
    const result = diagnoseRecord(id, bytes);
    if ('record' in result) return result;
    // A record of a newer version is not damaged: it is left for the pot-nomad that wrote it.
    if (result.damage.newer) return { problem: { id, path, message: `run record ${path} cannot be read: ${result.damage.why}` } };
    return this.setAside(id, path, result.damage.why, seen);
  }

  private async setAside(id: string, path: string, why: string, seen: SeenFile | undefined): Promise<Reading> {
    let movedTo: string | undefined;
    try {
      movedTo = await quarantine(path, seen, this.stamp());
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'replaced';
      return { problem: { id, path, message: `run record ${path} is corrupt: ${why}; it could not be moved aside: ${(e as Error).message}` } };
    }
    if (movedTo === undefined) return 'replaced';
    return { problem: { id, path, movedTo, message: corruptMessage(path, why, movedTo) } };
  }
}

/** The one-line report of a record set aside. */
export function corruptMessage(path: string, why: string, movedTo: string): string {
  return `run record ${path} is corrupt: ${why}; moved aside to ${movedTo}`;
}
