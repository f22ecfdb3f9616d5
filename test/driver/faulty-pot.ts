/**
 * Faults for the FakePot's script hook: a pot command that fails with pot's own words, exits 125, prints
 * garbage, hangs (until the time limit or the abort the driver passes, as the real runner does), or
 * disappears (the binary is gone, or the process is killed by a signal).
 */
import { PotError, PotNotFoundError, PotTimeoutError, type RunOptions } from '../../src/pot/index.js';
import { BIN, valueOf, type FakePot, type Reply, type Script } from './fake-pot.js';

export type FaultKind = 'fails' | 'exit125' | 'garbage' | 'hangs' | 'missing' | 'killed';

export const FAULT_KINDS: readonly FaultKind[] = ['fails', 'exit125', 'garbage', 'hangs', 'missing', 'killed'];

/** Short limits, so that a hanging command is killed at once; prepare's is the longer one, as in production. */
export const SETTINGS = { prepareTimeoutMs: 80, commandTimeoutMs: 30 } as const;

/** Nothing pot prints: not a `###>` line, not JSON, not a pot name per line. */
export const GARBAGE = '\u0000\u001b[2J%%% {"Resource": [[ not pot output\n\tpot name : \n';

/** The reply of a pot command with this fault (for `garbage`: exit 0 and junk; the caller adds the command's effect). */
export function faultReply(kind: FaultKind, args: string[], opts: RunOptions): Reply | Error | Promise<Error> {
  switch (kind) {
    case 'fails':
      return { exitCode: 1, stdout: `###>  simulated ${args[0]} failure\n` };
    case 'exit125':
      return { exitCode: 125 };
    case 'garbage':
      return { stdout: GARBAGE };
    case 'hangs':
      return hang(args, opts);
    case 'missing':
      return new PotNotFoundError(BIN);
    case 'killed':
      // What the runner reports for a pot killed by SIGKILL: 128 + 9, and no output.
      return { exitCode: 137 };
  }
}

/** How the pot layer words the failure of `args` with this fault (not for `garbage`, which fails only where parsed). */
export function faultDetail(kind: Exclude<FaultKind, 'garbage'>, args: readonly string[]): string {
  const sub = args[0] ?? '';
  switch (kind) {
    case 'fails':
      return `pot ${sub} failed (exit 1): simulated ${sub} failure`;
    case 'exit125':
      return `pot ${sub} failed: exit status 125`;
    case 'hangs':
      return `pot ${sub} did not finish within ${sub === 'prepare' ? SETTINGS.prepareTimeoutMs : SETTINGS.commandTimeoutMs}ms and was killed`;
    case 'missing':
      return `pot binary ${BIN} not found`;
    case 'killed':
      return `pot ${sub} failed: exit status 137`;
  }
}

/** Time limits a hanging command was given, in order. */
export const hangLimits: number[] = [];

/**
 * A command that never answers by itself: it ends when its time limit runs out (PotTimeoutError) or when the
 * driver aborts it, as the real runner ends it. Without either it never ends, and the test times out.
 */
export function hang(args: string[], opts: RunOptions): Promise<Error> {
  const ms = opts.timeoutMs ?? 0;
  hangLimits.push(ms);
  return new Promise((resolve) => {
    const timer = ms > 0 ? setTimeout(() => resolve(new PotTimeoutError([BIN, ...args], ms)), ms) : undefined;
    opts.signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve(new PotError(`pot ${args[0]} was cancelled`));
      },
      { once: true },
    );
  });
}

export interface Injection {
  /** The exact arguments of the faulty command. */
  args: readonly string[];
  kind: FaultKind;
  /** Which matching call gets the fault, 1 for the first (the default). */
  nth?: number;
  /** The command's real effect, for `garbage` (pot did its work and printed junk). */
  effect?: () => void;
}

/**
 * Sets the pot's script: the chosen call gets the fault, every other call goes to `next` (the FakePot's own
 * model when `next` answers undefined). Returns a function telling whether the fault has been injected.
 */
export function inject(pot: FakePot, injection: Injection, next: Script = () => undefined): () => boolean {
  let seen = 0;
  let injected = false;
  pot.script = (args, opts) => {
    if (sameArgs(args, injection.args) && ++seen === (injection.nth ?? 1)) {
      injected = true;
      if (injection.kind === 'garbage') injection.effect?.();
      return faultReply(injection.kind, args, opts);
    }
    return next(args, opts);
  };
  return () => injected;
}

export function sameArgs(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The started jail: a signal it honours ends its command (pot records 128 + N and pot start returns 125),
 * and `destroy -F` of a running pot stops it first, its record going with it (pot start then returns 0).
 */
export function jail(pot: FakePot, honours: (signal: string) => boolean): Script {
  return (args) => {
    const name = valueOf(args, '-p') ?? '';
    if (args[0] === 'signal') {
      if (!pot.running.has(name)) return { exitCode: 1, stdout: `###>  The pot ${name} is not running\n` };
      const signal = args[2] ?? '';
      if (honours(signal)) {
        pot.lastRun.set(name, signal === 'SIGKILL' ? 137 : 143);
        setImmediate(() => pot.startOf(name)?.end(125));
      }
      return {};
    }
    if (args[0] === 'stop' && pot.running.has(name)) {
      // jail -r: the command is killed, pot start records that and ends.
      pot.lastRun.set(name, 137);
      pot.running.delete(name);
      setImmediate(() => pot.startOf(name)?.end(0));
      return {};
    }
    if (args[0] === 'destroy' && pot.running.has(name)) {
      pot.pots.delete(name);
      pot.running.delete(name);
      setImmediate(() => pot.startOf(name)?.end(0));
      return {};
    }
    return undefined;
  };
}
