import type { Diagnostic } from '../../source.js';
import type { NomadBlock } from '../nomad-block.js';
import type { NomadVersion } from '../spec/builders.js';
import { validateGroup } from './group-rules.js';
import { validateJobBlock } from './job-rules.js';
import { RuleContext } from './rule-context.js';

/**
 * What Nomad decides about a job after decoding it: the checks of its `Job.Validate`,
 * `TaskGroup.Validate` and `Task.Validate` and of the job admission hooks that run before them, and
 * the warnings of `Job.Warnings`. Nothing stricter and nothing looser; driver configs are the driver's.
 */
export function validateNomadJob(job: NomadBlock, target: NomadVersion, diags: Diagnostic[]): void {
  const ctx = new RuleContext(target, diags);
  const type = validateJobBlock(job, ctx);
  for (const group of job.blocks('group')) validateGroup(group, type, ctx);
}
