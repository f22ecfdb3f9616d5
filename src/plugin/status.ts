/** The one place where errors become gRPC statuses. */
import { Metadata, status } from './grpc.js';
import { errorKind } from './errors.js';
import { recoverableStatusDetails } from './status-details.js';

export interface RpcErrorStatus {
  code: status;
  details: string;
  metadata?: Metadata;
}

/** Nomad's `ErrTaskNotFound` text; Go compares errors by identity, so only the words travel. */
export const TASK_NOT_FOUND_MESSAGE = 'task not found for given id';

/**
 * What a call still open when the server stops ends with: Nomad reads UNAVAILABLE as "the plugin went away"
 * and recovers its tasks, where any other error would count as the task's or the operation's failure.
 */
export const SHUTTING_DOWN: Readonly<RpcErrorStatus> = { code: status.UNAVAILABLE, details: 'the pot plugin is shutting down' };

/**
 * Longest status message sent. The message travels in the `grpc-message` trailer; one of about 100 kB or more
 * never reaches the client (the call hangs until its deadline, and Nomad sets none), and messages can quote
 * client input of any length, such as a task id.
 */
export const MAX_DETAILS_CHARS = 4096;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function rpcStatusFromError(err: unknown): RpcErrorStatus {
  const message = messageOf(err);
  switch (errorKind(err)) {
    case 'config':
      return { code: status.INVALID_ARGUMENT, details: message };
    case 'not-found':
      return { code: status.NOT_FOUND, details: TASK_NOT_FOUND_MESSAGE };
    case 'unimplemented':
      return { code: status.UNIMPLEMENTED, details: message };
    case 'unrecoverable':
      // Any status but UNAVAILABLE (which Nomad reads as "the plugin went away, ask again") makes Nomad give the
      // task up, destroy it and run it anew; DATA_LOSS says why, and is not logged as a fault of the plugin.
      return { code: status.DATA_LOSS, details: message };
    case 'retryable': {
      // Nomad only honours the detail; code and message must match the status line sent beside it.
      const metadata = new Metadata();
      metadata.set('grpc-status-details-bin', recoverableStatusDetails(status.FAILED_PRECONDITION, message));
      return { code: status.FAILED_PRECONDITION, details: message, metadata };
    }
    default:
      return { code: status.INTERNAL, details: message };
  }
}

function messageOf(err: unknown): string {
  let text: string;
  if (err instanceof Error) text = err.message;
  else if (typeof err === 'string') text = err;
  else {
    try {
      text = String(err);
    } catch {
      text = '';
    }
  }
  const cut = text.length - MAX_DETAILS_CHARS;
  if (cut > 0) text = `${text.slice(0, MAX_DETAILS_CHARS)}… (${cut} more character${cut === 1 ? '' : 's'})`;
  // gRPC messages travel as UTF-8 and Go rejects invalid UTF-8; lone surrogates (a cut pair too) cannot be encoded.
  const wellFormed = text.replace(LONE_SURROGATE, '\uFFFD');
  return wellFormed === '' ? 'unknown error' : wellFormed;
}

