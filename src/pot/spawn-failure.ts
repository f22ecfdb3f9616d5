import { existsSync } from 'node:fs';
import { PotError, PotNotFoundError } from './errors.js';
import { commandLabel } from './output.js';

/**
 * Turns an error raised while starting pot into a typed error. The OS reports a missing working directory with
 * the same ENOENT as a missing binary, so the directory is checked to tell the two apart.
 */
export function spawnFailure(error: unknown, argv: readonly string[], cwd: string | undefined): PotError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const bin = argv[0] ?? '';
  if (code === 'ENOENT' && cwd !== undefined && !existsSync(cwd)) {
    return new PotError(`cannot run ${commandLabel(argv)}: working directory ${cwd} does not exist`, { cause: error });
  }
  if (code === 'ENOENT') return new PotNotFoundError(bin, 'missing', error);
  if (code === 'EACCES') return new PotNotFoundError(bin, 'not-executable', error);
  const reason = error instanceof Error ? error.message : String(error);
  return new PotError(`cannot run ${commandLabel(argv)}: ${reason}`, { cause: error });
}
