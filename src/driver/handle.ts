import type { TaskConfig } from './task-config.js';
import type { NetworkOverride, TaskStatus, WaitResult } from './types.js';

export interface TaskHandleInit {
  task: TaskConfig;
  potName: string;
  /** The pot binary the jail was started with; every later command for it uses the same. */
  potBin: string;
  /** The `pot start` process, leader of its own session. */
  pid: number;
  startedAt: Date;
  /** The jail's own address and port map, for a jail that has one. */
  network?: NetworkOverride;
}

/** Raised to a waiter whose caller gave up. */
export class WaitCancelledError extends Error {
  constructor(taskId: string) {
    super(`stopped waiting for task ${taskId}: the call was cancelled`);
    this.name = 'WaitCancelledError';
  }
}

/**
 * One started task and everything known about it. Its state moves once, from running to exited, and only
 * through `markExited`; the pot is destroyed through `destroyPot`, at most once successfully, whoever asks.
 */
export class TaskHandle {
  readonly id: string;
  readonly task: TaskConfig;
  readonly potName: string;
  readonly potBin: string;
  readonly pid: number;
  readonly startedAt: Date;
  readonly network: NetworkOverride | undefined;

  #state: 'running' | 'exited' = 'running';
  #completedAt: Date | undefined;
  #result: WaitResult | undefined;
  #resolveExit!: (result: WaitResult) => void;
  readonly #exited: Promise<WaitResult>;
  #destroying: Promise<void> | undefined;
  #destroyed = false;
  #stopping: Promise<void> | undefined;
  #stopSignal: string | undefined;
  readonly #disposers: (() => void)[] = [];

  constructor(init: TaskHandleInit) {
    this.id = init.task.id;
    this.task = init.task;
    this.potName = init.potName;
    this.potBin = init.potBin;
    this.pid = init.pid;
    this.startedAt = init.startedAt;
    this.network = init.network;
    this.#exited = new Promise((resolve) => (this.#resolveExit = resolve));
  }

  get state(): 'running' | 'exited' {
    return this.#state;
  }

  get running(): boolean {
    return this.#state === 'running';
  }

  get completedAt(): Date | undefined {
    return this.#completedAt;
  }

  get result(): WaitResult | undefined {
    return this.#result;
  }

  /** The signal StopTask sent, if it did. */
  get stopSignal(): string | undefined {
    return this.#stopSignal;
  }

  get potDestroyed(): boolean {
    return this.#destroyed;
  }

  /** Records how the task ended; only the first call counts. Every waiter, past and future, gets this result. */
  markExited(result: WaitResult, at: Date): boolean {
    if (this.#state === 'exited') return false;
    this.#state = 'exited';
    this.#completedAt = at;
    this.#result = { ...result };
    this.#resolveExit(this.#result);
    return true;
  }

  /** Resolves with the exit result (at once when the task has exited); rejects only when `signal` fires first. */
  wait(signal?: AbortSignal): Promise<WaitResult> {
    if (this.#result !== undefined) return Promise.resolve(this.#result);
    if (signal === undefined) return this.#exited;
    if (signal.aborted) return Promise.reject(new WaitCancelledError(this.id));
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(new WaitCancelledError(this.id));
      signal.addEventListener('abort', onAbort, { once: true });
      void this.#exited.then((result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      });
    });
  }

  /** Whether the task exits within `ms` (or `signal` fires first: false). */
  async exitsWithin(ms: number, signal?: AbortSignal): Promise<boolean> {
    if (!this.running) return true;
    if (ms <= 0 || signal?.aborted) return false;
    return new Promise((resolve) => {
      const finish = (value: boolean): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      };
      const onAbort = (): void => finish(false);
      const timer = setTimeout(() => finish(false), ms);
      signal?.addEventListener('abort', onAbort, { once: true });
      void this.#exited.then(() => finish(true));
    });
  }

  noteStopSignal(signal: string): void {
    this.#stopSignal ??= signal;
  }

  /** Runs `destroy` unless it already succeeded or is under way; a failure lets the next caller try again. */
  destroyPot(destroy: () => Promise<unknown>): Promise<void> {
    if (this.#destroyed) return Promise.resolve();
    this.#destroying ??= destroy().then(
      () => {
        this.#destroyed = true;
      },
      (error: unknown) => {
        this.#destroying = undefined;
        throw error;
      },
    );
    return this.#destroying;
  }

  /** Runs `stop` unless a stop is already under way, in which case that one is joined. */
  stopOnce(stop: () => Promise<void>): Promise<void> {
    this.#stopping ??= stop().finally(() => {
      this.#stopping = undefined;
    });
    return this.#stopping;
  }

  /** Registers clean-up (timers, watchers) for when the driver forgets the task or shuts down. */
  onDispose(dispose: () => void): void {
    this.#disposers.push(dispose);
  }

  dispose(): void {
    for (const dispose of this.#disposers.splice(0)) dispose();
  }

  snapshot(): TaskStatus {
    const status: TaskStatus = {
      id: this.id,
      name: this.task.taskName,
      state: this.#state,
      startedAt: this.startedAt,
    };
    if (this.#completedAt !== undefined) status.completedAt = this.#completedAt;
    if (this.#result !== undefined) status.result = { exitCode: this.#result.exitCode, signal: this.#result.signal, oomKilled: this.#result.oomKilled };
    return status;
  }
}
