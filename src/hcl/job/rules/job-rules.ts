import type { NomadBlock } from '../nomad-block.js';
import type { RuleContext } from './rule-context.js';

const JOB_TYPES = ['service', 'batch', 'system', 'sysbatch'];

/** The job's own checks; returns the job's type as Nomad resolves it, for the group and task rules. */
export function validateJobBlock(job: NomadBlock, ctx: RuleContext): string {
  const type = job.string('type') ?? 'service';
  if (!JOB_TYPES.includes(type)) {
    const expected = JOB_TYPES.map((t) => `"${t}"`).join(', ');
    if (type === '') ctx.error(job, ctx.rangeOf(job, 'type'), 'Missing job type', `Set type to one of ${expected}.`);
    else ctx.error(job, ctx.rangeOf(job, 'type'), `Invalid job type: "${type}"`, `The job type must be one of ${expected}.`);
  }
  // Tasks written straight in the job become groups of their own, so they count as groups.
  const groups = [...job.blocks('task'), ...job.blocks('group')];
  if (groups.length === 0) {
    ctx.error(job, job.labelRanges[0], 'Missing job task groups', 'A job needs at least one group "<name>" { task "<name>" { ... } }.');
  }
  const seen = new Map<string, number>();
  groups.forEach((group, index) => {
    const first = seen.get(group.label);
    if (first === undefined) {
      seen.set(group.label, index);
      return;
    }
    ctx.error(
      group,
      group.labelRanges[0],
      `Job task group ${index + 1} redefines '${group.label}' from group ${first + 1}`,
      `Group "${group.label}" is already defined at line ${groups[first]!.range.start.line}; each group in a job needs its own name.`,
    );
  });
  return type;
}
