/**
 * The jail's name for one start of one task: `<task>_<invocation>_<alloc>`, with `.` turned into `_`
 * because pot renames it so (the Go driver forgets this and then addresses a pot that does not exist).
 */
export function potName(taskName: string, invocationId: string, allocId: string): string {
  return `${taskName}_${invocationId}_${allocId}`.replace(/\./g, '_');
}

/** What a task name may be made of, in the words of the messages. */
export const TASK_NAME_RULE = 'use only letters A-Z and a-z, digits, "-", "_" and ".", and do not start with "-" or "."';

/**
 * Why pot cannot build a jail from a task named so, or undefined when it can. The name reaches pot as
 * `prepare -n` and then, in the pot name, as a ZFS dataset name, a jail name and a word in pot's own
 * unquoted shell code. ZFS takes letters, digits, `-`, `_` and `.`, and also `:` and blanks, which are left
 * out: pot's scripts and mount-in split words at blanks, and no task needs either. A leading `-` makes
 * `pot start <name>` read options; a leading `.` hides the task's directory in the alloc dir.
 */
export function taskNameProblem(name: string): string | undefined {
  const shown = JSON.stringify(name);
  if (name === '') return `a task needs a name for its pot; ${TASK_NAME_RULE}`;
  for (const c of name) {
    if (!/^[A-Za-z0-9._-]$/.test(c)) return `task ${shown}: ${JSON.stringify(c)} cannot be part of a pot name (pot names become ZFS dataset and jail names); ${TASK_NAME_RULE}`;
  }
  if (name.startsWith('-')) return `task ${shown}: a task name cannot start with "-", which pot would read as an option; ${TASK_NAME_RULE}`;
  if (name.startsWith('.')) return `task ${shown}: a task name cannot start with ".", which would hide its task directory; ${TASK_NAME_RULE}`;
  return undefined;
}

/** The name a Nomad-compatible environment gives a port label's variables: other characters become `_`. */
export function envKeyPart(label: string): string {
  return label.replace(/[^A-Za-z0-9_]/g, '_');
}
