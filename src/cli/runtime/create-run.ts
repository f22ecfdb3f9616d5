import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { HostPolicy } from '../../driver/host-policy.js';
import type { VariableInput } from '../../hcl/eval/job-file.js';
import type { NomadVersion } from '../../hcl/job/spec/builders.js';
import { JobFileError } from '../../hcl/source.js';
import { newAllocId, newInvocationId } from '../../nomad/ids.js';
import { writeFileAtomic } from '../state/atomic-file.js';
import type { RunRecord } from '../state/run-record.js';
import { RunStore } from '../state/run-store.js';
import { livePorts } from './live-runs.js';
import { newRunId } from './run-id.js';
import { loadRunJob, type RunJob } from './run-job.js';
import { newRunRecord } from './run-record-init.js';
import type { RunSettings } from './run-settings.js';
import { withLockFile } from './wait-lock.js';

export interface CreateRunInput {
  /** The job file as given on the command line, or `-` for standard input. */
  file: string;
  vars: VariableInput[];
  /** The Nomad version the job is for; what it cannot read is a warning. */
  nomadVersion?: NomadVersion;
  settings: RunSettings;
  pinnedPorts?: ReadonlyMap<string, number>;
  /** What of the host the pot tasks may use; a job it refuses gets no run record. Unrestricted when absent. */
  hostPolicy?: HostPolicy;
  now?: () => Date;
}

export interface CreatedRun {
  store: RunStore;
  record: RunRecord;
  job: RunJob;
}

/**
 * Validates the job, against the host policy too, and only then writes the record of a new run with its
 * allocations' host ports. Ports are chosen under one lock per data dir, skipping those of other live
 * runs, so runs started at the same moment never get the same port.
 */
export async function createRun(input: CreateRunInput): Promise<CreatedRun> {
  const { settings } = input;
  const stdin = input.file === '-';
  const source = readJobText(input.file);
  const filename = stdin ? '<stdin>' : input.file;
  const baseDir = stdin ? process.cwd() : dirname(resolve(input.file));
  // The supervisor loads the job again from elsewhere: var files must not depend on the working directory.
  const vars = input.vars.map((v) => (v.kind === 'var-file' ? { ...v, path: resolve(v.path) } : v));
  const store = new RunStore(settings.dataDir);
  await mkdir(store.dir, { recursive: true });

  return withLockFile(join(store.dir, 'ports.lock'), async () => {
    const allocId = newAllocId();
    const invocationId = newInvocationId();
    const job = await loadRunJob({
      filename,
      source,
      baseDir,
      vars,
      nomadVersion: input.nomadVersion,
      dataDir: settings.dataDir,
      hostIp: settings.hostIp,
      allocId,
      invocationId,
      ports: { kind: 'reserve', range: settings.portRange, taken: await livePorts(store), pinned: input.pinnedPorts },
      hostPolicy: input.hostPolicy,
    });
    let id = newRunId(job.loaded.job.id);
    while ((await store.read(id).catch(() => 'unreadable')) !== undefined) id = newRunId(job.loaded.job.id);
    const jobCopy = join(store.dir, `${id}.job.hcl`);
    await writeFileAtomic(jobCopy, source, 0o600);
    const record = newRunRecord({
      id,
      job,
      backend: settings.backend,
      jobFile: stdin ? jobCopy : resolve(input.file),
      dataDir: settings.dataDir,
      hostIp: settings.hostIp,
      launch: { jobCopy, filename, baseDir, vars, invocationId, prepareTimeoutMs: settings.prepareTimeoutMs, commandTimeoutMs: settings.commandTimeoutMs },
      now: (input.now ?? (() => new Date()))(),
    });
    await store.write(record);
    return { store, record, job };
  });
}

function readJobText(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new JobFileError([{ severity: 'error', summary: `cannot read job file "${file}": ${reason}` }]);
  }
}
