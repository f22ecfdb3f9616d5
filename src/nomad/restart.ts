import type { Lifecycle, RestartPolicy } from '../hcl/job/model.js';
import { formatDuration } from '../shared/duration.js';

/** Nomad's reason texts, as task events show them. */
export const RESTART_REASONS = {
  noRestarts: 'Policy allows no restarts',
  unrecoverable: 'Error was unrecoverable',
  withinPolicy: 'Restart within policy',
  delay: 'Exceeded allowed attempts, applying a delay',
  success: 'Restart unnecessary as task terminated successfully',
} as const;

/** Nomad adds up to a quarter of the delay as random jitter. */
const JITTER = 0.25;

/** What happened to the task; times are milliseconds on the caller's clock. */
export type TaskOutcome =
  | { kind: 'exited'; exitCode: number; signal?: number; atMs: number }
  | { kind: 'start-failed'; recoverable: boolean; atMs: number };

export type RestartDecision =
  | { action: 'restart'; afterMs: number; reason: string }
  | { action: 'fail'; reason: string }
  | { action: 'done'; reason: string };

/** The whole state of one task's restart tracking; plain data, safe to persist. */
export interface RestartState {
  policy: RestartPolicy;
  /** Whether a successful exit is restarted too (services and sidecars). */
  restartOnSuccess: boolean;
  /** Restarts counted in the current interval. */
  count: number;
  intervalStartMs: number;
}

/**
 * Which exits count, as Nomad's restart tracker decides it: batch work that exits 0 is done; a
 * service is expected to run forever, so any exit is restarted; lifecycle hooks restart on success
 * only as sidecars, and poststop tasks never do.
 */
export function restartOnSuccess(jobType: string, lifecycle?: Lifecycle): boolean {
  if (lifecycle?.hook === 'poststop') return false;
  if (lifecycle) return lifecycle.sidecar;
  return jobType !== 'batch' && jobType !== 'sysbatch';
}

export function initialRestartState(policy: RestartPolicy, jobType: string, lifecycle: Lifecycle | undefined, startedAtMs: number): RestartState {
  return { policy, restartOnSuccess: restartOnSuccess(jobType, lifecycle), count: 0, intervalStartMs: startedAtMs };
}

/**
 * Decides what follows a task's exit or failed start, and returns the new state. `attempts` restarts
 * are allowed per `interval`, each after `delay` plus jitter; past that, mode "fail" gives up and
 * mode "delay" waits until the interval is over and starts counting afresh.
 */
export function nextRestart(
  state: RestartState,
  outcome: TaskOutcome,
  random: () => number = Math.random,
): { state: RestartState; decision: RestartDecision } {
  const { policy } = state;
  const successful = outcome.kind === 'exited' && outcome.exitCode === 0 && !outcome.signal;
  if (policy.attempts === 0) {
    const decision: RestartDecision =
      successful && !state.restartOnSuccess ? { action: 'done', reason: RESTART_REASONS.noRestarts } : { action: 'fail', reason: RESTART_REASONS.noRestarts };
    return { state, decision };
  }
  let { count, intervalStartMs } = state;
  if (outcome.atMs > intervalStartMs + policy.intervalMs) {
    count = 0;
    intervalStartMs = outcome.atMs;
  }
  count++;
  const next: RestartState = { ...state, count, intervalStartMs };
  if (outcome.kind === 'start-failed' && !outcome.recoverable) return { state: next, decision: { action: 'fail', reason: RESTART_REASONS.unrecoverable } };
  if (successful && !state.restartOnSuccess) return { state: next, decision: { action: 'done', reason: RESTART_REASONS.success } };
  if (count > policy.attempts) {
    if (policy.mode === 'fail') {
      const reason = `Exceeded allowed attempts ${policy.attempts} in interval ${formatDuration(policy.intervalMs)} and mode is "fail"`;
      return { state: next, decision: { action: 'fail', reason } };
    }
    return { state: next, decision: { action: 'restart', afterMs: intervalStartMs + policy.intervalMs - outcome.atMs, reason: RESTART_REASONS.delay } };
  }
  const jitter = Math.floor(Math.floor(random() * policy.delayMs) * JITTER);
  return { state: next, decision: { action: 'restart', afterMs: policy.delayMs + jitter, reason: RESTART_REASONS.withinPolicy } };
}
