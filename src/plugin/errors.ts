/**
 * The error vocabulary the gRPC adapter understands. Any error (ours or the driver core's) that carries one
 * of these `kind` values is mapped to the matching gRPC status by `status.ts`; everything else is INTERNAL.
 * Duck typing on `kind` keeps the core free of imports from this folder.
 */

export type ErrorKind =
  /** The user's or operator's configuration is wrong: INVALID_ARGUMENT, not retried by Nomad. */
  | 'config'
  /** The task id is unknown to this process: NOT_FOUND with Nomad's own wording. */
  | 'not-found'
  /** Worth retrying under the job's restart policy: FAILED_PRECONDITION plus Nomad's RecoverableError detail. */
  | 'retryable'
  /** This driver does not offer the operation: UNIMPLEMENTED. */
  | 'unimplemented'
  /** What Nomad saved for a task is damaged, so the task cannot be recovered: DATA_LOSS. */
  | 'unrecoverable';

const KINDS: ReadonlySet<string> = new Set<ErrorKind>(['config', 'not-found', 'retryable', 'unimplemented', 'unrecoverable']);

/** The shape `status.ts` looks for; an `Error` subclass with a `kind` field satisfies it. */
export interface KindedError {
  readonly kind: ErrorKind;
  readonly message: string;
}

export function errorKind(err: unknown): ErrorKind | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const kind = (err as { kind?: unknown }).kind;
  if (typeof kind === 'string' && KINDS.has(kind)) return kind as ErrorKind;
  // Nomad's Go structs call the same idea `recoverable`; honour it for errors built that way.
  if ((err as { recoverable?: unknown }).recoverable === true) return 'retryable';
  return undefined;
}

/** A msgpack payload from Nomad that cannot be decoded, or a config value of the wrong shape. */
export class PayloadError extends Error implements KindedError {
  readonly kind = 'config' as const;
  override readonly name = 'PayloadError';
}

/** Answered for operations that are not (yet) provided by the driver behind the adapter. */
export class UnimplementedError extends Error implements KindedError {
  readonly kind = 'unimplemented' as const;
  override readonly name = 'UnimplementedError';
}
