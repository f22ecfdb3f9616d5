import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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

/** Waits until every task has started, one could not be started, or the supervisor is gone. */
export async function waitForStart(store: RunStore, id: string, supervisorPid: number, alive: (pid: number) => boolean): Promise<{ outcome: DetachOutcome; record: RunRecord | undefined }> {
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
    await sleep(POLL_MS);
  }
}
