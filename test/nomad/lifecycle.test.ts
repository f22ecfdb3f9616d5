import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocStatus, lifecyclePhases, lifecycleStep, stopOrder, type LifecycleTask, type TaskStatus } from '../../src/nomad/lifecycle.js';

const tasks: LifecycleTask[] = [
  { name: 'main1' },
  { name: 'init', lifecycle: { hook: 'prestart', sidecar: false } },
  { name: 'proxy', lifecycle: { hook: 'prestart', sidecar: true } },
  { name: 'main2' },
  { name: 'announce', lifecycle: { hook: 'poststart', sidecar: false } },
  { name: 'logship', lifecycle: { hook: 'poststart', sidecar: true } },
  { name: 'cleanup', lifecycle: { hook: 'poststop', sidecar: false } },
];

const P: TaskStatus = { state: 'pending', failed: false };
const R: TaskStatus = { state: 'running', failed: false };
const D: TaskStatus = { state: 'dead', failed: false };
const F: TaskStatus = { state: 'dead', failed: true };

function states(s: Partial<Record<string, TaskStatus>>): Record<string, TaskStatus> {
  return Object.fromEntries(tasks.map((t) => [t.name, s[t.name] ?? P]));
}

describe('lifecyclePhases', () => {
  it('groups tasks by hook and sidecar, keeping declaration order', () => {
    assert.deepEqual(lifecyclePhases(tasks), {
      prestart: ['init'],
      'prestart-sidecar': ['proxy'],
      main: ['main1', 'main2'],
      poststart: ['announce'],
      'poststart-sidecar': ['logship'],
      poststop: ['cleanup'],
    });
  });
});

describe('lifecycleStep', () => {
  it('walks an allocation from prestart to poststop', () => {
    let step = lifecycleStep(tasks, states({}));
    assert.deepEqual(step, { phase: 'prestart', start: ['init', 'proxy'], stop: [], cancel: [], status: 'pending', done: false });

    step = lifecycleStep(tasks, states({ init: R, proxy: R }), step.phase);
    assert.deepEqual([step.phase, step.start], ['prestart', []]);

    step = lifecycleStep(tasks, states({ init: D, proxy: R }), step.phase);
    assert.deepEqual([step.phase, step.start, step.status], ['main', ['main1', 'main2'], 'running']);

    step = lifecycleStep(tasks, states({ init: D, proxy: R, main1: R }), step.phase);
    assert.deepEqual([step.phase, step.start], ['main', ['main2']]);

    step = lifecycleStep(tasks, states({ init: D, proxy: R, main1: R, main2: R }), step.phase);
    assert.deepEqual([step.phase, step.start], ['poststart', ['announce', 'logship']]);

    step = lifecycleStep(tasks, states({ init: D, proxy: R, main1: R, main2: R, announce: D, logship: R }), step.phase);
    assert.deepEqual([step.phase, step.start, step.stop], ['wait-alloc', [], []]);

    // One main task finishing keeps everything else running.
    step = lifecycleStep(tasks, states({ init: D, proxy: R, main1: D, main2: R, announce: D, logship: R }), step.phase);
    assert.deepEqual([step.phase, step.stop], ['wait-alloc', []]);

    // Only sidecars left: they are stopped.
    step = lifecycleStep(tasks, states({ init: D, proxy: R, main1: D, main2: D, announce: D, logship: R }), step.phase);
    assert.deepEqual(step, { phase: 'wait-alloc', start: [], stop: ['proxy', 'logship'], cancel: [], stopReason: 'Main tasks in the group died', status: 'running', done: false });

    step = lifecycleStep(tasks, states({ init: D, proxy: D, main1: D, main2: D, announce: D, logship: D }), step.phase);
    assert.deepEqual(step, { phase: 'poststop', start: ['cleanup'], stop: [], cancel: [], status: 'pending', done: false });

    step = lifecycleStep(tasks, states({ init: D, proxy: D, main1: D, main2: D, announce: D, logship: D, cleanup: D }), step.phase);
    assert.deepEqual(step, { phase: 'poststop', start: [], stop: [], cancel: [], status: 'complete', done: true });
  });

  it('goes straight to the main tasks when there is no prestart task', () => {
    const plain: LifecycleTask[] = [{ name: 'a' }, { name: 'b' }];
    assert.deepEqual(lifecycleStep(plain, { a: P, b: P }), { phase: 'main', start: ['a', 'b'], stop: [], cancel: [], status: 'pending', done: false });
    assert.deepEqual(lifecycleStep(plain, { a: D, b: D }, 'wait-alloc'), { phase: 'poststop', start: [], stop: [], cancel: [], status: 'complete', done: true });
  });

  it('stops everything when a task fails, ordinary tasks before sidecars, and cancels pending ones', () => {
    const step = lifecycleStep(tasks, states({ init: F, proxy: R }), 'prestart');
    assert.deepEqual(step, {
      phase: 'prestart',
      start: [],
      stop: ['proxy'],
      cancel: ['main1', 'main2', 'announce', 'logship'],
      stopReason: 'Task\'s sibling "init" failed',
      status: 'failed',
      done: false,
    });
    const later = lifecycleStep(tasks, states({ init: D, proxy: R, main1: F, main2: R, announce: D, logship: R }), 'wait-alloc');
    assert.deepEqual([later.stop, later.stopReason], [['main2', 'proxy', 'logship'], 'Task\'s sibling "main1" failed']);
  });

  it('still runs poststop tasks after a failure', () => {
    const step = lifecycleStep(tasks, states({ init: F, proxy: D, main1: D, main2: D, announce: D, logship: D }), 'prestart');
    assert.deepEqual([step.phase, step.start, step.status], ['poststop', ['cleanup'], 'failed']);
  });
});

describe('stopOrder', () => {
  it('lists running tasks, ordinary ones first, without poststop tasks', () => {
    assert.deepEqual(stopOrder(tasks, states({ proxy: R, main1: R, logship: R, main2: D, cleanup: R })), ['main1', 'proxy', 'logship']);
  });
});

describe('allocStatus', () => {
  it('follows Nomad: failed, then running, then pending, else complete', () => {
    assert.equal(allocStatus([R, F]), 'failed');
    assert.equal(allocStatus([R, P, D]), 'running');
    assert.equal(allocStatus([P, D]), 'pending');
    assert.equal(allocStatus([D, D]), 'complete');
  });
});
