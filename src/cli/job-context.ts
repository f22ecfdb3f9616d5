import type { HostPolicy } from '../driver/host-policy.js';
import type { PotVersionContext } from '../driver/pot-versions.js';
import { mountRootProblem } from '../driver/task-input.js';
import { limitAllocations } from './allocation-limit.js';
import type { VariableInput } from '../hcl/eval/job-file.js';
import type { NomadVersion } from '../hcl/job/spec/builders.js';
import { loadJobFile, type LoadedJob } from '../hcl/load.js';
import { JobFileError, type Diagnostic } from '../hcl/source.js';
import { buildAllocations, type Allocation, type AllocationOptions } from '../nomad/allocation.js';
import { localNode } from '../nomad/node.js';
import { POT_DRIVER, preparePotTasks, type PotTask, type SkippedTask } from '../nomad/pot-tasks.js';

/** A job file taken as far as a Nomad client takes it before calling the driver. */
export interface JobContext {
  loaded: LoadedJob;
  allocs: Allocation[];
  tasks: PotTask[];
  skipped: SkippedTask[];
  warnings: Diagnostic[];
}

export interface AllocateOptions extends AllocationOptions {
  /** What of the host the pot tasks may use; unrestricted when absent. */
  hostPolicy?: HostPolicy;
  /** The pot the tasks are checked for; unchecked when absent. */
  potVersion?: PotVersionContext;
  /** `validate` checks the first allocations of a very large job and warns; `plan` and `run` refuse it. */
  tooManyAllocations?: 'warn' | 'refuse';
}

export interface JobContextOptions extends Omit<AllocateOptions, 'node'> {
  vars: VariableInput[];
  nomadVersion?: NomadVersion;
}

/**
 * Loads the job, builds its allocations and decodes every pot task's config. Throws a JobFileError that
 * lists every error found (job file and driver config alike); warnings are returned.
 */
export function buildJobContext(file: string, opts: JobContextOptions): JobContext {
  const loaded = loadJobFile(file, { vars: opts.vars, env: process.env, allowFS: true, nomadVersion: opts.nomadVersion });
  return { loaded, ...allocateJob(loaded, { ...opts, node: localNode(loaded.job) }) };
}

/**
 * What a Nomad client does with a loaded job before it calls the driver: one allocation per group
 * instance, and every pot task's name, environment and config decoded and checked, against the host policy
 * too when there is one, and the data dir the tasks' directories are mounted from. `plan`, `validate` and
 * `run` share it; `run` writes no run record before it has passed.
 */
export function allocateJob(loaded: LoadedJob, opts: AllocateOptions): Omit<JobContext, 'loaded'> {
  const diags = [...loaded.diagnostics];
  const job = limitAllocations(loaded, opts.tooManyAllocations === 'warn' ? 'warning' : 'error', diags);
  const allocs = buildAllocations(job, opts);
  const { tasks, skipped } = preparePotTasks(allocs, diags, opts.hostPolicy, opts.potVersion);
  const hasPotTasks = allocs.some((a) => a.tasks.some((t) => t.task.driver === POT_DRIVER));
  const dataDirProblem = hasPotTasks ? mountRootProblem(opts.dataDir) : undefined;
  if (dataDirProblem !== undefined) diags.push({ severity: 'error', summary: `data dir ${JSON.stringify(opts.dataDir)}: ${dataDirProblem}` });
  if (diags.some((d) => d.severity === 'error')) throw new JobFileError(diags, new Map([[loaded.filename, loaded.source]]));
  return { allocs, tasks, skipped, warnings: diags };
}
