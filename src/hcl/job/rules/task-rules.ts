import type { NomadBlock } from '../nomad-block.js';
import type { InjectedTask } from './connect-hook.js';
import { effective, groupDisk, groupUpdate, type Located } from './effective.js';
import { goDuration } from './go-text.js';
import { groupBlocks, taskVault, type GroupView, type JobView } from './job-view.js';
import { validateAffinities, validateConstraints } from './placement-rules.js';
import { taskLogs, taskResources, validateLogs, validateResources, type LogValues, type ResourceValues } from './resource-rules.js';
import { headerRange, type RuleContext } from './rule-context.js';
import { connectServiceName } from './service-names.js';
import { validateTaskServices } from './service-rules.js';
import {
  validateActions,
  validateCsiPlugin,
  validateDispatchPayload,
  validateIdentities,
  validateLifecycle,
  validateProxyKind,
  validateSecrets,
  validateVault,
  validateVolumeMounts,
} from './task-part-rules.js';
import { validateArtifacts, validateTemplates } from './template-rules.js';

/** The checks of Nomad's `Task.Validate`, in its order. */
export function validateTask(view: JobView, group: GroupView, task: NomadBlock, ctx: RuleContext): void {
  taskNameRules(task.label, task, ctx);
  if ((task.string('driver') ?? '') === '') ctx.error(task, ctx.rangeOf(task, 'driver'), 'Missing task driver', 'Every task needs a driver, e.g. driver = "pot".');
  const timing = effective({ kill_timeout: 5000, shutdown_delay: 0 }, [task], task);
  validateTiming(view, group, timing.kill_timeout, timing.shutdown_delay, ctx);
  validateResources(taskResources(task), ctx);
  validateLogs(taskLogs(task), groupDisk(group), ctx);
  validateConstraints(task.blocks('constraint'), 'task', ctx);
  if (view.type === 'system') {
    const affinity = task.blocks('affinity')[0];
    if (affinity) ctx.error(task, affinity.typeRange, 'System jobs may not have an affinity block', 'System jobs run on every eligible node; remove the affinity block.');
  } else validateAffinities(task.blocks('affinity'), ctx);
  validateTaskServices(view, group, task, ctx);
  validateArtifacts(task, ctx);
  validateVault(taskVault(view, group, task), ctx);
  validateTemplates(task, ctx);
  validateActions(task, ctx);
  validateDispatchPayload(task, ctx);
  validateLifecycle(task, ctx);
  const sidecars = groupBlocks(group, 'service').filter((s) => s.block('connect')?.block('sidecar_service')).map((s) => connectServiceName(view, group, s));
  validateProxyKind(task, sidecars, ctx);
  validateVolumeMounts(task.blocks('volume_mount'), group, ctx);
  validateCsiPlugin(task, ctx);
  validateIdentities(task, ctx);
  validateSecrets(view, group, task, ctx);
}

/** Task names become directories of the allocation. */
function taskNameRules(name: string, at: NomadBlock, ctx: RuleContext): void {
  const range = at.type === 'task' ? headerRange(at) : ctx.rangeOf(at, 'name');
  if (name === '') ctx.error(at, range, 'Missing task name', 'Give the task a name: task "<name>" { ... }.');
  if (name === 'alloc' && ctx.since('1.11.0')) ctx.error(at, range, 'Task cannot be named "alloc"', 'The name "alloc" is the allocation\'s shared directory; choose another name.');
  if (/[/\\]/.test(name)) ctx.error(at, range, 'Task name cannot include slashes', `The task name becomes a directory of the allocation; "${name}" contains "/" or "\\".`);
  else if (name.includes('\0')) ctx.error(at, range, 'Task name cannot include null characters');
}

/** Nomad's rule for task names, whatever the driver; drivers may refuse more. */
export function nomadTaskNameProblem(name: string): string | undefined {
  if (name === 'alloc') return 'Task cannot be named "alloc"';
  if (/[/\\]/.test(name)) return 'Task name cannot include slashes';
  if (name.includes('\0')) return 'Task name cannot include null characters';
  return undefined;
}

function validateTiming(view: JobView, group: GroupView, kill: Located<number>, shutdown: Located<number>, ctx: RuleContext): void {
  // Nomad takes a kill_timeout of 0 as unset and uses its default of 5s.
  const killTimeout = kill.value === 0 ? 5000 : kill.value;
  if (killTimeout < 0) ctx.error(kill.block, kill.range, 'KillTimeout must be a positive value', 'Set kill_timeout to how long to wait after the kill signal, e.g. kill_timeout = "30s".');
  else if (view.type === 'service') {
    const update = groupUpdate(view, group, ctx);
    const deadline = update?.progress_deadline.value ?? 0;
    if (update && deadline > 0 && killTimeout > deadline) {
      ctx.error(
        kill.block,
        kill.range,
        `KillTimout (${goDuration(killTimeout)}) longer than the group's ProgressDeadline (${goDuration(deadline)})`,
        `A deployment would fail before the task could be stopped; lower kill_timeout or raise the update block's progress_deadline (now ${goDuration(deadline)}).`,
      );
    }
  }
  if (shutdown.value < 0) ctx.error(shutdown.block, shutdown.range, 'ShutdownDelay must be a positive value', 'shutdown_delay is how long to wait after deregistering services; use 0s or more.');
}

/**
 * The task Nomad adds for a Consul Connect service goes through the same checks; only what a
 * `sidecar_task` block sets can be wrong. Without one it has 250 MHz, 128 MB, 2 log files of 2 MB
 * and a shutdown delay of 5s; with one, Nomad's API first fills the block's own defaults (100 MHz,
 * 300 MB, 10 files of 10 MB, no shutdown delay) and they replace the sidecar's.
 */
export function validateInjectedTask(view: JobView, group: GroupView, task: InjectedTask, ctx: RuleContext): void {
  const st = task.sidecarTask;
  if (!st) return;
  taskNameRules(task.name, st, ctx);
  const timing = effective({ kill_timeout: 5000, shutdown_delay: 0 }, [st], st);
  validateTiming(view, group, timing.kill_timeout, timing.shutdown_delay, ctx);
  // Only the sidecar_task's non-zero values replace the sidecar's own.
  const keep = (f: Located<number>, base: number): Located<number> => (f.value > 0 ? f : { ...f, value: base });
  const own = taskResources(st);
  const merged: ResourceValues = { ...own, cpu: own.cpu.value !== 0 ? own.cpu : { ...own.cpu, value: 250 }, memory: own.memory.value !== 0 ? own.memory : { ...own.memory, value: 128 } };
  validateResources(merged, ctx);
  const logs = taskLogs(st);
  const mergedLogs: LogValues = { files: keep(logs.files, 2), size: keep(logs.size, 2) };
  validateLogs(mergedLogs, groupDisk(group), ctx, st);
  validateVolumeMounts(st.blocks('volume_mount'), group, ctx);
  validateIdentities(st, ctx);
}
