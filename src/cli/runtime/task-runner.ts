import { setTimeout as sleep } from 'node:timers/promises';
import { messageOf } from '../../driver/error-message.js';
import { potName } from '../../driver/pot-name.js';
import { DEFAULT_KILL_SIGNAL, normalizeSignal } from '../../driver/signals.js';
import type { DriverService, WaitResult } from '../../driver/types.js';
import { newInvocationId } from '../../nomad/ids.js';
import type { TaskStatus } from '../../nomad/lifecycle.js';
import type { PotTask } from '../../nomad/pot-tasks.js';
import { initialRestartState, nextRestart, type TaskOutcome } from '../../nomad/restart.js';
import { renderTemplates } from '../../nomad/template.js';
import { formatDuration } from '../../shared/duration.js';
import type { TaskRecord } from '../state/run-record.js';
import { pushTaskEvent, type TaskChangeKind } from './run-events.js';
import type { RunJob } from './run-job.js';
import { taskAttempt } from './task-attempt.js';

export type TaskDriver = Pick<DriverService, 'startTask' | 'waitTask' | 'stopTask' | 'destroyTask'>;

export interface TaskRunnerContext {
  driver: TaskDriver;
  job: RunJob;
  pot: PotTask;
  record: TaskRecord;
  hostIp: string;
  /** The record changed; `kind` and `text` say how when it is worth telling. */
  changed(kind?: TaskChangeKind, text?: string): void;
  now?: () => Date;
  random?: () => number;
}

const NEVER = new AbortController().signal;
const STOPPED = 'the run was stopped';

/**
 * One task of an allocation, as Nomad's task runner drives it: templates, then start, wait, and the
 * restart policy's verdict after every exit or failed start, each start with a new invocation id.
 * Starting, waiting and stopping are the driver's; this only decides when.
 */
export class TaskRunner {
  readonly record: TaskRecord;
  #done: Promise<void> | undefined;
  #stopped: Promise<void> | undefined;
  #stopping = false;
  #forced = false;
  /** The start that is running now, until its exit has been handled. */
  #running: string | undefined;
  #killing: Promise<void> | undefined;
  readonly #startAbort = new AbortController();
  readonly #delayAbort = new AbortController();
  readonly #stopAbort = new AbortController();

  constructor(private readonly ctx: TaskRunnerContext) {
    this.record = ctx.record;
  }

  get launched(): boolean {
    return this.#done !== undefined;
  }

  /** The task as Nomad's lifecycle coordinator sees it: started once it has run (or is between runs). */
  lifecycleStatus(): TaskStatus {
    const r = this.record;
    if (r.state === 'dead') return { state: 'dead', failed: r.failed };
    if (r.state === 'pending' || (r.state === 'starting' && r.startedAt === undefined)) return { state: 'pending', failed: false };
    return { state: 'running', failed: false };
  }

  start(): void {
    this.#done ??= this.#run();
  }

  /** Resolves once the task is dead. */
  done(): Promise<void> {
    return this.#done ?? Promise.resolve();
  }

  /** Marks a task that never started dead, e.g. when its allocation ends first; `why` in a few words. */
  cancel(why: string): void {
    if (this.launched || this.record.state === 'dead') return;
    this.#stopping = true;
    this.record.state = 'dead';
    this.#event(`Task not started: ${why}`);
    this.ctx.changed('cancelled', `not started: ${why}`);
  }

  /** Marks a task that cannot be started at all dead and failed. */
  fail(message: string): void {
    if (this.launched || this.record.state === 'dead') return;
    this.#stopping = true;
    this.record.state = 'dead';
    this.record.failed = true;
    this.record.message = message;
    this.#event(message);
    this.ctx.changed('failed', `could not be started: ${message}`);
  }

  /** Stops the task with its kill signal and kill timeout; `reason` becomes an event first. */
  stop(reason?: string): Promise<void> {
    if (!this.launched) {
      this.cancel(reason ?? STOPPED);
      return Promise.resolve();
    }
    this.#stopped ??= this.#stop(reason);
    return this.#stopped;
  }

