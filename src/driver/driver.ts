import { POT_CAPABILITIES } from './capabilities.js';
import { ChangeSignal } from './changes.js';
import { DEFAULT_TIMINGS, type DriverContext, type DriverTimings } from './context.js';
import { execTask } from './exec/exec.js';
import { execTaskStreaming } from './exec/exec-streaming.js';
import { signalTask } from './exec/signal.js';
import { destroyTask } from './lifecycle/destroy.js';
import { recoverTask } from './lifecycle/recover.js';
import { startTask } from './lifecycle/start.js';
import { stopTask } from './lifecycle/stop.js';
import { waitTask } from './lifecycle/wait.js';
import { SILENT_LOG, type DriverLog } from './log.js';
import { EventBus } from './observe/events.js';
import { fingerprint } from './observe/fingerprint.js';
import { inspectTask } from './observe/inspect.js';
import { taskStats } from './observe/stats.js';
import { createPotBackend, type PotBackend, type PotBackendFactory } from './pot-backend.js';
import { decodeDriverSettings, DEFAULT_SETTINGS, type DriverSettings } from './settings.js';
import { TaskStore } from './task-store.js';
import type {
  DriverCapabilities,
  DriverService,
  ExecResult,
  ExecSession,
  ExitResult,
  Fingerprint,
  InspectedTask,
  PluginSettings,
  RecoverTaskRequest,
  StartedTask,
  StartTaskRequest,
  TaskEvent,
  TaskStats,
  WaitResult,
} from './types.js';

export interface PotDriverOptions {
  log?: DriverLog;
  /** Timestamps of handles, events and stats. */
  clock?: () => Date;
  /** Settings in force until SetConfig replaces them (the CLI never calls it). */
  defaults?: Partial<DriverSettings>;
  timings?: Partial<DriverTimings>;
  /** How pot is reached for a given binary; the real adapter by default. */
  backend?: PotBackendFactory;
  /** Reported as the node attribute `driver.pot.plugin_version`. */
  pluginVersion?: string;
}

/**
 * The pot task driver: Nomad's task lifecycle over pot jails. Each method states what Nomad's client expects
 * of it and hands the work to the module of its family (`lifecycle/`, `observe/`, `exec/`).
 */
export class PotDriver implements DriverService {
  readonly #ctx: DriverContext;
  readonly #backends = new Map<string, PotBackend>();
  readonly #configChanges = new ChangeSignal();
  readonly #lifetime = new AbortController();
  readonly #events = new EventBus();
  #settings: DriverSettings;

  constructor(options: PotDriverOptions = {}) {
    this.#settings = { ...DEFAULT_SETTINGS, ...options.defaults };
    const makeBackend = options.backend ?? createPotBackend;
    const clock = options.clock ?? (() => new Date());
    this.#ctx = {
      store: new TaskStore(),
      potVersions: new Map(),
      events: this.#events,
      log: options.log ?? SILENT_LOG,
      timings: { ...DEFAULT_TIMINGS, ...options.timings },
      pluginVersion: options.pluginVersion ?? '',
      lifetime: this.#lifetime.signal,
      now: clock,
      settings: () => this.#settings,
      backend: (bin = this.#settings.potBin) => {
        let backend = this.#backends.get(bin);
        if (backend === undefined) this.#backends.set(bin, (backend = makeBackend(bin)));
        return backend;
      },
    };
  }

  /** The settings in force. */
  get settings(): Readonly<DriverSettings> {
    return this.#settings;
  }

  /** SetConfig, possibly several times with the same block: decode and check it (ConfigError), then use it. */
  async setConfig(settings: PluginSettings): Promise<void> {
    this.#settings = decodeDriverSettings(settings.config);
    this.#ctx.log.debug('driver settings', { ...this.#settings });
    this.#configChanges.notify();
  }

  /** Asked before each task start; static for this driver. */
  async capabilities(_signal: AbortSignal): Promise<DriverCapabilities> {
    return { ...POT_CAPABILITIES, networkIsolationModes: [...POT_CAPABILITIES.networkIsolationModes] };
  }

  /** One long stream per plugin instance: at once, on change, every 30 s; never ends by itself. */
  fingerprint(signal: AbortSignal): AsyncIterable<Fingerprint> {
    return fingerprint(this.#ctx, this.#configChanges, signal);
  }

  /** Builds and starts the jail; the handle's driver state is all a later RecoverTask will have. */
  startTask(request: StartTaskRequest, signal: AbortSignal): Promise<StartedTask> {
    return startTask(this.#ctx, request, signal);
  }

  /** Re-adopts a task after a restart; OK when already known; an error makes Nomad destroy and reschedule. */
  recoverTask(request: RecoverTaskRequest, _signal: AbortSignal): Promise<void> {
    return recoverTask(this.#ctx, request);
  }

  /** Long poll for the exit result, for any number of concurrent callers; at once for an exited task. */
  waitTask(taskId: string, signal: AbortSignal): Promise<WaitResult> {
    return Promise.resolve().then(() => waitTask(this.#ctx, taskId, signal));
  }

  /** Signal, wait up to the timeout, then force; OK for unknown or finished tasks. Nomad retries failures. */
  stopTask(taskId: string, timeoutMs: number, killSignal: string, signal: AbortSignal): Promise<void> {
    return stopTask(this.#ctx, taskId, timeoutMs, killSignal, signal);
  }

  /** After every exit (force = true): free everything; a running task needs force. Unknown ids are fine. */
  destroyTask(taskId: string, force: boolean, signal: AbortSignal): Promise<void> {
    return destroyTask(this.#ctx, taskId, force, signal);
  }

  /** Never called by Nomad's client; for tools and tests. */
  async inspectTask(taskId: string, _signal: AbortSignal): Promise<InspectedTask> {
    return inspectTask(this.#ctx, taskId);
  }

  /** One sample per interval while the task runs; Nomad re-opens the stream when it ends. */
  taskStats(taskId: string, intervalMs: number, signal: AbortSignal): AsyncIterable<TaskStats> {
    return taskStats(this.#ctx, taskId, intervalMs, signal);
  }

  /** One stream per plugin instance, routed by alloc id and task name; never ends by itself. */
  taskEvents(signal: AbortSignal): AsyncIterable<TaskEvent> {
    return this.#events.subscribe(AbortSignal.any([signal, this.#lifetime.signal]));
  }

  /** `nomad alloc signal`, template `change_mode = "signal"`. */
  signalTask(taskId: string, taskSignal: string, signal: AbortSignal): Promise<void> {
    return signalTask(this.#ctx, taskId, taskSignal, signal);
  }

  /** Script checks; a result is always returned for a command that ran. */
  execTask(taskId: string, command: string[], timeoutMs: number, signal: AbortSignal): Promise<ExecResult> {
    return execTask(this.#ctx, taskId, command, timeoutMs, signal);
  }

  /** `nomad alloc exec`. */
  execTaskStreaming(session: ExecSession): Promise<ExitResult> {
    return execTaskStreaming(this.#ctx, session);
  }

  /** The agent shuts down: stop watching, end the streams, and leave every jail running for recovery. */
  async shutdown(_signal?: AbortSignal): Promise<void> {
    this.#lifetime.abort();
    this.#events.close();
    for (const handle of this.#ctx.store.all()) handle.dispose();
  }
}
