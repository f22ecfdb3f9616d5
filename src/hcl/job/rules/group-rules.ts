import type { Range } from '../../source.js';
import type { NomadBlock } from '../nomad-block.js';
import { connectTasks } from './connect-hook.js';
import { groupReschedule } from './effective.js';
import { goQuote } from './go-text.js';
import { groupBlock, groupBlocks, groupNameRange, type GroupView, type JobView } from './job-view.js';
import { validateAffinities, validateConstraints, validateSpreads } from './placement-rules.js';
import { validateGroupPolicies } from './policy-rules.js';
import { headerRange, type RuleContext } from './rule-context.js';

/** The checks of Nomad's `TaskGroup.Validate` on the group itself; its parts have files of their own. */
export function validateGroupBlock(view: JobView, group: GroupView, ctx: RuleContext): void {
  const { block } = group;
  if (group.name.includes('\0')) ctx.error(block, groupNameRange(group), 'Task group name contains null character');
  else if (group.name === '') ctx.error(block, groupNameRange(group), 'Missing task group name', 'Give the group a name: group "<name>" { ... }.');
  const count = group.group?.number('count');
  if (group.group && count !== undefined && count < 0) ctx.error(group.group, ctx.rangeOf(group.group, 'count'), "Task group count can't be negative", 'Set count to 0 or more.');
  const injected = connectTasks(view, group);
  if (group.tasks.length + injected.length === 0) {
    const gateway = groupBlocks(group, 'service').some((s) => s.block('connect')?.block('gateway'));
    const detail = gateway
      ? `Nomad adds the task of a Consul Connect gateway only to a group with a network block; add network { mode = "bridge" } to group "${group.name}".`
      : `Group "${group.name}" needs a task: task "<name>" { driver = "pot" ... }.`;
    ctx.error(block, groupNameRange(group), 'Missing tasks for task group', detail);
  }
  if (group.group) {
    legacyDisconnect(view, group, group.group, ctx);
    validateDisconnect(view, group.group, ctx);
    validateMaxRunDuration(view, group.group, ctx);
    validateConstraints(group.group.blocks('constraint'), 'group', ctx);
    if (view.type === 'system') {
      refuseBlock(group.group, 'affinity', 'System jobs may not have an affinity block', ctx);
    } else validateAffinities(group.group.blocks('affinity'), ctx);
    if (view.type === 'system') {
      refuseBlock(group.group, 'spread', 'System jobs may not have a spread block', ctx);
    } else validateSpreads(group.group.blocks('spread'), ctx);
  }
  validateGroupPolicies(view, group, ctx);
  const disk = groupBlock(group, 'ephemeral_disk');
  const size = disk?.number('size');
  if (disk && size !== undefined && size < 10) ctx.error(disk, ctx.rangeOf(disk, 'size'), `minimum DiskMB value is 10; got ${size}`, 'The ephemeral disk size is in MB; use 10 or more (the default is 300).');
  validateTaskNames(group, injected.map((t) => ({ name: t.name, at: t.at, range: t.range })), ctx);
}

function refuseBlock(group: NomadBlock, type: string, summary: string, ctx: RuleContext): void {
  const first = group.blocks(type)[0];
  if (first) ctx.error(group, first.typeRange, summary, `System jobs run on every eligible node; remove the ${type} block.`);
}

/** Task names in the group, including those Nomad adds for Consul Connect, must differ; one leader at most. */
function validateTaskNames(group: GroupView, injected: { name: string; at: NomadBlock; range: Range }[], ctx: RuleContext): void {
  const all = [...group.tasks.map((t) => ({ name: t.label, at: t, range: headerRange(t) })), ...injected];
  const seen = new Map<string, number>();
  all.forEach((task, index) => {
    if (task.name === '') {
      ctx.error(task.at, task.range, `Task ${index + 1} missing name`, 'Give the task a name: task "<name>" { ... }.');
      return;
    }
    const first = seen.get(task.name);
    if (first === undefined) seen.set(task.name, index);
    else {
      ctx.error(
        task.at,
        task.range,
        `Task ${index + 1} redefines '${task.name}' from task ${first + 1}`,
        `Task "${task.name}" is already defined at line ${all[first]!.at.range.start.line} in group "${group.name}"; each task in a group needs its own name.`,
      );
    }
  });
  const leaders = group.tasks.filter((t) => t.bool('leader') === true);
  if (leaders.length > 1) {
    ctx.error(leaders[1]!, ctx.rangeOf(leaders[1]!, 'leader'), 'Only one task may be marked as leader', `Tasks ${leaders.map((t) => `"${t.label}"`).join(', ')} are all marked leader = true; keep it on one.`);
  }
}

