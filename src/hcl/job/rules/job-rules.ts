import type { NomadBlock } from '../nomad-block.js';
import { groupCount } from './effective.js';
import { goQuote } from './go-text.js';
import { groupNameRange, type JobView } from './job-view.js';
import { validateAffinities, validateConstraints, validateSpreads } from './placement-rules.js';
import { headerRange, type RuleContext } from './rule-context.js';

const JOB_TYPES = ['service', 'batch', 'system', 'sysbatch'];

/** The checks of Nomad's `Job.Validate` on the job itself, and of the job endpoint on its type and priority. */
export function validateJobBlock(view: JobView, ctx: RuleContext): void {
  const { job } = view;
  const region = job.string('region');
  if (region === '' && !job.block('multiregion')) {
    ctx.error(job, ctx.rangeOf(job, 'region'), 'Missing job region', 'Set region to the region the job runs in, e.g. region = "global", or leave it out for the default "global".');
  }
  const id = job.string('id') ?? job.label;
  const idRange = job.attribute('id')?.exprRange ?? headerRange(job);
  if (id === '') ctx.error(job, idRange, 'Missing job ID', 'Give the job a name: job "<name>" { ... }.');
  else if (id.includes(' ')) ctx.error(job, idRange, 'Job ID contains a space', `The job ID ${goQuote(id)} is used in URLs and commands; use a name without spaces, e.g. ${goQuote(id.replace(/ +/g, '-'))}.`);
  else if (id.includes('\0')) ctx.error(job, idRange, 'Job ID contains a null character');
  const name = job.string('name') ?? job.label;
  const nameRange = job.attribute('name')?.exprRange ?? headerRange(job);
  if (name === '') ctx.error(job, nameRange, 'Missing job name', 'Set name to a non-empty string, or leave it out to use the job\'s label.');
  else if (name.includes('\0')) ctx.error(job, nameRange, 'Job Name contains a null character');

  validateJobType(view, ctx);
  validatePriority(job, ctx);

  for (const [i, dc] of (job.strings('datacenters') ?? []).entries()) {
    if (dc === '') ctx.error(job, ctx.rangeOf(job, 'datacenters'), 'Job datacenter must be non-empty string', `Entry ${i + 1} of datacenters is empty; name a datacenter, or use "*" for all of them.`);
  }
  if (view.groups.length === 0) {
    ctx.error(job, headerRange(job), 'Missing job task groups', 'A job needs at least one group "<name>" { task "<name>" { ... } }.');
  }
  validateConstraints(job.blocks('constraint'), 'job', ctx);
  if (view.type === 'system') refuseForSystem(job, ctx);
  else {
    validateAffinities(job.blocks('affinity'), ctx);
    validateSpreads(job.blocks('spread'), ctx);
  }
  const ui = job.block('ui');
  const description = ui?.string('description');
  if (ui && description !== undefined && ctx.since('1.8.0')) {
    const bytes = Buffer.byteLength(description);
    if (bytes > 1000) ctx.error(ui, ctx.rangeOf(ui, 'description'), `UI description must be under 1000 characters, currently ${bytes}`, 'Shorten the description to at most 1000 bytes.');
  }
  validateGroupNames(view, ctx);
}

function validateJobType(view: JobView, ctx: RuleContext): void {
  const { job, type } = view;
  const range = ctx.rangeOf(job, 'type');
  const expected = JOB_TYPES.map((t) => `"${t}"`).join(', ');
  if (type === 'core') {
    ctx.error(job, range, 'job type cannot be core', `"core" is reserved for Nomad's own jobs; use one of ${expected}.`);
  } else if (type === '') {
    ctx.error(job, range, 'Missing job type', `Set type to one of ${expected}, or leave it out for "service".`);
  } else if (!JOB_TYPES.includes(type)) {
    ctx.error(job, range, `Invalid job type: ${goQuote(type)}`, `The job type must be one of ${expected}.`);
  }
}

/**
 * Nomad takes a priority of 0 as "not set" and applies the servers' default; the upper bound is the
 * servers' `job_max_priority`, 100 unless an operator raised it, so going over it is only a warning.
 */
function validatePriority(job: NomadBlock, ctx: RuleContext): void {
  const priority = job.number('priority');
  if (priority === undefined || priority === 0) return;
  const range = ctx.rangeOf(job, 'priority');
  if (priority < 1) ctx.error(job, range, 'job priority must be between [1, 100]', `Priority ${priority} is below 1; use a number from 1 (lowest) to 100 (highest), or leave it out for the default 50.`);
  else if (priority > 100) {
    ctx.warn(job, range, 'job priority must be between [1, 100]', `Nomad servers refuse priority ${priority} unless their job_max_priority is set to ${priority} or more; the default limit is 100.`);
  }
}

function refuseForSystem(block: NomadBlock, ctx: RuleContext): void {
  const affinity = block.blocks('affinity')[0];
  if (affinity) ctx.error(block, affinity.typeRange, 'System jobs may not have an affinity block', 'System jobs run on every eligible node, so there is nothing to prefer; remove the affinity block or use a constraint.');
  const spread = block.blocks('spread')[0];
  if (spread) ctx.error(block, spread.typeRange, 'System jobs may not have a spread block', 'System jobs run on every eligible node, so there is nothing to spread; remove the spread block.');
}


/** The checks of `Job.Validate` across groups: names, and what the job type allows of each. */
function validateGroupNames(view: JobView, ctx: RuleContext): void {
  const seen = new Map<string, number>();
  view.groups.forEach((group, index) => {
    const range = groupNameRange(group);
    if (group.name === '') ctx.error(group.block, range, `Job task group ${index + 1} missing name`, 'Give the group a name: group "<name>" { ... }.');
    else {
      const first = seen.get(group.name);
      if (first === undefined) seen.set(group.name, index);
      else {
        ctx.error(
          group.block,
          range,
          `Job task group ${index + 1} redefines '${group.name}' from group ${first + 1}`,
          `Group "${group.name}" is already defined at line ${view.groups[first]!.block.range.start.line}; each group in a job needs its own name (a task written straight in the job is a group of its own name).`,
        );
      }
    }
    const shutdownDelay = group.group?.duration('shutdown_delay');
    if (group.group && shutdownDelay !== undefined && shutdownDelay < 0) {
      ctx.error(group.group, ctx.rangeOf(group.group, 'shutdown_delay'), 'ShutdownDelay must be a positive value', 'shutdown_delay is how long to wait after deregistering services before stopping tasks; use 0s or more.');
    }
    const count = groupCount(group);
    if (view.type === 'system' && count > 1 && group.group) {
      const at = group.group.attribute('count') ? group.group : (group.group.block('scaling') ?? group.group);
      ctx.error(
        at,
        ctx.rangeOf(at, at === group.group ? 'count' : 'min'),
        `Job task group ${group.name} has count ${count}. Count cannot exceed 1 with system scheduler`,
        'A system job runs one allocation of each group on every eligible node; leave count out or set it to 1.',
      );
    }
  });
}
