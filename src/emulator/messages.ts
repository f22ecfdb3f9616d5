import { writeSync } from 'node:fs';

/**
 * pot prints every `###>`/`===>`/`=====>` line on stdout (only the getopts diagnostics go to stderr).
 * Writes are synchronous so that lines keep their order relative to the output of a pot's command,
 * which shares the same file descriptors.
 */
function writeAll(fd: number, text: string): void {
  let buffer = Buffer.from(text, 'utf8');
  while (buffer.length > 0) {
    try {
      const written = writeSync(fd, buffer);
      buffer = buffer.subarray(written);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A non-blocking pipe that is momentarily full: wait a little and retry.
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      // A reader that went away must not turn a pot command into a crash.
      return;
    }
  }
}

export function writeStdout(text: string): void {
  writeAll(1, text);
}

export function writeStderr(text: string): void {
  writeAll(2, text);
}

/** Where a pot call's output goes: this process's stdout and stderr, or a caller's buffers (see in-process.ts). */
export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const PROCESS_OUTPUT: Output = { stdout: writeStdout, stderr: writeStderr };

/** pot's `_msg` levels: errors always, info at verbosity 1 (the default), debug from `-v`. */
export class Messages {
  verbosity = 1;

  constructor(private readonly output: Output = PROCESS_OUTPUT) {}

  error(message: string): void {
    if (this.verbosity >= 0) this.output.stdout(`###>  ${message}\n`);
  }

  info(message: string): void {
    if (this.verbosity >= 1) this.output.stdout(`===>  ${message}\n`);
  }

  debug(message: string): void {
    if (this.verbosity >= 2) this.output.stdout(`=====>  ${message}\n`);
  }

  print(text: string): void {
    this.output.stdout(text);
  }

  /** What pot's shell or the tools it runs (getopts, cp) print on stderr. */
  printError(text: string): void {
    this.output.stderr(text);
  }

  verbose(): boolean {
    return this.verbosity > 1;
  }
}

export interface PotErrorOptions {
  /** Name of the subcommand whose help text follows the error lines, as pot does for most checks. */
  readonly help?: string;
  readonly exitCode?: number;
}

/** A pot error: its lines are printed as `###>` messages, optionally followed by a help text. */
export class PotError extends Error {
  readonly lines: readonly string[];
  readonly help: string | undefined;
  readonly exitCode: number;

  constructor(lines: string | readonly string[], options: PotErrorOptions = {}) {
    const all = typeof lines === 'string' ? [lines] : [...lines];
    super(all.join('\n'));
    this.name = 'PotError';
    this.lines = all;
    this.help = options.help;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** Leaves a command with an exit code once its messages have already been printed. */
export class PotExit extends Error {
  readonly exitCode: number;

  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'PotExit';
    this.exitCode = exitCode;
  }
}
