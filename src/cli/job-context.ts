import type { VariableInput } from '../hcl/eval/job-file.js';
import { loadJobFile, type LoadedJob } from '../hcl/load.js';
import { JobFileError, type Diagnostic } from '../hcl/source.js';
import { buildAllocations, type Allocation, type AllocationOptions } from '../nomad/allocation.js';
import { localNode } from '../nomad/node.js';
import { preparePotTasks, type PotTask, type SkippedTask } from '../nomad/pot-tasks.js';

/** A job file taken as far as a Nomad client takes it before calling the driver. */
export interface JobContext {
  loaded: LoadedJob;
  allocs: Allocation[];
  tasks: PotTask[];
  skipped: SkippedTask[];
  warnings: Diagnostic[];
}

export interface JobContextOptions extends Omit<AllocationOptions, 'node'> {
  vars: VariableInput[];
}

/**
 * Loads the job, builds its allocations and decodes every pot task's config. Throws a JobFileError that
 * lists every error found (job file and driver config alike); warnings are returned.
 */
export function buildJobContext(file: string, opts: JobContextOptions): JobContext {
  const loaded = loadJobFile(file, { vars: opts.vars, env: process.env, allowFS: true });
  return { loaded, ...allocateJob(loaded, { ...opts, node: localNode(loaded.job) }) };
}

/**
 * What a Nomad client does with a loaded job before it calls the driver: one allocation per group
 * instance, and every pot task's config decoded and checked. `plan`, `validate` and `run` share it.
 */
export function allocateJob(loaded: LoadedJob, opts: AllocationOptions): Omit<JobContext, 'loaded'> {
  const diags = [...loaded.diagnostics];
  const allocs = buildAllocations(loaded.job, opts);
  const { tasks, skipped } = preparePotTasks(allocs, diags);
  if (diags.some((d) => d.severity === 'error')) throw new JobFileError(diags, new Map([[loaded.filename, loaded.source]]));
  return { allocs, tasks, skipped, warnings: diags };
}
