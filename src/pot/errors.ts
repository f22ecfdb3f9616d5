import { commandLabel, formatDuration, potErrorLines, splitLines } from './output.js';

export interface PotErrorOptions {
  retryable?: boolean;
  cause?: unknown;
}

/** Base of every error raised while running pot or reading its output. */
export class PotError extends Error {
  /** True when trying the same command again later may succeed (Nomad may then restart the task). */
  readonly retryable: boolean;

  constructor(message: string, options: PotErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryable = options.retryable ?? false;
  }
}

/** pot ran and exited non-zero. The message carries pot's own explanation. */
export class PotCommandError extends PotError {
  readonly argv: readonly string[];
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The explanation part of the message: pot's `###>` lines, else its last output line, else `exit status N`. */
  readonly detail: string;

  constructor(argv: readonly string[], exitCode: number, stdout: string, stderr: string) {
    const detail = failureDetail(exitCode, stdout, stderr);
    const label = commandLabel(argv);
    const message = detail.fromOutput
      ? `${label} failed (exit ${exitCode}): ${detail.text}`
      : `${label} failed: ${detail.text}`;
    super(message, { retryable: isImageDownloadFailure(argv, stdout, stderr) });
    this.argv = [...argv];
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
    this.detail = detail.text;
  }
}

/** pot ran longer than allowed; its whole process group was killed (a call in this process cannot be). */
export class PotTimeoutError extends PotError {
  readonly argv: readonly string[];
  readonly timeoutMs: number;

  constructor(argv: readonly string[], timeoutMs: number, killed = true) {
    const ending = killed ? 'and was killed' : 'and is left to end by itself';
    super(`${commandLabel(argv)} did not finish within ${formatDuration(timeoutMs)} ${ending}`, {
      retryable: true,
    });
    this.argv = [...argv];
    this.timeoutMs = timeoutMs;
  }
}

/** A pot call given up on when its caller cancelled it. */
export function cancelledError(argv: readonly string[], reason: unknown): PotError {
  return new PotError(`${commandLabel(argv)} was cancelled`, { cause: reason });
}

/** The pot binary does not exist or cannot be executed. */
export class PotNotFoundError extends PotError {
  readonly bin: string;

  constructor(bin: string, reason: 'missing' | 'not-executable' = 'missing', cause?: unknown) {
    super(reason === 'missing' ? `pot binary ${bin} not found` : `pot binary ${bin} is not executable`, { cause });
    this.bin = bin;
  }
}

/** pot's output could not be understood. */
export class PotOutputError extends PotError {
  /** The output that was being parsed. */
  readonly text: string;

  constructor(format: string, reason: string, text: string) {
    super(`cannot read the output of pot ${format}: ${reason}`);
    this.text = text;
  }
}

function failureDetail(exitCode: number, stdout: string, stderr: string): { text: string; fromOutput: boolean } {
  // pot prints errors on stdout, but the checks of its root directory go to stderr: collect both.
  const potLines = [...potErrorLines(stdout), ...potErrorLines(stderr)];
  if (potLines.length > 0) return { text: potLines.join('; '), fromOutput: true };
  const last = splitLines(stderr).at(-1) ?? splitLines(stdout).at(-1);
  if (last !== undefined) return { text: last.trim(), fromOutput: true };
  return { text: `exit status ${exitCode}`, fromOutput: false };
}

// A failed fetch(1) of the image, or an image that does not match its hash (a cut download), may work next time.
function isImageDownloadFailure(argv: readonly string[], stdout: string, stderr: string): boolean {
  const label = commandLabel(argv);
  if (label !== 'pot prepare' && label !== 'pot import') return false;
  const lines = [...splitLines(stdout), ...splitLines(stderr)];
  return lines.some(
    (line) => line.startsWith('fetch: ') || line.includes('The image and its hash do not overlap'),
  );
}
