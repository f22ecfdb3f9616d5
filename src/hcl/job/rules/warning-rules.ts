import type { NomadBlock } from '../nomad-block.js';
import { connectTasks } from './connect-hook.js';
import { groupCount, groupUpdate } from './effective.js';
import { goQuote } from './go-text.js';
import { groupBlocks, taskVault, type GroupView, type JobView } from './job-view.js';
import { headerRange, type RuleContext } from './rule-context.js';
import { templateWarnings } from './template-rules.js';

/**
 * What Nomad only warns about when a job is submitted: `Job.Warnings` (and the group, task, template,
 * service and identity warnings it gathers) and the job endpoint's own. `validate` prints them and
 * still succeeds, as `nomad job validate` does.
 */
export function warnJob(view: JobView, ctx: RuleContext): void {
  let hasAutoPromote = false;
  let allAutoPromote = true;
  let autoPromoteAt: NomadBlock | undefined;
  for (const group of view.groups) {
    warnGroup(view, group, ctx);
    const update = groupUpdate(view, group, ctx);
    if (update) {
      if (update.auto_promote.value) autoPromoteAt ??= update.auto_promote.block;
      hasAutoPromote ||= update.auto_promote.value;
      allAutoPromote &&= update.canary.value === 0 || update.auto_promote.value;
    }
  }
  if (ctx.since('2.0.1')) for (const group of view.groups) shutdownDelayWarnings(view, group, ctx);
  if (hasAutoPromote && !allAutoPromote && autoPromoteAt) {
    ctx.warn(autoPromoteAt, ctx.rangeOf(autoPromoteAt, 'auto_promote'), 'auto_promote must be true for all groups to enable automatic promotion', 'Deployments are promoted automatically only when every group with canaries has auto_promote = true.');
  }
  const periodic = view.job.block('periodic');
  if (periodic && ctx.since('1.6.2') && (periodic.string('cron') ?? '') !== '') {
    ctx.warn(periodic, ctx.rangeOf(periodic, 'cron'), 'cron is deprecated and may be removed in a future release. Use crons instead', `Write crons = [${goQuote(periodic.string('cron')!)}].`);
  }
}

function warnGroup(view: JobView, group: GroupView, ctx: RuleContext): void {
  const update = groupUpdate(view, group, ctx);
  const count = groupCount(group);
  if (update && count > 1 && update.max_parallel.value > count) {
    ctx.warn(
      update.max_parallel.block,
      update.max_parallel.range,
      `Update max parallel count is greater than task group count (${update.max_parallel.value} > ${count}). A destructive change would result in the simultaneous replacement of all allocations.`,
      `Set max_parallel to at most ${count}.`,
    );
  }
  const g = group.group;
  if (g && ctx.since('1.8.0') && !ctx.since('1.10.0')) {
    const deprecated: [string, boolean, string][] = [
      ['max_client_disconnect', g.duration('max_client_disconnect') !== undefined, 'MaxClientDisconnect will be deprecated favor of Disconnect.LostAfter'],
      ['stop_after_client_disconnect', g.duration('stop_after_client_disconnect') !== undefined, 'StopAfterClientDisconnect will be deprecated favor of Disconnect.StopOnClientAfter'],
      ['prevent_reschedule_on_lost', g.bool('prevent_reschedule_on_lost') === true, 'PreventRescheduleOnLost will be deprecated favor of Disconnect.Replace'],
    ];
    for (const [arg, set, summary] of deprecated) if (set) ctx.warn(g, ctx.rangeOf(g, arg), summary, 'Use the disconnect block instead.');
  }
  const first = groupBlocks(group, 'network')[0];
  if (first && (first.number('mbits') ?? 0) > 0) {
    ctx.warn(first, ctx.rangeOf(first, 'mbits'), 'mbits has been deprecated as of Nomad 0.12.0. Please remove mbits from the network block', 'Nomad no longer reserves bandwidth; remove mbits.');
  }
  if (ctx.since('1.7.0')) for (const s of groupBlocks(group, 'service')) serviceIdentityWarnings(s, ctx);
  for (const task of group.tasks) warnTask(view, group, task, ctx);
}

