import { ConfigError } from '../driver/errors.js';
import { JobFileError } from '../hcl/source.js';
import { CommandFailed, EXIT, UsageError } from './errors.js';
import { renderDiagnostics } from './output/diagnostics.js';
import { colourEnabled, painter } from './output/style.js';

/**
 * The one place where an error becomes output and an exit status. User mistakes get their message and
 * no stack trace; only an unexpected failure shows one, and then only with POT_NOMAD_DEBUG set.
 */
export function reportError(err: unknown, stderr: NodeJS.WriteStream = process.stderr): number {
  const paint = painter(colourEnabled(stderr));
  if (err instanceof UsageError) {
    stderr.write(`${paint('red', 'error')}: ${err.message}\nRun "pot-nomad --help" for usage.\n`);
    return EXIT.usage;
  }
  if (err instanceof JobFileError) {
    stderr.write(`${renderDiagnostics(err.diagnostics, err.sources, paint)}\n`);
    return EXIT.failed;
  }
  if (err instanceof CommandFailed) return EXIT.failed;
  if (err instanceof ConfigError) {
    stderr.write(`${paint('red', 'error')}: ${err.message}\n`);
    return EXIT.failed;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  stderr.write(`${paint('red', 'error')}: ${e.message}\n`);
  if (process.env.POT_NOMAD_DEBUG) stderr.write(`${e.stack ?? ''}\n`);
  return EXIT.failed;
}
