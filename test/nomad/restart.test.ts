import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RestartPolicy } from '../../src/hcl/job/model.js';
import { formatDuration } from '../../src/shared/duration.js';
import { initialRestartState, nextRestart, restartOnSuccess, type RestartState, type TaskOutcome } from '../../src/nomad/restart.js';

const MIN = 60_000;
const policy = (p: Partial<RestartPolicy> = {}): RestartPolicy => ({ attempts: 2, intervalMs: 30 * MIN, delayMs: 15_000, mode: 'fail', ...p });
const exit = (atMs: number, exitCode = 1, signal?: number): TaskOutcome => (signal === undefined ? { kind: 'exited', exitCode, atMs } : { kind: 'exited', exitCode, signal, atMs });
const noJitter = (): number => 0;

/** Feeds outcomes through the machine and returns every decision. */
function run(state: RestartState, outcomes: TaskOutcome[], random = noJitter) {
  return outcomes.map((o) => {
    const r = nextRestart(state, o, random);
    state = r.state;
    return r.decision;
  });
}

describe('formatDuration', () => {
  it('prints durations as Go does', () => {
    assert.deepEqual([30 * MIN, 60 * MIN, 1500, 250, 0, 90_000, 15_000, 24 * 60 * MIN, 3_723_500, 0.5, 0.0015, -2000].map(formatDuration), [
      '30m0s', '1h0m0s', '1.5s', '250ms', '0s', '1m30s', '15s', '24h0m0s', '1h2m3.5s', '500µs', '1.5µs', '-2s',
    ]);
  });
});

describe('restartOnSuccess', () => {
  it('restarts successful exits of services and sidecars only', () => {
    assert.equal(restartOnSuccess('service'), true);
    assert.equal(restartOnSuccess('system'), true);
    assert.equal(restartOnSuccess('batch'), false);
    assert.equal(restartOnSuccess('sysbatch'), false);
    assert.equal(restartOnSuccess('service', { hook: 'prestart', sidecar: false }), false);
    assert.equal(restartOnSuccess('batch', { hook: 'prestart', sidecar: true }), true);
    assert.equal(restartOnSuccess('service', { hook: 'poststart', sidecar: true }), true);
    assert.equal(restartOnSuccess('service', { hook: 'poststop', sidecar: true }), false);
  });
});

describe('nextRestart', () => {
  it('restarts within the policy after the delay, then fails in mode "fail"', () => {
    const decisions = run(initialRestartState(policy(), 'service', undefined, 0), [exit(1000), exit(20_000), exit(40_000)]);
    assert.deepEqual(decisions, [
      { action: 'restart', afterMs: 15_000, reason: 'Restart within policy' },
      { action: 'restart', afterMs: 15_000, reason: 'Restart within policy' },
      { action: 'fail', reason: 'Exceeded allowed attempts 2 in interval 30m0s and mode is "fail"' },
    ]);
  });

  it('adds up to a quarter of the delay as jitter', () => {
    const state = initialRestartState(policy(), 'service', undefined, 0);
    assert.deepEqual(nextRestart(state, exit(1), () => 0.999).decision, { action: 'restart', afterMs: 18_746, reason: 'Restart within policy' });
    assert.deepEqual(nextRestart(state, exit(1), () => 0.5).decision, { action: 'restart', afterMs: 16_875, reason: 'Restart within policy' });
  });

  it('waits for the interval to end in mode "delay", then counts afresh', () => {
    const p = policy({ attempts: 1, intervalMs: 5 * MIN, mode: 'delay' });
    const decisions = run(initialRestartState(p, 'service', undefined, 0), [exit(10_000), exit(60_000), exit(5 * MIN + 1), exit(5 * MIN + 2)]);
    assert.deepEqual(decisions, [
      { action: 'restart', afterMs: 15_000, reason: 'Restart within policy' },
      { action: 'restart', afterMs: 5 * MIN - 60_000, reason: 'Exceeded allowed attempts, applying a delay' },
      { action: 'restart', afterMs: 15_000, reason: 'Restart within policy' },
      { action: 'restart', afterMs: 5 * MIN - 1, reason: 'Exceeded allowed attempts, applying a delay' },
    ]);
  });

  it('treats a successful exit of batch work as done, and of a service as an exit to restart', () => {
    assert.deepEqual(nextRestart(initialRestartState(policy(), 'batch', undefined, 0), exit(5, 0)).decision, {
      action: 'done',
      reason: 'Restart unnecessary as task terminated successfully',
    });
    assert.deepEqual(nextRestart(initialRestartState(policy(), 'batch', undefined, 0), exit(5, 0, 15), noJitter).decision, {
      action: 'restart',
      afterMs: 15_000,
      reason: 'Restart within policy',
    });
    assert.deepEqual(nextRestart(initialRestartState(policy(), 'service', undefined, 0), exit(5, 0), noJitter).decision, {
      action: 'restart',
      afterMs: 15_000,
      reason: 'Restart within policy',
    });
  });

  it('allows no restarts when attempts is 0', () => {
    const p = policy({ attempts: 0 });
    assert.deepEqual(nextRestart(initialRestartState(p, 'service', undefined, 0), exit(5, 0)).decision, { action: 'fail', reason: 'Policy allows no restarts' });
    assert.deepEqual(nextRestart(initialRestartState(p, 'batch', undefined, 0), exit(5, 0)).decision, { action: 'done', reason: 'Policy allows no restarts' });
    assert.deepEqual(nextRestart(initialRestartState(p, 'batch', undefined, 0), exit(5, 2)).decision, { action: 'fail', reason: 'Policy allows no restarts' });
  });

  it('never restarts after an unrecoverable start error, and counts recoverable ones', () => {
    const state = initialRestartState(policy({ attempts: 1 }), 'service', undefined, 0);
    assert.deepEqual(nextRestart(state, { kind: 'start-failed', recoverable: false, atMs: 1 }).decision, { action: 'fail', reason: 'Error was unrecoverable' });
    const decisions = run(state, [
      { kind: 'start-failed', recoverable: true, atMs: 1 },
      { kind: 'start-failed', recoverable: true, atMs: 2 },
    ]);
    assert.deepEqual(decisions, [
      { action: 'restart', afterMs: 15_000, reason: 'Restart within policy' },
      { action: 'fail', reason: 'Exceeded allowed attempts 1 in interval 30m0s and mode is "fail"' },
    ]);
  });

  it('returns new state without changing the old one', () => {
    const state = initialRestartState(policy(), 'service', undefined, 100);
    const { state: next } = nextRestart(state, exit(200), noJitter);
    assert.deepEqual(state, { policy: policy(), restartOnSuccess: true, count: 0, intervalStartMs: 100 });
    assert.deepEqual(next, { policy: policy(), restartOnSuccess: true, count: 1, intervalStartMs: 100 });
  });
});
