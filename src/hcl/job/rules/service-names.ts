import type { NomadBlock } from '../nomad-block.js';
import type { GroupView, JobView } from './job-view.js';

/** The job's name as Nomad resolves it: `name` if set, else the job's label. */
export function jobName(view: JobView): string {
  return view.job.string('name') ?? view.job.label;
}

/**
 * A service's name as Nomad validates it: `<job>-<group>[-<task>]` when not set, with the old
 * `${JOB}`, `${TASKGROUP}`, `${TASK}` and `${BASE}` placeholders replaced.
 */
export function serviceName(view: JobView, group: GroupView, task: NomadBlock | undefined, service: NomadBlock): string {
  const job = jobName(view);
  const taskName = task?.label ?? 'group';
  const name = service.string('name') ?? '';
  if (name === '') return task ? `${job}-${group.name}-${task.label}` : `${job}-${group.name}`;
  const values: Record<string, string> = { JOB: job, TASKGROUP: group.name, TASK: taskName, BASE: `${job}-${group.name}-${taskName}` };
  return name.replace(/\$\{([a-zA-Z0-9_.-]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * The name after Nomad's Consul Connect hook interpolated the job's own variables into it, as the
 * hook does before naming the tasks and ports it adds.
 */
export function connectServiceName(view: JobView, group: GroupView, service: NomadBlock): string {
  const values: Record<string, string> = {
    NOMAD_JOB_NAME: jobName(view),
    NOMAD_JOB_ID: view.job.string('id') ?? view.job.label,
    NOMAD_GROUP_NAME: group.name,
    NOMAD_REGION: view.job.string('region') ?? 'global',
    NOMAD_NAMESPACE: view.job.string('namespace') ?? 'default',
  };
  return serviceName(view, group, undefined, service).replace(/\$\{([a-zA-Z0-9_.-]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** Go's `args.ReplaceEnvWithPlaceHolder`: every `${...}` replaced by a placeholder, as service names are checked. */
export function withPlaceholders(name: string, placeholder: string): string {
  return name.replace(/\$\{[a-zA-Z0-9_.-]+\}/g, placeholder);
}

/** Go's `args.ContainsEnv`: whether the text holds a `${...}` reference. */
export function containsEnv(text: string): boolean {
  return /\$\{[a-zA-Z0-9_.-]+\}/.test(text);
}
