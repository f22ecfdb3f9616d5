import type { NomadBlock } from '../nomad-block.js';
import type { RuleContext } from './rule-context.js';

export function validateTask(task: NomadBlock, _jobType: string, ctx: RuleContext): void {
  const name = task.label;
  if (name === 'alloc') ctx.error(task, task.labelRanges[0], 'Task cannot be named "alloc"', 'The name "alloc" is the allocation\'s shared directory; choose another name.');
  if (/[/\\]/.test(name)) ctx.error(task, task.labelRanges[0], 'Task name cannot include slashes', `The task name becomes a directory of the allocation; "${name}" contains "/" or "\\".`);
  else if (name.includes('\0')) ctx.error(task, task.labelRanges[0], 'Task name cannot include null characters');
  if (!task.string('driver')) ctx.error(task, ctx.rangeOf(task, 'driver'), 'Missing task driver', 'Every task needs a driver, e.g. driver = "pot".');
}

/** Nomad's rule for task names, whatever the driver; drivers may refuse more. */
export function nomadTaskNameProblem(name: string): string | undefined {
  if (name === 'alloc') return 'Task cannot be named "alloc"';
  if (/[/\\]/.test(name)) return 'Task name cannot include slashes';
  if (name.includes('\0')) return 'Task name cannot include null characters';
  return undefined;
}
