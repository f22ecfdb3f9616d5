import { constants as osConstants } from 'node:os';
import { PotCommandError, PotError, PotTimeoutError } from './errors.js';
import { commandLabel } from './output.js';
import { terminateGroup, trackGroup } from './process-group.js';
import { spawnFailure } from './spawn-failure.js';

export interface RunOptions {
  /** Kill pot after this long; 0 disables the limit. Default: the runner's, else 120 s. */
  timeoutMs?: number;
  cwd?: string;
  /** The complete environment of pot (replaces the runner's, nothing is merged). */
  env?: Record<string, string>;
  /** Aborting kills pot and rejects with a PotError. */
  signal?: AbortSignal;
  /** Written to pot's stdin; without it stdin is /dev/null. */
  input?: string;
  /** Limit for each of stdout and stderr; more output kills pot and rejects. Default 16 MiB. */
  maxOutputBytes?: number;
}

export interface RunResult {
  /** The binary followed by the arguments. */
  argv: string[];
  /** pot's exit code; 128 + signal number when something else killed it. */
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface PotRunner {
  readonly bin: string;
  /** Resolves for any exit code; rejects only with PotTimeoutError, PotNotFoundError or PotError. */
  run(args: string[], opts?: RunOptions): Promise<RunResult>;
  /** Like run, but a non-zero exit rejects with PotCommandError. */
  check(args: string[], opts?: RunOptions): Promise<RunResult>;
}

export interface RunnerDefaults {
  timeoutMs?: number;
  /** Environment for every command; default: this process's environment at the time of each call. */
  env?: Record<string, string>;
  /** Time between SIGTERM and SIGKILL when a command is killed. Default 2 s. */
  killGraceMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
const DEFAULT_KILL_GRACE_MS = 2_000;

export function createPotRunner(bin: string, defaults: RunnerDefaults = {}): PotRunner {
  const run = (args: string[], opts: RunOptions = {}): Promise<RunResult> =>
    runPot(bin, args, {
      timeoutMs: opts.timeoutMs ?? defaults.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      env: opts.env ?? defaults.env ?? currentEnv(),
      maxOutputBytes: opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
      killGraceMs: defaults.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
      cwd: opts.cwd,
      signal: opts.signal,
      input: opts.input,
    });
  const check = async (args: string[], opts?: RunOptions): Promise<RunResult> => {
    const result = await run(args, opts);
    if (result.exitCode !== 0) {
      throw new PotCommandError(result.argv, result.exitCode, result.stdout, result.stderr);
    }
    return result;
  };
  return { bin, run, check };
}

interface ResolvedOptions {
  timeoutMs: number;
  env: Record<string, string>;
  maxOutputBytes: number;
  killGraceMs: number;
  cwd: string | undefined;
  signal: AbortSignal | undefined;
  input: string | undefined;
}

type Ending = { kind: 'timeout' } | { kind: 'aborted'; reason: unknown } | { kind: 'overflow'; stream: string };

// execa is loaded on the first pot call: it costs more start-up time than anything else in plugin mode,
// and Nomad waits for the plugin's handshake before it sends any work.
let execaModule: Promise<typeof import('execa')> | undefined;

async function runPot(bin: string, args: string[], opts: ResolvedOptions): Promise<RunResult> {
  const argv = [bin, ...args];
  if (opts.signal?.aborted) throw cancelled(argv, opts.signal.reason);

  const { execa } = await (execaModule ??= import('execa'));
  if (opts.signal?.aborted) throw cancelled(argv, opts.signal.reason);
  const subprocess = execa(bin, args, {
    shell: false,
    reject: false,
    cwd: opts.cwd,
    env: opts.env,
    extendEnv: false,
    ...(opts.input === undefined ? { stdin: 'ignore' as const } : { input: opts.input }),
    encoding: 'utf8',
    stripFinalNewline: false,
    maxBuffer: opts.maxOutputBytes,
    // Own process group, so that a kill reaches pot's children too (see process-group.ts).
    detached: true,
    cleanup: false,
  });

  let ending: Ending | undefined;
  let stopKill: (() => void) | undefined;
  const end = (why: Ending): void => {
    if (ending !== undefined || subprocess.pid === undefined) return;
    ending = why;
    stopKill = terminateGroup(subprocess.pid, opts.killGraceMs).cancel;
  };

  const untrack = subprocess.pid === undefined ? undefined : trackGroup(subprocess.pid);
  const timer = opts.timeoutMs > 0 ? setTimeout(() => end({ kind: 'timeout' }), opts.timeoutMs) : undefined;
  const onAbort = (): void => end({ kind: 'aborted', reason: opts.signal?.reason });
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  for (const [name, stream] of [['stdout', subprocess.stdout], ['stderr', subprocess.stderr]] as const) {
    let bytes = 0;
    stream?.on('data', (chunk: Buffer | string) => {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (bytes > opts.maxOutputBytes) end({ kind: 'overflow', stream: name });
    });
  }

  try {
    const result = await subprocess;
    if (ending?.kind === 'timeout') throw new PotTimeoutError(argv, opts.timeoutMs);
    if (ending?.kind === 'aborted') throw cancelled(argv, ending.reason);
    if (ending?.kind === 'overflow' || result.isMaxBuffer) {
      const stream = ending?.kind === 'overflow' ? ending.stream : 'output';
      throw new PotError(
        `${commandLabel(argv)} wrote more than ${opts.maxOutputBytes} bytes to ${stream} and was killed`,
      );
    }
    if (result.exitCode === undefined && result.signal === undefined) {
      throw spawnFailure(result, argv, opts.cwd);
    }
    return {
      argv,
      exitCode: result.exitCode ?? signalExitCode(result.signal),
      stdout: result.stdout,
      stderr: result.stderr,
    };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    stopKill?.();
    untrack?.();
  }
}

function cancelled(argv: readonly string[], reason: unknown): PotError {
  return new PotError(`${commandLabel(argv)} was cancelled`, { cause: reason });
}

function signalExitCode(signal: string | undefined): number {
  const number = signal === undefined ? undefined : osConstants.signals[signal as NodeJS.Signals];
  return 128 + (number ?? 0);
}

function currentEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined) env[key] = value;
  }
  return env;
}
