/**
 * A pot executable for tests that runs a snippet of JavaScript before it hands the call to the pot emulator in
 * the same process: a pot that reports another version, or that changes the host between two of the driver's
 * steps, while the emulator keeps pot's real checks and state. The snippet sees `args` (argv without the
 * binary) and `require`; it may answer by itself and `process.exit`.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';

export const EMULATOR = `${ROOT}bin/pot-emulator.js`;

export function writeWrappedPot(dir: string, name: string, emulatorRoot: string, prelude: string): string {
  const bin = join(dir, `${name}.cjs`);
  writeFileSync(
    bin,
    `#!${process.execPath}
'use strict';
const args = process.argv.slice(2);
process.env.POT_EMULATOR_ROOT = ${JSON.stringify(emulatorRoot)};
(async () => {
${prelude}
  await import(${JSON.stringify(EMULATOR)});
})();
`,
  );
  chmodSync(bin, 0o755);
  return bin;
}

/**
 * A pot executable that answers on its own, at once, just enough for a task to be built, started (its command
 * "exits 0" straight away), ended and removed; `prelude` runs first and may answer instead.
 */
export function writeStubPot(dir: string, name: string, prelude: string): string {
  const bin = join(dir, `${name}.cjs`);
  writeFileSync(
    bin,
    `#!${process.execPath}
'use strict';
const args = process.argv.slice(2);
${prelude}
switch (args[0]) {
  case 'version':
    process.stdout.write('pot version: 0.16.1\\n');
    break;
  case 'last-run-stats':
    process.stdout.write('{ "ExitCode": 0 }\\n');
    break;
  case 'info':
  case 'get-rss':
    process.exitCode = 1;
    break;
  default:
    break;
}
`,
  );
  chmodSync(bin, 0o755);
  return bin;
}
