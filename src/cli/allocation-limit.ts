import type { Job } from '../hcl/job/model.js';
import type { LoadedJob } from '../hcl/load.js';
import type { Diagnostic } from '../hcl/source.js';

/**
 * The most allocations pot-nomad builds for one job on one machine. Nomad accepts far larger counts, and
 * so does `validate`; `plan` and `run` refuse them rather than spend minutes building plans no single
 * host could run.
 */
export const MAX_LOCAL_ALLOCATIONS = 1000;

/**
 * The job with its group counts capped so that at most MAX_LOCAL_ALLOCATIONS allocations are built, and
 * a diagnostic at the largest `count` when they were: an error where the whole job must be built (plan,
 * run), a warning where the first allocations are enough (validate).
 */
export function limitAllocations(loaded: LoadedJob, severity: Diagnostic['severity'], diags: Diagnostic[]): Job {
  const { job } = loaded;
  const total = job.groups.reduce((sum, g) => sum + g.count, 0);
  if (total <= MAX_LOCAL_ALLOCATIONS) return job;
  const largest = job.groups.reduce((a, b) => (b.count > a.count ? b : a));
  const group = loaded.spec.blocks('group').find((g) => g.label === largest.name);
  const consequence = severity === 'error' ? 'lower the counts to plan or run it here' : `only the first ${MAX_LOCAL_ALLOCATIONS} were checked`;
  diags.push({
    severity,
    summary: 'Too many allocations for one machine',
    detail: `The job has ${total} allocations (group "${largest.name}" has count ${largest.count}); pot-nomad builds at most ${MAX_LOCAL_ALLOCATIONS} on one machine. Nomad accepts the job; ${consequence}.`,
    range: group?.attribute('count')?.exprRange ?? largest.range,
    path: group?.path ?? `job "${job.id}"`,
  });
  let budget = MAX_LOCAL_ALLOCATIONS;
  const groups = job.groups.map((g) => {
    const count = Math.min(g.count, budget);
    budget -= count;
    return { ...g, count };
  });
  return { ...job, groups };
}
