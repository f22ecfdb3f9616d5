import { runPotCall } from './dispatch.js';
import { PROCESS_OUTPUT } from './messages.js';

export { callInProcess, runsInProcess, type InProcessResult } from './in-process.js';

/**
 * A stand-in for `/usr/local/bin/pot` on hosts without FreeBSD jails, as a process: the pot call its arguments
 * name, with the pot's command run as a real process group. Returns the exit code.
 */
export function main(argv: readonly string[]): Promise<number> {
  return runPotCall(argv, { env: process.env, cwd: process.cwd(), output: PROCESS_OUTPUT });
}
