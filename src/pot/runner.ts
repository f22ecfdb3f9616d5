import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants as osConstants } from 'node:os';
import { callEmulator, EMULATOR_BIN } from './emulated.js';
import { cancelledError, PotCommandError, PotError, PotTimeoutError } from './errors.js';
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

interface Finished {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

async function runPot(bin: string, args: string[], opts: ResolvedOptions): Promise<RunResult> {
  const argv = [bin, ...args];
  if (opts.signal?.aborted) throw cancelledError(argv, opts.signal.reason);
  if (bin === EMULATOR_BIN && opts.input === undefined) {
    const emulated = await callEmulator(argv, opts);
    if (emulated !== undefined) return { argv, ...emulated };
  }
  const child = spawn(bin, args, {
    shell: false,
    cwd: opts.cwd,
    env: opts.env,
    stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    // Own process group, so that a kill reaches pot's children too (see process-group.ts).
    detached: true,
  });
  if (child.pid === undefined) {
    const [error] = (await once(child, 'error')) as [unknown];
    throw spawnFailure(error, argv, opts.cwd);
  }
  const pid = child.pid;

  let ending: Ending | undefined;
  let stopKill: (() => void) | undefined;
  const end = (why: Ending): void => {
    if (ending !== undefined) return;
    ending = why;
    stopKill = terminateGroup(pid, opts.killGraceMs).cancel;
  };

  const untrack = trackGroup(pid);
  const timer = opts.timeoutMs > 0 ? setTimeout(() => end({ kind: 'timeout' }), opts.timeoutMs) : undefined;
  const onAbort = (): void => end({ kind: 'aborted', reason: opts.signal?.reason });
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const output = (name: 'stdout' | 'stderr'): (() => string) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    child[name]!.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > opts.maxOutputBytes) end({ kind: 'overflow', stream: name });
      else chunks.push(chunk);
    });
    // Decoded once at the end, so that a character split between two chunks stays whole.
    return () => Buffer.concat(chunks).toString('utf8');
  };
  const stdout = output('stdout');
  const stderr = output('stderr');
  // pot may exit (or be killed) before it reads its input: a broken pipe is not the command's failure.
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(opts.input);

  try {
    const result = await new Promise<Finished>((resolve) => {
      // After a successful start, errors come only from kill() and stdio, and the exit still follows.
      child.on('error', () => undefined);
      // 'close': the process has exited and its output pipes are drained (a child of pot may hold them longer).
      child.once('close', (exitCode: number | null, signal: NodeJS.Signals | null) => resolve({ exitCode, signal, stdout: stdout(), stderr: stderr() }));
    });
    if (ending?.kind === 'timeout') throw new PotTimeoutError(argv, opts.timeoutMs);
    if (ending?.kind === 'aborted') throw cancelledError(argv, ending.reason);
    if (ending?.kind === 'overflow') {
      throw new PotError(`${commandLabel(argv)} wrote more than ${opts.maxOutputBytes} bytes to ${ending.stream} and was killed`);
    }
    return { argv, exitCode: result.exitCode ?? signalExitCode(result.signal), stdout: result.stdout, stderr: result.stderr };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    stopKill?.();
    untrack();
  }
}

function signalExitCode(signal: NodeJS.Signals | null): number {
  const number = signal === null ? undefined : osConstants.signals[signal];
  return 128 + (number ?? 0);
}

function currentEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined) env[key] = value;
  }
  return env;
}
