import type { Range } from '../../source.js';
import type { NomadBlock } from '../nomad-block.js';
import { headerRange } from './rule-context.js';

/**
 * A task group as Nomad sees it after decoding: a `group` block, or a task written straight in the job,
 * which Nomad's decoder turns into a group of its own name holding only that task.
 */
export interface GroupView {
  name: string;
  /** Where the group is in the file: the group block, or the lone task standing for its group. */
  block: NomadBlock;
  /** The group block itself; undefined for a task written straight in the job. */
  group: NomadBlock | undefined;
  tasks: NomadBlock[];
}

export interface JobView {
  job: NomadBlock;
  /** The job's type as Nomad resolves it: `service` when not set. */
  type: string;
  /** Groups in Nomad's order: tasks written straight in the job first, then the groups. */
  groups: GroupView[];
}

export function jobView(job: NomadBlock): JobView {
  const alone = job.blocks('task').map((t): GroupView => ({ name: t.label, block: t, group: undefined, tasks: [t] }));
  const groups = job.blocks('group').map((g): GroupView => ({ name: g.label, block: g, group: g, tasks: g.blocks('task') }));
  return { job, type: job.string('type') ?? 'service', groups: [...alone, ...groups] };
}

/** The group's nested blocks of a type; none for a task written straight in the job. */
export function groupBlocks(group: GroupView, type: string): NomadBlock[] {
  return group.group?.blocks(type) ?? [];
}

export function groupBlock(group: GroupView, type: string): NomadBlock | undefined {
  return group.group?.block(type);
}

/** Where a group's name is written, for messages about the group as a whole. */
export function groupNameRange(group: GroupView): Range {
  return headerRange(group.block);
}

/**
 * The vault block that applies to a task: its own, else its group's, else the job's. Nomad's decoder
 * copies the group's and the job's vault into every task without one.
 */
export function taskVault(view: JobView, group: GroupView, task: NomadBlock): NomadBlock | undefined {
  return task.block('vault') ?? group.group?.block('vault') ?? view.job.block('vault');
}

/**
 * The secrets of a task as Nomad's decoder leaves them: the task's own, then the job's. A task without
 * secrets of its own gets its group's; a task with its own and a group with some ends up with its own
 * twice, as Nomad's decoder appends the task's list to itself.
 */
export function taskSecrets(view: JobView, group: GroupView, task: NomadBlock): NomadBlock[] {
  const own = task.blocks('secret');
  const fromGroup = groupBlocks(group, 'secret');
  let secrets = own;
  if (fromGroup.length > 0) secrets = own.length === 0 ? fromGroup : [...own, ...own];
  return [...secrets, ...view.job.blocks('secret')];
}
