import type { TaskEvent } from '../../driver/types.js';
import type { AllocRecord, RunRecord, TaskRecord } from '../state/run-record.js';
import { AllocRunner } from './alloc-runner.js';
import { RunError } from './run-error.js';
import type { RecordWriter } from './record-writer.js';
import { pushTaskEvent, type RunChangeKind, type RunObserver, type TaskChangeKind } from './run-events.js';
import type { RunJob } from './run-job.js';
import { startProgress } from './start-progress.js';
import { TaskRunner, type TaskDriver } from './task-runner.js';

/** The driver as a run uses it: the task lifecycle, its event stream, and shutting it down at the end. */
export interface RunDriver extends TaskDriver {
  taskEvents(signal: AbortSignal): AsyncIterable<TaskEvent>;
  shutdown(signal?: AbortSignal): Promise<void>;
}

export interface RunSupervisorOptions {
  record: RunRecord;
  job: RunJob;
  driver: RunDriver;
  writer: RecordWriter;
  observer?: RunObserver;
  /** Runs once every task is dead, before the end is announced (a foreground run drains the task logs). */
  beforeEnd?: () => Promise<void>;
  now?: () => Date;
}

/**
 * Runs every allocation of a run to its end, keeping the record current after each change; `stop()`
 * ends it early. The same code serves a foreground `run` and a detached supervisor.
 */
export class RunSupervisor {
  readonly #allocs: { runner: AllocRunner; record: AllocRecord; tasks: Map<string, TaskRunner> }[] = [];
  readonly #events = new AbortController();
  #stopping: Promise<void> | undefined;
  #forcing: Promise<void> | undefined;

  constructor(private readonly opts: RunSupervisorOptions) {
    const { record, job } = opts;
    job.allocs.forEach((alloc, i) => {
      const allocRecord = record.allocs[i];
      if (allocRecord?.id !== alloc.id) throw new RunError(`run ${record.id}: allocation ${i} is ${alloc.id} in the job but ${allocRecord?.id ?? 'missing'} in the record`);
      const tasks = new Map<string, TaskRunner>();
      for (const pot of job.tasks.filter((t) => t.alloc === alloc)) {
        const taskRecord = allocRecord.tasks.find((t) => t.name === pot.allocated.task.name)!;
        tasks.set(
          taskRecord.name,
          new TaskRunner({
            driver: opts.driver,
            job,
            pot,
            record: taskRecord,
            hostIp: record.hostIp ?? '127.0.0.1',
            changed: (kind, text) => this.#taskChanged(allocRecord, taskRecord, kind, text),
            ...(opts.now ? { now: opts.now } : {}),
          }),
        );
      }
      const runner = new AllocRunner({ alloc, record: allocRecord, runners: tasks, hostIp: record.hostIp ?? '127.0.0.1', changed: () => this.#changed() });
      this.#allocs.push({ runner, record: allocRecord, tasks });
    });
  }

  get record(): RunRecord {
    return this.opts.record;
  }

  /** Runs until every allocation is done; resolves with the exit status: 1 when a task failed, else 0. */
  async run(): Promise<number> {
    const { record, writer } = this.opts;
    record.supervisorPid = process.pid;
    void this.#followDriverEvents();
    for (const a of this.#allocs) {
      for (const task of a.record.tasks.filter((t) => t.skipped !== undefined)) {
        pushTaskEvent(task, this.#now(), task.skipped!);
        this.opts.observer?.task({ kind: 'skipped', time: this.#now(), alloc: a.record, task, text: `skipped: ${task.skipped}` });
      }
    }
    this.#changed();
    await Promise.all(this.#allocs.map((a) => a.runner.run()));
    const failed = record.allocs.some((a) => a.status === 'failed');
    record.status = this.#stopping ? 'stopped' : failed ? 'failed' : 'complete';
    await writer.save();
    await this.opts.beforeEnd?.();
    this.#runChanged('ended');
    this.#events.abort();
    await this.opts.driver.shutdown();
    return record.status === 'failed' ? 1 : 0;
  }

  /** Stops every task with its kill signal and timeout (poststop tasks then run); resolves when all are dead. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      this.#runChanged('stopping');
      await Promise.all(this.#allocs.map((a) => a.runner.stop()));
    })();
    return this.#stopping;
  }

  /** Stops at once: no kill timeouts, no restart delays, no poststop tasks. */
  force(): Promise<void> {
    void this.stop();
    this.#forcing ??= (async () => {
      this.#runChanged('forcing');
      await Promise.all(this.#allocs.map((a) => a.runner.stop(true)));
    })();
    return this.#forcing;
  }

  #taskChanged(alloc: AllocRecord, task: TaskRecord, kind: TaskChangeKind | undefined, text: string | undefined): void {
    if (kind !== undefined && text !== undefined) this.opts.observer?.task({ kind, time: this.#now(), alloc, task, text });
    this.#changed();
    this.#allocs.find((a) => a.record === alloc)?.runner.evaluate();
  }

  #changed(): void {
    const { record, writer } = this.opts;
    if (record.status === 'starting' && startProgress(record).kind === 'started') record.status = 'running';
    void writer.save();
  }

  #runChanged(kind: RunChangeKind): void {
    this.opts.observer?.run({ kind, time: this.#now(), record: this.opts.record });
  }

  /** The driver's own events (preparing, failures, started, stopping) join the task's record. */
  async #followDriverEvents(): Promise<void> {
    try {
      for await (const event of this.opts.driver.taskEvents(this.#events.signal)) {
        for (const a of this.#allocs) {
          const task = a.record.tasks.find((t) => t.taskId === event.taskId);
          if (task === undefined) continue;
          pushTaskEvent(task, event.timestamp, event.message);
          void this.opts.writer.save();
        }
      }
    } catch {
      // the stream ends with the driver
    }
  }

  #now(): Date {
    return (this.opts.now ?? (() => new Date()))();
  }
}
