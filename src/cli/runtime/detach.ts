import { spawn } from 'node:child_process';
import { closeSync, openSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunRecord } from '../state/run-record.js';
import type { RunStore } from '../state/run-store.js';
import { startProgress, type StartProgress } from './start-progress.js';
import { RunError } from './run-error.js';
import { waitForLock } from './wait-lock.js';

export const CLI_BIN = fileURLToPath(new URL('../../../../bin/pot-nomad.js', import.meta.url));
const POLL_MS = 100;

/** Where a detached run's supervisor writes: next to the record. */
export function supervisorLogPath(store: RunStore, runId: string): string {
  return join(store.dir, `${runId}.supervisor.log`);
}

/**
 * Starts `pot-nomad supervise <run-id>` as a process of its own: its own session (a closing terminal
 * or a Ctrl-C does not reach it), no terminal (its output goes to the supervisor log), not waited for.
 */
export async function spawnSupervisor(store: RunStore, record: RunRecord, dataDir: string): Promise<number> {
  const fd = openSync(supervisorLogPath(store, record.id), 'a', 0o600);
  let pid: number | undefined;
  try {
    const child = spawn(process.execPath, [CLI_BIN, 'supervise', record.id, '--data-dir', dataDir], {
      detached: true,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, NOMAD_PLUGIN_MAGIC_COOKIE: '' },
    });
    pid = child.pid;
    child.on('error', () => undefined);
    child.unref();
  } finally {
    closeSync(fd);
  }
  if (pid === undefined) throw new RunError(`cannot start the supervisor of run ${record.id}: ${process.execPath} could not be run`);
  await handOver(store, record.id, pid);
  return pid;
}

/** The record names this process until the supervisor writes its own pid; name the supervisor now. */
async function handOver(store: RunStore, id: string, pid: number): Promise<void> {
  const lock = await waitForLock(() => store.lock(id));
  try {
    const disk = await store.read(id);
    if (disk && disk.supervisorPid === process.pid) await store.write({ ...disk, supervisorPid: pid });
  } finally {
    await lock.release();
  }
}

export type DetachOutcome = Exclude<StartProgress, { kind: 'waiting' }> | { kind: 'supervisor-died'; log: string };

/**
 * Waits until every task has started, one could not be started, or the supervisor is gone. The record is read
 * again whenever something in its directory changes, and at the latest every POLL_MS (a supervisor that dies
 * changes nothing there).
 */
export async function waitForStart(store: RunStore, id: string, supervisorPid: number, alive: (pid: number) => boolean): Promise<{ outcome: DetachOutcome; record: RunRecord | undefined }> {
  const changes = changesIn(store.dir);
  try {
    return await pollForStart(store, id, supervisorPid, alive, changes);
  } finally {
    changes.close();
  }
}

async function pollForStart(
  store: RunStore,
  id: string,
  supervisorPid: number,
  alive: (pid: number) => boolean,
  changes: DirChanges,
): Promise<{ outcome: DetachOutcome; record: RunRecord | undefined }> {
  for (;;) {
    const record = await store.read(id).catch(() => undefined);
    const progress: StartProgress = record ? startProgress(record) : { kind: 'waiting' };
    if (progress.kind !== 'waiting') return { outcome: progress, record };
    if (!alive(supervisorPid)) {
      // It may have written its last state just before it ended.
      const last = await store.read(id).catch(() => undefined);
      const final: StartProgress = last ? startProgress(last) : { kind: 'waiting' };
      if (final.kind !== 'waiting') return { outcome: final, record: last };
      const log = await readFile(supervisorLogPath(store, id), 'utf8').catch(() => '');
      return { outcome: { kind: 'supervisor-died', log }, record: last };
    }
    await changes.next(POLL_MS);
  }
}

interface DirChanges {
  /** Resolves once something changed since the last call, or after `ms`. */
  next(ms: number): Promise<void>;
  close(): void;
}

/** fs.watch of the directory where the platform offers it (inotify, kqueue); where not, `next` is a plain wait. */
function changesIn(dir: string): DirChanges {
  let changed = false;
  let wake: (() => void) | undefined;
  let watcher: FSWatcher | undefined;
  const onChange = (): void => {
    changed = true;
    wake?.();
  };
  try {
    watcher = watch(dir, { persistent: false }, onChange);
    watcher.on('error', () => watcher?.close());
  } catch {
    // No watching here (or no more inotify watches): the wait alone.
  }
  return {
    next: (ms) =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          wake = undefined;
          changed = false;
          resolve();
        };
        const timer = setTimeout(done, ms);
        wake = done;
        if (changed) done();
      }),
    close: () => watcher?.close(),
  };
}