/** `max_client_disconnect`, `stop_after_client_disconnect` and `prevent_reschedule_on_lost`, read until Nomad 1.10. */
function legacyDisconnect(view: JobView, groupView: GroupView, group: NomadBlock, ctx: RuleContext): void {
  if (ctx.since('1.10.0')) return;
  const max = group.duration('max_client_disconnect');
  const stop = group.duration('stop_after_client_disconnect');
  if (max !== undefined && stop !== undefined) {
    ctx.error(group, ctx.rangeOf(group, 'stop_after_client_disconnect'), 'Task group cannot be configured with both max_client_disconnect and stop_after_client_disconnect', 'Keep one of the two.');
  }
  if (max !== undefined && max < 0) ctx.error(group, ctx.rangeOf(group, 'max_client_disconnect'), 'max_client_disconnect cannot be negative', 'Use 0s or more.');
  if (stop !== undefined && stop !== 0) {
    if (stop > 0 && view.type !== 'batch' && view.type !== 'service') {
      ctx.error(group, ctx.rangeOf(group, 'stop_after_client_disconnect'), 'stop_after_client_disconnect can only be set in batch and service jobs', 'Remove it from this group.');
    } else if (stop < 0) ctx.error(group, ctx.rangeOf(group, 'stop_after_client_disconnect'), 'stop_after_client_disconnect must be a positive value', 'Use 0s or more.');
  }
  const attempts = groupReschedule(view, groupView, ctx)?.attempts.value ?? 0;
  if (ctx.since('1.7.2') && max !== undefined && attempts > 0 && group.bool('prevent_reschedule_on_lost') === true) {
    ctx.error(
      group,
      ctx.rangeOf(group, 'prevent_reschedule_on_lost'),
      'max_client_disconnect and prevent_reschedule_on_lost cannot be enabled when rechedule.attempts > 0',
      'Set the reschedule block\'s attempts to 0, or remove prevent_reschedule_on_lost.',
    );
  }
}

function validateDisconnect(view: JobView, group: NomadBlock, ctx: RuleContext): void {
  const d = group.block('disconnect');
  if (!d || !ctx.since('1.8.0')) return;
  // Until 1.10 Nomad copies the older group settings into an unset disconnect block, then refuses both.
  const legacy = !ctx.since('1.10.0');
  const max = legacy ? group.duration('max_client_disconnect') : undefined;
  const stopAfter = legacy ? group.duration('stop_after_client_disconnect') : undefined;
  const stop = d.duration('stop_on_client_after') ?? stopAfter;
  const lost = d.duration('lost_after') ?? max ?? 0;
  if (legacy) {
    const conflicts: [string, boolean, string][] = [
      ['max_client_disconnect', max !== undefined && lost > 0, 'using both lost_after and max_client_disconnect is not allowed'],
      ['stop_after_client_disconnect', stopAfter !== undefined, 'using both stop_after_client_disconnect and stop_on_client_after is not allowed'],
      ['prevent_reschedule_on_lost', group.bool('prevent_reschedule_on_lost') === true, 'using both prevent_reschedule_on_lost and replace is not allowed'],
    ];
    const conflict = conflicts.find((c) => c[1]);
    if (conflict) {
      ctx.error(group, ctx.rangeOf(group, conflict[0]), conflict[2], 'The disconnect block replaces the group-level setting; keep only the disconnect block.');
      return;
    }
  }
  const stopAt = d.attribute('stop_on_client_after') ? ctx.rangeOf(d, 'stop_on_client_after') : ctx.rangeOf(group, 'stop_after_client_disconnect');
  const lostAt = d.attribute('lost_after') ? ctx.rangeOf(d, 'lost_after') : ctx.rangeOf(group, 'max_client_disconnect');
  if (stop !== undefined) {
    if (stop < 0) ctx.error(d, stopAt, 'stop_after cannot be a negative duration', 'Use 0s or more.');
    if (view.type !== 'service' && view.type !== 'batch') ctx.error(d, stopAt, 'stop_after can only be used with service or batch job types', 'Remove stop_on_client_after from this group.');
  }
  if (lost < 0) ctx.error(d, lostAt, 'lost_after cannot be a negative duration', 'Use 0s or more.');
  if (stop !== undefined && lost !== 0) ctx.error(d, lostAt, 'Disconnect cannot be configured with both lost_after and stop_after', 'Keep either lost_after or stop_on_client_after.');
  const reconcile = d.string('reconcile') ?? '';
  if (!['', 'best_score', 'longest_running', 'keep_original', 'keep_replacement'].includes(reconcile)) {
    ctx.error(d, ctx.rangeOf(d, 'reconcile'), `reconcile option is invalid: ${reconcile}`, 'Set reconcile to "best_score", "longest_running", "keep_original" or "keep_replacement".');
  }
}

function validateMaxRunDuration(view: JobView, group: NomadBlock, ctx: RuleContext): void {
  const max = group.duration('max_run_duration');
  if (max === undefined || !ctx.since('2.0.3')) return;
  const range = ctx.rangeOf(group, 'max_run_duration');
  if (max <= 0) ctx.error(group, range, 'MaxRunDuration must be greater than zero', 'Set max_run_duration to a positive duration, or remove it.');
  if (view.type !== 'batch' && view.type !== 'sysbatch') {
    ctx.error(group, range, `Job type ${goQuote(view.type)} does not allow max_run_duration`, 'max_run_duration stops batch and sysbatch jobs that run too long; remove it from this group.');
  }
}

