/**
 * The jail's name for one start of one task: `<task>_<invocation>_<alloc>`, with `.` turned into `_`
 * because pot renames it so (the Go driver forgets this and then addresses a pot that does not exist).
 */
export function potName(taskName: string, invocationId: string, allocId: string): string {
  return `${taskName}_${invocationId}_${allocId}`.replace(/\./g, '_');
}

/** The name a Nomad-compatible environment gives a port label's variables: other characters become `_`. */
export function envKeyPart(label: string): string {
  return label.replace(/[^A-Za-z0-9_]/g, '_');
}