  /** Stops at once: no kill timeout, no restart delay. */
  force(): Promise<void> {
    this.#forced = true;
    this.#stopAbort.abort();
    return this.stop();
  }

  async #stop(reason: string | undefined): Promise<void> {
    if (this.record.state === 'dead') return;
    this.#stopping = true;
    if (reason) this.#event(reason);
    this.#delayAbort.abort();
    this.#startAbort.abort();
    if (this.#running !== undefined) await this.#kill(this.#running);
    await this.done();
  }

  async #run(): Promise<void> {
    const { pot, record } = this.ctx;
    const task = pot.allocated.task;
    this.#event('Task received by client');
    let templateEnv: Record<string, string>;
    try {
      templateEnv = await this.#renderTemplates();
    } catch (error) {
      record.state = 'dead';
      record.failed = true;
      record.message = `Template failed: ${messageOf(error)}`;
      this.#event(record.message);
      this.ctx.changed('failed', `failed: ${record.message}`);
      return;
    }
    let restart = initialRestartState(task.restart ?? pot.alloc.group.restart, pot.alloc.job.type, task.lifecycle, Date.now());
    let invocationId = pot.allocated.invocationId;
    while (!this.#stopping) {
      const outcome = await this.#attempt(invocationId, templateEnv);
      if (outcome === 'stopped') break;
      const { state, decision } = nextRestart(restart, outcome, this.ctx.random);
      restart = state;
      if (decision.action === 'restart') {
        record.restarts++;
        record.state = 'restarting';
        record.message = decision.reason;
        const delay = formatDuration(decision.afterMs);
        this.#event(`Task restarting in ${delay}`);
        this.ctx.changed('restarting', `restarting in ${delay}: ${decision.reason}`);
        await sleep(decision.afterMs, undefined, { signal: this.#delayAbort.signal }).catch(() => undefined);
        invocationId = newInvocationId();
        continue;
      }
      record.state = 'dead';
      record.failed = decision.action === 'fail';
      if (decision.action === 'done') {
        this.ctx.changed('completed', 'completed');
        return;
      }
      this.#event(decision.reason);
      // A start that failed for good is best explained by the driver's error, which is already the message.
      if (outcome.kind === 'exited') record.message = decision.reason;
      this.ctx.changed('failed', `failed: ${decision.reason}`);
      return;
    }
    record.state = 'dead';
    record.failed = false;
    if (record.startedAt !== undefined) {
      this.#event('Task successfully killed');
      this.ctx.changed('killed', 'stopped');
    } else {
      this.#event(`Task not started: ${STOPPED}`);
      this.ctx.changed('cancelled', `not started: ${STOPPED}`);
    }
  }

  async #renderTemplates(): Promise<Record<string, string>> {
    const { pot, job } = this.ctx;
    const task = pot.allocated.task;
    if (task.templates.length === 0) return {};
    const layout = pot.alloc.layout;
    const rendered = await renderTemplates(task, {
      env: pot.allocated.env,
      jobDir: job.jobDir,
      taskDir: layout.taskDir(task.name),
      allocDir: layout.allocDir,
      node: { node: job.node.attributes, meta: job.node.meta },
    });
    return rendered.env;
  }

  /** One start of the task and its end; 'stopped' when a stop came first. */
  async #attempt(invocationId: string, templateEnv: Record<string, string>): Promise<TaskOutcome | 'stopped'> {
    const { pot, record, driver } = this.ctx;
    const request = taskAttempt({
      pot,
      node: this.ctx.job.node,
      hostIp: this.ctx.hostIp,
      invocationId,
      templateEnv,
      stdoutPath: record.stdoutPath,
      stderrPath: record.stderrPath,
    });
    const taskId = request.task.id;
    record.state = 'starting';
    record.taskId = taskId;
    record.potName = potName(pot.allocated.task.name, invocationId, pot.alloc.id);
    delete record.handle;
    delete record.network;
    this.ctx.changed('preparing', `preparing jail ${record.potName}`);

