import { goQuote } from './go-text.js';
import { groupBlocks, type JobView } from './job-view.js';
import { headerRange, type RuleContext } from './rule-context.js';

const EDITION = 'Nomad CE refuses the job for this; Nomad Enterprise accepts it. Which edition the cluster runs is not known here.';

/**
 * Features only Nomad Enterprise accepts. Nomad CE refuses the job, Enterprise does not; which one the
 * cluster runs is not in the file, so these are warnings with Nomad CE's message.
 */
export function enterpriseWarnings(view: JobView, ctx: RuleContext): void {
  const multiregion = view.job.block('multiregion');
  if (multiregion && multiregion.blocks('region').length > 0) ctx.warn(multiregion, multiregion.typeRange, 'Multiregion jobs are unlicensed.', EDITION);
  for (const group of view.groups) {
    const groupConsul = group.group?.block('consul');
    if (ctx.since('1.7.0')) {
      const clusters = [
        groupConsul,
        ...groupBlocks(group, 'service').filter((s) => (s.string('provider') || 'consul') === 'consul'),
        ...group.tasks.flatMap((t) => [...t.blocks('service').filter((s) => (s.string('provider') || 'consul') === 'consul'), t.block('consul')]),
      ];
      const other = clusters.find((b) => b !== undefined && (b.string('cluster') || 'default') !== 'default');
      if (other) ctx.warn(other, ctx.rangeOf(other, 'cluster'), 'non-default Consul cluster requires Nomad Enterprise', EDITION);
    }
    for (const task of group.tasks) {
      const numa = task.block('resources')?.block('numa');
      const affinity = numa?.string('affinity') || 'none';
      if (numa && ctx.since('1.7.0') && affinity !== 'none') ctx.warn(numa, ctx.rangeOf(numa, 'affinity'), 'numa scheduling requires Nomad Enterprise', EDITION);
      const schedule = task.block('schedule');
      if (schedule && ctx.since('1.8.0')) ctx.warn(schedule, headerRange(schedule), 'task schedules requires Nomad Enterprise', EDITION);
    }
  }
}

/** The Consul admission hook (Nomad 1.7.3 on): a task's Consul partition must match its group's. */
export function validateConsulPartitions(view: JobView, ctx: RuleContext): void {
  if (!ctx.since('1.7.3')) return;
  for (const group of view.groups) {
    const groupPartition = group.group?.block('consul')?.string('partition') ?? '';
    for (const task of group.tasks) {
      const consul = task.block('consul');
      const partition = consul?.string('partition') ?? '';
      if (consul && partition !== '' && groupPartition !== '' && partition !== groupPartition) {
        ctx.error(consul, ctx.rangeOf(consul, 'partition'), `task.consul.partition ${goQuote(partition)} must match group.consul.partition ${goQuote(groupPartition)} if both are set`, 'Use the same Consul admin partition in the task as in its group, or set it in one place only.');
      }
    }
  }
}
