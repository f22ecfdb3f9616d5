import type { NomadBlock } from '../nomad-block.js';
import type { RuleContext } from './rule-context.js';
import { validateServicePorts } from './service-rules.js';
import { validateTask } from './task-rules.js';

export function validateGroup(group: NomadBlock, jobType: string, ctx: RuleContext): void {
  const count = group.number('count');
  if (count !== undefined && count < 0) ctx.error(group, ctx.rangeOf(group, 'count'), "Task group count can't be negative");
  const tasks = group.blocks('task');
  // A group whose only service is a Consul Connect gateway gets its task from Nomad itself.
  const hasGateway = group.blocks('service').some((s) => s.block('connect')?.block('gateway') !== undefined);
  if (tasks.length === 0 && !hasGateway) {
    ctx.error(group, group.labelRanges[0], 'Missing tasks for task group', `Group "${group.label}" needs a task: task "<name>" { driver = "pot" ... }.`);
  }
  const seen = new Map<string, number>();
  tasks.forEach((task, index) => {
    const first = seen.get(task.label);
    if (first === undefined) seen.set(task.label, index);
    else {
      ctx.error(
        task,
        task.labelRanges[0],
        `Task ${index + 1} redefines '${task.label}' from task ${first + 1}`,
        `Task "${task.label}" is already defined at line ${tasks[first]!.range.start.line} in group "${group.label}"; each task in a group needs its own name.`,
      );
    }
  });
  for (const task of tasks) validateTask(task, jobType, ctx);
  validateServicePorts(group, ctx);
}