    try {
      const started = await driver.startTask(request, this.#startAbort.signal);
      record.handle = { version: started.handle.version, state: started.handle.state, driverState: Buffer.from(started.handle.driverState).toString('base64') };
      if (started.network !== undefined) record.network = { addr: started.network.addr, portMap: { ...started.network.portMap } };
    } catch (error) {
      if (this.#stopping) return 'stopped';
      record.message = messageOf(error);
      this.#event(`Driver Failure: ${record.message}`);
      this.ctx.changed('failed', `could not be started: ${record.message}`);
      const recoverable = (error as { kind?: unknown }).kind === 'retryable';
      return { kind: 'start-failed', recoverable, atMs: Date.now() };
    }
    this.#running = taskId;
    record.state = 'running';
    record.startedAt = this.#now().toISOString();
    for (const key of ['finishedAt', 'exitCode', 'signal', 'message'] as const) delete record[key];
    this.#event('Task started by client');
    this.ctx.changed('started', 'started');
    if (this.#stopping) void this.#kill(taskId);

    const result = await driver.waitTask(taskId, NEVER).catch((error: unknown): WaitResult => ({ exitCode: 255, signal: 0, oomKilled: false, err: messageOf(error) }));
    // On record before the jail goes (pot's own record of the exit goes with it), so that whoever takes over
    // from a supervisor killed meanwhile still has the true exit code.
    record.exitCode = result.exitCode;
    if (result.signal) record.signal = result.signal;
    else delete record.signal;
    record.finishedAt = this.#now().toISOString();
    this.ctx.changed();
    await this.#killing;
    await driver.destroyTask(taskId, true, NEVER).catch((error: unknown) => this.#event(`Failed to destroy the task: ${messageOf(error)}`));
    this.#running = undefined;
    const signalText = result.signal ? `, Signal: ${result.signal}` : '';
    this.#event(`Exit Code: ${result.exitCode}${signalText}${result.err ? `, Exit Message: ${JSON.stringify(result.err)}` : ''}`);
    this.ctx.changed('exited', `exited with code ${result.exitCode}${result.signal ? ` (signal ${result.signal})` : ''}`);
    if (this.#stopping) return 'stopped';
    return result.signal ? { kind: 'exited', exitCode: result.exitCode, signal: result.signal, atMs: Date.now() } : { kind: 'exited', exitCode: result.exitCode, atMs: Date.now() };
  }

  /** The driver's stop: kill signal, up to kill timeout, then the jail is destroyed. */
  #kill(taskId: string): Promise<void> {
    this.#killing ??= (async () => {
      const { driver, record } = this.ctx;
      const signal = normalizeSignal(record.killSignal ?? '') ?? DEFAULT_KILL_SIGNAL;
      const timeoutMs = this.#forced ? 0 : record.killTimeoutMs;
      this.#event(`Sent ${signal}. Waiting ${formatDuration(timeoutMs)} before force killing`);
      this.ctx.changed('killing', this.#forced ? `stopping at once (${signal}, then destroying the jail)` : `stopping: sent ${signal}, waiting up to ${formatDuration(timeoutMs)}`);
      try {
        await driver.stopTask(taskId, timeoutMs, record.killSignal ?? '', this.#stopAbort.signal);
      } catch {
        // Cut short by a second interrupt, or failed: destroying the task below ends it either way.
        await driver.destroyTask(taskId, true, NEVER).catch((error: unknown) => this.#event(`Failed to kill the task: ${messageOf(error)}`));
      }
    })();
    return this.#killing;
  }

  #event(message: string): void {
    pushTaskEvent(this.record, this.#now(), message);
  }

  #now(): Date {
    return (this.ctx.now ?? (() => new Date()))();
  }
}
