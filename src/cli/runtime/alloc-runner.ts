import { messageOf } from '../../driver/error-message.js';
import type { Task } from '../../hcl/job/model.js';
import { createAllocDir } from '../../nomad/alloc-fs.js';
import type { Allocation } from '../../nomad/allocation.js';
import { CheckRunner, checkTargets, type CheckState } from '../../nomad/checks.js';
import { lifecycleStage, lifecycleStep, type LifecyclePhase, type TaskStatus } from '../../nomad/lifecycle.js';
import type { AllocRecord, CheckRecord } from '../state/run-record.js';
import type { TaskRunner } from './task-runner.js';

export interface AllocRunnerContext {
  alloc: Allocation;
  record: AllocRecord;
  /** The allocation's pot tasks by name; tasks of other drivers are not run and take no part in its lifecycle. */
  runners: ReadonlyMap<string, TaskRunner>;
  hostIp: string;
  /** The record changed. */
  changed(): void;
}

const STOPPED_BY_USER = 'the run was stopped';

/**
 * One allocation, as Nomad's alloc runner coordinates its tasks: lifecycle order (prestart, main,
 * poststart, poststop), a failed task stopping its siblings, service checks once a task runs, and a
 * stop on request that kills ordinary tasks before sidecars and then lets poststop tasks run.
 */
export class AllocRunner {
  readonly #tasks: Task[];
  #phase: LifecyclePhase = 'init';
  #stopping = false;
  #forced = false;
  #evaluating = false;
  #again = false;
  #checks: CheckRunner | undefined;
  #checksStarted = false;
  #ended = false;
  readonly #finished: Promise<void>;
  #finish!: () => void;

  constructor(private readonly ctx: AllocRunnerContext) {
    this.#tasks = ctx.alloc.group.tasks.filter((t) => ctx.runners.has(t.name));
    this.#finished = new Promise((resolve) => (this.#finish = resolve));
    const services = [...ctx.alloc.group.services, ...this.#tasks.flatMap((t) => t.services)];
    const targets = checkTargets(services, ctx.alloc.ports, ctx.hostIp).filter((t) => t.port !== undefined);
    if (targets.length > 0) {
      this.#checks = new CheckRunner(targets, { onChange: (state) => this.#checkChanged(state) });
      ctx.record.checks = this.#checks.snapshot().map(checkRecord);
    }
  }

  /** Creates the allocation directory, then runs the allocation until every task is dead. */
  async run(): Promise<void> {
    const { alloc, runners } = this.ctx;
    try {
      await createAllocDir(alloc.layout, alloc.group.tasks.map((t) => t.name));
    } catch (error) {
      for (const r of runners.values()) r.fail(`Building Task Directory failed: ${messageOf(error)}`);
    }
    this.evaluate();
    return this.#finished;
  }

  /** Stops every task; `force` skips kill timeouts and poststop tasks. Resolves when all are dead. */
  async stop(force = false): Promise<void> {
    if (this.#ended) return;
    this.#stopping = true;
    this.#forced ||= force;
    const live = this.#tasks.map((t) => [t, this.ctx.runners.get(t.name)!] as const).filter(([, r]) => r.record.state !== 'dead');
    for (const [t, r] of live) {
      if (!r.launched && (this.#forced || lifecycleStage(t) !== 'poststop')) r.cancel(STOPPED_BY_USER);
    }
    const launched = live.filter(([, r]) => r.launched && r.record.state !== 'dead');
    const halt = (r: TaskRunner): Promise<void> => (this.#forced ? r.force() : r.stop());
    // Like Nomad: ordinary tasks first, sidecars once those are gone.
    await Promise.all(launched.filter(([t]) => !t.lifecycle?.sidecar).map(([, r]) => halt(r)));
    await Promise.all(launched.filter(([t]) => t.lifecycle?.sidecar).map(([, r]) => halt(r)));
    this.evaluate();
    await this.#finished;
  }

  /** Re-reads every task's state and does what the lifecycle asks; called after every change. */
  evaluate(): void {
    if (this.#evaluating) {
      this.#again = true;
      return;
    }
    this.#evaluating = true;
    try {
      do {
        this.#again = false;
        this.#step();
      } while (this.#again);
    } finally {
      this.#evaluating = false;
    }
  }

  #step(): void {
    if (this.#ended) return;
    const { runners, record } = this.ctx;
    const states: Record<string, TaskStatus> = {};
    for (const [name, r] of runners) states[name] = r.lifecycleStatus();
    const step = lifecycleStep(this.#tasks, states, this.#phase);
    this.#phase = step.phase;
    for (const name of step.start) {
      const r = runners.get(name)!;
      if (r.launched || r.record.state !== 'pending') continue;
      const poststop = lifecycleStage(this.#tasks.find((t) => t.name === name)!) === 'poststop';
      if (this.#stopping && (!poststop || this.#forced)) continue;
      r.start();
    }
    for (const name of step.stop) void runners.get(name)!.stop(step.stopReason);
    for (const name of step.cancel) {
      const r = runners.get(name)!;
      if (r.launched) void r.stop(step.stopReason);
      else r.cancel(step.stopReason ?? 'the allocation is ending');
    }
    const anyRunning = [...runners.values()].some((r) => r.record.state === 'running');
    if (anyRunning && !this.#checksStarted && !this.#stopping) {
      this.#checksStarted = true;
      this.#checks?.start();
    }
    const status = this.#stopping && step.done ? 'stopped' : step.status;
    const changed = record.status !== status;
    record.status = status;
    if (this.#stopping || step.done) void this.#checks?.stop();
    if (step.done) {
      this.#ended = true;
      void (this.#checks?.stop() ?? Promise.resolve()).then(() => this.#finish());
    }
    if (changed) this.ctx.changed();
  }

  #checkChanged(state: CheckState): void {
    const list = this.ctx.record.checks ?? [];
    const i = list.findIndex((c) => c.service === state.service && c.name === state.name);
    if (i >= 0) list[i] = checkRecord(state);
    this.ctx.changed();
  }
}

function checkRecord(s: CheckState): CheckRecord {
  return { service: s.service, name: s.name, type: s.type, status: s.status, output: s.output };
}
