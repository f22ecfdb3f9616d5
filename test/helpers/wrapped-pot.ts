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

/**
 * How a stub pot answers on its own, at once: just enough for a task to be built, started (its command "exits 0"
 * straight away), ended and removed. JavaScript run with `args` in scope.
 */
export const STUB_ANSWERS = `switch (args[0]) {
  case 'version':
    process.stdout.write('pot version: 0.16.0\\n');
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
`;

export function writeWrappedPot(dir: string, name: string, emulatorRoot: string, prelude: string): string {
  return writeExecutable(
    join(dir, `${name}.cjs`),
    `process.env.POT_EMULATOR_ROOT = ${JSON.stringify(emulatorRoot)};
(async () => {
${prelude}
  await import(${JSON.stringify(EMULATOR)});
})();
`,
  );
}

/** A stub pot (STUB_ANSWERS) that runs `prelude` first, which may answer instead. */
export function writeStubPot(dir: string, name: string, prelude: string): string {
  return writeExecutable(join(dir, `${name}.cjs`), `${prelude}\n${STUB_ANSWERS}`);
}

/** A Node script with `args` (argv without the binary) in scope, executable as a pot binary. */
function writeExecutable(bin: string, body: string): string {
  writeFileSync(bin, `#!${process.execPath}\n'use strict';\nconst args = process.argv.slice(2);\n${body}`);
  chmodSync(bin, 0o755);
  return bin;
}
