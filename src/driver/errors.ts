/** One problem with a task's or the plugin's configuration, by path inside the config block. */
export interface ConfigIssue {
  /** `['mount', 1]` for the second `mount` entry; `[]` for the block as a whole. */
  path: (string | number)[];
  message: string;
  severity: 'error' | 'warning';
}

/**
 * A configuration the driver cannot run. Carries every issue, so one report lists them all; the CLI
 * prints them with file positions, the plugin answers INVALID_ARGUMENT.
 */
export class ConfigError extends Error {
  readonly kind = 'config' as const;
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[], title = 'invalid task config') {
    super(`${title}: ${issues.map((i) => (i.path.length ? `${formatIssuePath(i.path)}: ${i.message}` : i.message)).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** A task id the driver does not know. The text is Nomad's own, since only the text crosses the wire. */
export class TaskNotFoundError extends Error {
  readonly kind = 'not-found' as const;
  constructor(readonly taskId: string) {
    super('task not found for given id');
    this.name = 'TaskNotFoundError';
  }
}

export function formatIssuePath(path: readonly (string | number)[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}
