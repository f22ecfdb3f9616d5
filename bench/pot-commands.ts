/**
 * A task's planned pot commands run directly against the emulator, with no pot-nomad in between: the baseline
 * that says how much of a task start is the emulator's own work, measured on the same machine in the same run.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { setImmediate as tick } from 'node:timers/promises';
import { BenchError } from './bench-error.js';

export interface DirectContext {
  /** With POT_EMULATOR_ROOT set. */
  env: NodeJS.ProcessEnv;
  cwd: string;
  signal: AbortSignal;
  /** A performance.now() value by which every command must be done. */
  deadline: number;
  /** Pots that may exist, for the caller's clean-up: added before the first command, removed after `destroy`. */
  pots: Set<string>;
}

export interface DirectTimes {
  /** The start steps, as far as `until` says. */
  startMs: number;
  /** `destroy -F` of the running pot. */
  destroyMs: number;
}

/**
 * Every step but the last (`start`) to completion, then `start`, which stays in the foreground as pot's does,
 * detached: timed until it is spawned (`'spawned'`, where the plugin's StartTask returns) or until `info -r`
 * says the pot runs (`'running'`, what `run -d` waits for). Then, once the pot runs, `destroy -F`.
 */
export async function timeDirectStart(ctx: DirectContext, potName: string, start: readonly string[][], until: 'spawned' | 'running'): Promise<DirectTimes> {
  if (start.length === 0) throw new BenchError(`no start commands for pot ${potName}`);
  const potBin = start[0]![0]!;
  // The driver creates the directories it mounts; the commands alone expect them to exist.
  for (const argv of start) {
    const source = argv[1] === 'mount-in' ? argv[argv.indexOf('-d') + 1] : undefined;
    if (source) mkdirSync(source, { recursive: true });
  }
  const steps = start.slice(0, -1);
  const last = start.at(-1)!;
  ctx.pots.add(potName);
  const began = performance.now();
  for (const argv of steps) check(argv, spawnSync(argv[0]!, argv.slice(1), syncOptions(ctx)));
  const child = spawn(last[0]!, last.slice(1), { env: ctx.env, cwd: ctx.cwd, detached: true, stdio: 'ignore' });
  let startMs = performance.now() - began;
  let exited: number | null | undefined;
  child.once('exit', (code) => void (exited = code));
  child.once('error', () => void (exited = -1));
  for (;;) {
    const info = spawnSync(potBin, ['info', '-r', '-p', potName], syncOptions(ctx));
    if (info.status === 0) break;
    await tick();
    ctx.signal.throwIfAborted();
    if (exited !== undefined) throw new BenchError(`${last.join(' ')} exited ${exited} before the pot ran`);
    if (ctx.deadline - performance.now() <= 0) throw budgetError();
  }
  if (until === 'running') startMs = performance.now() - began;
  const destroyBegan = performance.now();
  check([potBin, 'destroy'], spawnSync(potBin, ['destroy', '-p', potName, '-F'], syncOptions(ctx)));
  const destroyMs = performance.now() - destroyBegan;
  ctx.pots.delete(potName);
  await tick();
  if (exited === undefined && child.pid !== undefined) killGroup(child.pid);
  return { startMs, destroyMs };
}

/** `destroy -F` of pots a failed measurement left; never throws. */
export function destroyPots(potBin: string, pots: Iterable<string>, env: NodeJS.ProcessEnv, timeoutMs: number): string[] {
  const failures: string[] = [];
  for (const pot of pots) {
    const r = spawnSync(potBin, ['destroy', '-p', pot, '-F'], { env, stdio: 'ignore', timeout: timeoutMs });
    if (r.status !== 0) failures.push(`${pot} (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
  }
  return failures;
}

function syncOptions(ctx: DirectContext): { env: NodeJS.ProcessEnv; cwd: string; encoding: 'utf8'; timeout: number } {
  const timeout = Math.floor(ctx.deadline - performance.now());
  if (timeout <= 0) throw budgetError();
  return { env: ctx.env, cwd: ctx.cwd, encoding: 'utf8', timeout };
}

function check(argv: readonly string[], r: SpawnSyncReturns<string>): void {
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') throw budgetError();
  if (r.status !== 0) throw new BenchError(`${argv.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr}`);
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function budgetError(): BenchError {
  return new BenchError('ran out of time running the pot commands directly');
}
