import type { Task } from '../hcl/job/model.js';

/** Where a task sits in Nomad's lifecycle order. */
export type LifecycleStage = 'prestart' | 'prestart-sidecar' | 'main' | 'poststart' | 'poststart-sidecar' | 'poststop';

/** The allocation-wide phase, as Nomad's task coordinator moves through it; it never goes back. */
export type LifecyclePhase = 'init' | 'prestart' | 'main' | 'poststart' | 'wait-alloc' | 'poststop';

export type TaskRunState = 'pending' | 'running' | 'dead';

/** A task as the caller sees it: `pending` until it is being started, `dead` once it will not run again. */
export interface TaskStatus {
  state: TaskRunState;
  /** Dead with a failure (exhausted restarts, unrecoverable start error). */
  failed: boolean;
}

export type LifecycleTask = Pick<Task, 'name' | 'lifecycle'>;

export type LifecyclePhases = Record<LifecycleStage, string[]>;

export type AllocStatus = 'pending' | 'running' | 'complete' | 'failed';

export interface LifecycleStep {
  /** Pass back in with the next states. */
  phase: LifecyclePhase;
  /** Pending tasks allowed to start now, in declaration order. */
  start: string[];
  /** Running tasks to stop now: ordinary tasks first, sidecars after them. */
  stop: string[];
  /** Pending tasks that will never start because the allocation is ending; mark them dead. */
  cancel: string[];
  /** Nomad's event text for why tasks are being stopped. */
  stopReason?: string;
  status: AllocStatus;
  /** Every task, poststop ones included, is dead. */
  done: boolean;
}

export function lifecycleStage(task: LifecycleTask): LifecycleStage {
  const l = task.lifecycle;
  if (!l) return 'main';
  if (l.hook === 'poststop') return 'poststop';
  return l.sidecar ? `${l.hook}-sidecar` : l.hook;
}

/** The tasks of a group by lifecycle stage, each list in declaration order. */
export function lifecyclePhases(tasks: readonly LifecycleTask[]): LifecyclePhases {
  const phases: LifecyclePhases = { prestart: [], 'prestart-sidecar': [], main: [], poststart: [], 'poststart-sidecar': [], poststop: [] };
  for (const t of tasks) phases[lifecycleStage(t)].push(t.name);
  return phases;
}

/** Which stages may run in each phase (Nomad's gates). */
const OPEN: Record<LifecyclePhase, readonly LifecycleStage[]> = {
  init: [],
  prestart: ['prestart', 'prestart-sidecar'],
  main: ['prestart-sidecar', 'main'],
  poststart: ['prestart-sidecar', 'main', 'poststart', 'poststart-sidecar'],
  'wait-alloc': ['prestart-sidecar', 'main', 'poststart-sidecar'],
  poststop: ['poststop'],
};

/**
 * One step of an allocation's task coordination. Prestart tasks run first, and the main tasks wait
 * until every non-sidecar prestart task has exited successfully and every prestart sidecar runs;
 * poststart tasks start once every main task has started; a failed task stops all the others; when
 * only sidecars are left they are stopped; poststop tasks run once everything else is dead.
 */
export function lifecycleStep(tasks: readonly LifecycleTask[], states: Readonly<Record<string, TaskStatus>>, phase: LifecyclePhase = 'init'): LifecycleStep {
  const phases = lifecyclePhases(tasks);
  const st = (name: string): TaskStatus => states[name] ?? { state: 'pending', failed: false };
  const is = (names: string[], ok: (s: TaskStatus) => boolean): boolean => names.every((n) => ok(st(n)));
  const nonPoststop = tasks.filter((t) => lifecycleStage(t) !== 'poststop');
  const allocDone = nonPoststop.every((t) => st(t.name).state === 'dead');

  for (;;) {
    const next = nextPhase(phase);
    if (next === phase) break;
    phase = next;
  }

  const step: LifecycleStep = { phase, start: [], stop: [], cancel: [], status: allocStatus(tasks.map((t) => st(t.name))), done: false };
  const open = OPEN[phase];
  step.start = tasks.filter((t) => open.includes(lifecycleStage(t)) && st(t.name).state === 'pending').map((t) => t.name);

  const live = nonPoststop.filter((t) => st(t.name).state !== 'dead');
  const failed = nonPoststop.find((t) => st(t.name).state === 'dead' && st(t.name).failed);
  const sidecar = (t: LifecycleTask): boolean => t.lifecycle?.sidecar === true;
  if (failed) step.stopReason = `Task's sibling "${failed.name}" failed`;
  else if (live.length > 0 && tasks.some(sidecar) && live.every(sidecar)) step.stopReason = 'Main tasks in the group died';
  if (step.stopReason && live.length > 0) {
    const ordered = [...live.filter((t) => !sidecar(t)), ...live.filter(sidecar)];
    step.stop = ordered.filter((t) => st(t.name).state === 'running').map((t) => t.name);
    step.cancel = ordered.filter((t) => st(t.name).state === 'pending').map((t) => t.name);
    const stopping = new Set([...step.stop, ...step.cancel]);
    step.start = step.start.filter((n) => !stopping.has(n));
  } else {
    delete step.stopReason;
  }
  step.done = allocDone && is(phases.poststop, (s) => s.state === 'dead');
  return step;

  function nextPhase(p: LifecyclePhase): LifecyclePhase {
    if (allocDone) return 'poststop';
    switch (p) {
      case 'init':
        return tasks.every((t) => st(t.name).state === 'pending') ? 'prestart' : 'init';
      case 'prestart':
        return is(phases.prestart, (s) => s.state === 'dead' && !s.failed) && is(phases['prestart-sidecar'], (s) => s.state === 'running') ? 'main' : p;
      case 'main':
        return is(phases.main, (s) => s.state !== 'pending') ? 'poststart' : p;
      case 'poststart':
        return is(phases.poststart, (s) => s.state === 'dead') ? 'wait-alloc' : p;
      default:
        return p;
    }
  }
}

/** The order in which to stop an allocation's running tasks on request: ordinary tasks, then sidecars. */
export function stopOrder(tasks: readonly LifecycleTask[], states: Readonly<Record<string, TaskStatus>>): string[] {
  const running = tasks.filter((t) => lifecycleStage(t) !== 'poststop' && states[t.name]?.state === 'running');
  return [...running.filter((t) => !t.lifecycle?.sidecar), ...running.filter((t) => t.lifecycle?.sidecar)].map((t) => t.name);
}

/** Nomad's client status of an allocation from its task states. */
export function allocStatus(states: readonly TaskStatus[]): AllocStatus {
  if (states.some((s) => s.state === 'dead' && s.failed)) return 'failed';
  if (states.some((s) => s.state === 'running')) return 'running';
  if (states.some((s) => s.state === 'pending')) return 'pending';
  return 'complete';
}
