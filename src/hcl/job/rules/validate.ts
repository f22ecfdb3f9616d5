import type { Diagnostic } from '../../source.js';
import type { NomadBlock } from '../nomad-block.js';
import type { NomadVersion } from '../spec/builders.js';
import { connectPorts, connectTasks, validateConnectHook } from './connect-hook.js';
import { enterpriseWarnings, validateConsulPartitions } from './enterprise-rules.js';
import { validateExposeChecks } from './expose-rules.js';
import { validateGroupBlock } from './group-rules.js';
import { jobView, type GroupView, type JobView } from './job-view.js';
import { validateJobBlock } from './job-rules.js';
import { validateNetworks } from './network-rules.js';
import { validateSchedulingKinds } from './periodic-rules.js';
import { headerRange, RuleContext } from './rule-context.js';
import { serviceName } from './service-names.js';
import { validateGroupServices } from './service-rules.js';
import { validateInjectedTask, validateTask } from './task-rules.js';
import { validateGroupScaling, validateTaskScaling, validateVolumes } from './volume-scaling-rules.js';
import { warnJob } from './warning-rules.js';

/**
 * What Nomad decides about a job when it is submitted, for the targeted Nomad version: the checks of
 * `Job.Validate`, `TaskGroup.Validate`, `Task.Validate` and everything they call, on the values Nomad's
 * API fills in, after the admission hooks that change the job (Consul Connect tasks and ports, exposed
 * checks); the checks of those hooks and of the job endpoint; the decoder's own checks of `scaling`
 * blocks; and the warnings of `Job.Warnings` and the job endpoint. Nothing stricter and nothing looser;
 * driver configs are the driver's.
 *
 * Left out, because only a cluster can decide them:
 * - the namespace exists, and allows the task drivers and network modes used (namespace hook);
 * - the node pool exists and allows the job (node pool hook);
 * - ACL permissions: submitting, CSI and host volume mounts, CSI plugins, policy overrides;
 * - Vault: a Vault cluster is enabled on the servers for each vault block, Vault namespaces and
 *   non-default Vault clusters (vault hook), and the identities the servers' configuration adds
 *   for Vault and Consul (implicit identities hook), with the warnings about them;
 * - the servers' limits: job_max_priority above 100 (a warning here), job_max_count, the size of
 *   the job's source (job_max_source_size);
 * - memory oversubscription: with it disabled in the scheduler configuration (the default), Nomad
 *   warns that memory_max is ignored;
 * - whether all servers run a version that supports several identities per task;
 * - Sentinel policies and quotas (Enterprise);
 * - changes against the job already registered (job updates, scaling policy IDs).
 * Features only Nomad Enterprise accepts are warnings (see enterprise-rules.ts).
 */
export function validateNomadJob(job: NomadBlock, target: NomadVersion, diags: Diagnostic[]): void {
  const ctx = new RuleContext(target, diags);
  const view = jobView(job);
  validateJobBlock(view, ctx);
  for (const group of view.groups) validateGroup(view, group, ctx);
  validateSchedulingKinds(view, ctx);
  validateConsulPartitions(view, ctx);
  serviceIdentityNames(view, ctx);
  warnJob(view, ctx);
  enterpriseWarnings(view, ctx);
}

function validateGroup(view: JobView, group: GroupView, ctx: RuleContext): void {
  validateConnectHook(view, group, ctx);
  validateExposeChecks(view, group, ctx);
  validateGroupBlock(view, group, ctx);
  validateVolumes(view, group, ctx);
  validateNetworks(group, group.tasks, connectPorts(view, group), ctx);
  validateGroupServices(view, group, ctx);
  validateGroupScaling(view, group, ctx);
  for (const task of group.tasks) {
    validateTaskScaling(task, ctx);
    validateTask(view, group, task, ctx);
  }
  for (const injected of connectTasks(view, group)) validateInjectedTask(view, group, injected, ctx);
}

/** The job endpoint (Nomad 1.7 on): a service's identity needs a name, which Nomad gives Consul services. */
function serviceIdentityNames(view: JobView, ctx: RuleContext): void {
  if (!ctx.since('1.7.0')) return;
  const check = (service: NomadBlock, parent: string, name: string) => {
    const identity = service.block('identity');
    if (!identity || (service.string('provider') || 'consul') === 'consul' || (identity.string('name') ?? '') !== '') return;
    ctx.error(identity, headerRange(identity), `Service ${name} in ${parent} has an identity with an empty name`, 'Set name in the service\'s identity block.');
  };
  for (const group of view.groups) {
    for (const s of group.group?.blocks('service') ?? []) check(s, `task group ${group.name}`, serviceName(view, group, undefined, s));
    for (const task of group.tasks) for (const s of task.blocks('service')) check(s, `task ${task.label}`, serviceName(view, group, task, s));
  }
}