function warnTask(view: JobView, group: GroupView, task: NomadBlock, ctx: RuleContext): void {
  const resources = task.block('resources');
  if (resources && (resources.number('iops') ?? 0) !== 0) {
    ctx.warn(resources, ctx.rangeOf(resources, 'iops'), 'IOPS has been deprecated as of Nomad 0.9.0. Please remove IOPS from resource block.', 'Nomad ignores iops; remove it.');
  }
  const network = resources?.blocks('network')[0];
  if (network) {
    ctx.warn(network, network.typeRange, 'task network resources have been deprecated as of Nomad 0.12.0. Please configure networking via group network block.', 'Move the network block (and its ports) from the task\'s resources to the group.');
  }
  templateWarnings(task, ctx);
  if (!ctx.since('1.7.0')) return;
  for (const s of task.blocks('service')) serviceIdentityWarnings(s, ctx);
  for (const identity of task.blocks('identity')) {
    const name = identity.string('name') ?? '';
    if (name !== '' && name !== 'default') identityWarnings(identity, name, ctx);
  }
  if (!taskVault(view, group, task)) {
    for (const identity of task.blocks('identity')) {
      const name = identity.string('name') ?? '';
      if (name.startsWith('vault_')) ctx.warn(identity, ctx.rangeOf(identity, 'name'), `Task ${task.label} has an identity called ${name} but no vault block`, 'An identity named vault_<cluster> is used to log in to Vault; add a vault block, or rename the identity.');
    }
  }
}

/** A service's identity: Nomad names it after the service when Consul registers it. */
function serviceIdentityWarnings(service: NomadBlock, ctx: RuleContext): void {
  const identity = service.block('identity');
  if (!identity) return;
  const consul = (service.string('provider') || 'consul') === 'consul';
  identityWarnings(identity, consul ? 'service' : (identity.string('name') ?? ''), ctx);
}

function identityWarnings(identity: NomadBlock, name: string, ctx: RuleContext): void {
  const aud = identity.strings('aud') ?? [];
  if (aud.length === 0) ctx.warn(identity, headerRange(identity), 'identities without an audience are insecure', 'Set aud to the one service the identity is meant for.');
  else if (aud.length > 1) ctx.warn(identity, ctx.rangeOf(identity, 'aud'), 'while multiple audiences is allowed, it is more secure to use 1 audience per identity', 'Use one identity per audience.');
  if (name !== '' && name !== 'default' && (identity.duration('ttl') ?? 0) === 0) ctx.warn(identity, headerRange(identity), 'identities without an expiration are insecure', 'Set ttl, e.g. ttl = "1h".');
  if (identity.bool('env') === true && identity.string('change_mode') !== 'restart') {
    ctx.warn(identity, ctx.rangeOf(identity, 'env'), 'using env=true without change_mode="restart" may result in task not getting updated identity', 'Set change_mode = "restart" so that the task sees a renewed identity.');
  }
}

/** Nomad 2.0.1 on: services without a shutdown delay are deregistered while still taking traffic. */
function shutdownDelayWarnings(view: JobView, group: GroupView, ctx: RuleContext): void {
  const referenced = new Map<string, NomadBlock>();
  let unscoped: NomadBlock | undefined;
  for (const s of groupBlocks(group, 'service')) {
    const task = s.string('task') ?? '';
    if (task !== '') referenced.set(task, s);
    else if (!s.block('connect')?.block('sidecar_task')) unscoped ??= s;
  }
  const groupDelay = (group.group?.duration('shutdown_delay') ?? 0) > 0;
  let anyDelay = connectTasks(view, group).some((t) => (t.sidecarTask ? (t.sidecarTask.duration('shutdown_delay') ?? 0) : 5000) > 0);
  for (const task of group.tasks) {
    const delay = task.duration('shutdown_delay') ?? 0;
    if (referenced.has(task.label) && delay === 0) {
      ctx.warn(task, headerRange(task), `group ${goQuote(group.name)} references task ${goQuote(task.label)} in a service definition, but the task has no shutdown_delay set`, 'Set shutdown_delay in the task (e.g. "5s") so that the service is deregistered before the task stops.');
    }
    if (delay > 0) anyDelay = true;
    else if (task.blocks('service').length > 0) {
      ctx.warn(task, headerRange(task), `task ${goQuote(task.label)} in group ${goQuote(group.name)} defines services, but has no shutdown_delay set`, 'Set shutdown_delay (e.g. "5s") so that the service is deregistered before the task stops.');
    }
  }
  if (unscoped && !groupDelay && !anyDelay) {
    ctx.warn(group.block, headerRange(group.block), `group ${goQuote(group.name)} defines services, but neither the group nor any of its tasks have shutdown_delay set`, 'Set shutdown_delay in the group (e.g. "5s") so that services are deregistered before tasks stop.');
  }
}
