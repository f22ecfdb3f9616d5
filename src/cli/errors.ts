/** Wrong command-line usage: the message says what was wrong and what is expected. Exit status 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A command that ran but failed for a reason the user can act on; already reported. Exit status 1. */
export class CommandFailed extends Error {
  readonly exitCode = 1;
  constructor(message = 'command failed') {
    super(message);
    this.name = 'CommandFailed';
  }
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
