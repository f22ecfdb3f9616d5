import type { Diagnostic, Range } from '../source.js';
import type { Job, Port } from './model.js';
import { blockPath } from './reader.js';

/**
 * Nomad's own rule for task names, whatever the driver: the name becomes a directory of the alloc dir.
 * Drivers may refuse more (the pot driver does); they need not repeat this.
 */
export function nomadTaskNameProblem(name: string): string | undefined {
  return /[/\\]/.test(name) ? `Task names may not contain "/" or "\\"; "${name}" does.` : undefined;
}

/** Checks Nomad makes on the whole job after decoding (its `Job.Validate`), with positions. */
export function validateJob(job: Job, diags: Diagnostic[]): void {
  const jobPath = blockPath('', 'job', job.id);
  const error = (range: Range | undefined, path: string, summary: string, detail: string): void => {
    diags.push({ severity: 'error', summary, detail, range, path });
  };

  const groupLines = new Map<string, number>();
  for (const group of job.groups) {
    const groupPath = blockPath(jobPath, 'group', group.name);
    const first = groupLines.get(group.name);
    if (first !== undefined) {
      error(group.range, groupPath, 'Duplicate group', `Group "${group.name}" is already defined at line ${first}; each group in a job needs its own name.`);
    } else groupLines.set(group.name, group.range.start.line);

    const taskLines = new Map<string, number>();
    for (const task of group.tasks) {
      const taskPath = blockPath(groupPath, 'task', task.name);
      const seen = taskLines.get(task.name);
      if (seen !== undefined) {
        error(task.nameRange, taskPath, 'Duplicate task', `Task "${task.name}" is already defined at line ${seen} in group "${group.name}"; each task in a group needs its own name.`);
      } else taskLines.set(task.name, task.range.start.line);
      const nameProblem = nomadTaskNameProblem(task.name);
      if (nameProblem !== undefined) error(task.nameRange, taskPath, 'Invalid task name', nameProblem);
    }

    // Port labels share one namespace per group: group networks plus legacy task-level networks.
    const labels = new Map<string, Port>();
    const allPorts = [...group.networks.flatMap((n) => n.ports), ...group.tasks.flatMap((t) => t.resources.networks.flatMap((n) => n.ports))];
    for (const port of allPorts) {
      const prev = labels.get(port.label);
      if (prev) error(port.range, groupPath, 'Duplicate port label', `Port "${port.label}" is already defined at line ${prev.range.start.line}.`);
      else labels.set(port.label, port);
    }
    const services = [...group.services, ...group.tasks.flatMap((t) => t.services)];
    for (const service of services) {
      if (service.port !== undefined && !labels.has(service.port) && !/^\d+$/.test(service.port)) {
        const known = [...labels.keys()];
        error(
          service.range,
          blockPath(groupPath, 'service', service.name),
          'Unknown service port',
          `Service "${service.name}" uses port "${service.port}", but no network in group "${group.name}" defines it${known.length ? ` (defined: ${known.map((k) => `"${k}"`).join(', ')})` : ''}; add port "${service.port}" {} to the group's network block.`,
        );
      }
    }
  }
}
