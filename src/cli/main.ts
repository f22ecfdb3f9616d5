import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { EXIT } from './errors.js';
import { buildProgram } from './program.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs the CLI with the given arguments (without `node` and the script) and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(packageVersion(), (code) => (exitCode = code));
  program.exitOverride();
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are "errors" to commander; usage mistakes were already printed by it.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    // Loaded only on failure: rendering diagnostics is not worth start-up time on every successful run.
    const { reportError } = await import('./report.js');
    return reportError(err);
  }
}
