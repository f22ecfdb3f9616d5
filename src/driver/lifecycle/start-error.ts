/**
 * A task that could not be started. The message carries pot's own explanation; `kind` is `retryable` when
 * trying again later may work (an image download that failed, a command that timed out), so Nomad applies the
 * job's restart policy instead of failing the allocation for good.
 */
export class TaskStartError extends Error {
  readonly kind: 'retryable' | undefined;

  constructor(message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TaskStartError';
    this.kind = options.retryable ? 'retryable' : undefined;
  }
}

/** A start for an id that this process already knows. */
export class TaskAlreadyStartedError extends Error {
  constructor(readonly taskId: string) {
    super(`task with ID "${taskId}" already started`);
    this.name = 'TaskAlreadyStartedError';
  }
}
