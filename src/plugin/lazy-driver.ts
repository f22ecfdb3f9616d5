/**
 * The driver core, loaded by the first call that needs it. Nomad waits for the handshake line before it can
 * use the plugin at all, and its first calls (plugin info, health, schemas) need none of the core (lifecycle,
 * pot runner, parsers: half the plugin's modules), so neither the handshake nor they wait for it.
 */
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
} from './services/driver-port.js';

/** What the pot driver implements of the service: all but the optional network and Init calls. */
export type CoreDriver = Required<Omit<DriverService, 'createNetwork' | 'destroyNetwork' | 'init'>>;

export class LazyDriver implements CoreDriver {
  #driver: Promise<CoreDriver> | undefined;

  constructor(private readonly load: () => Promise<CoreDriver>) {}

  private core(): Promise<CoreDriver> {
    this.#driver ??= this.load();
    return this.#driver;
  }

  async setConfig(settings: PluginSettings): Promise<void> {
    return (await this.core()).setConfig(settings);
  }
  async capabilities(signal: AbortSignal): Promise<DriverCapabilities> {
    return (await this.core()).capabilities(signal);
  }
  async *fingerprint(signal: AbortSignal): AsyncIterable<Fingerprint> {
    yield* (await this.core()).fingerprint(signal);
  }
  async startTask(request: StartTaskRequest, signal: AbortSignal): Promise<StartedTask> {
    return (await this.core()).startTask(request, signal);
  }
  async recoverTask(request: RecoverTaskRequest, signal: AbortSignal): Promise<void> {
    return (await this.core()).recoverTask(request, signal);
  }
  async waitTask(taskId: string, signal: AbortSignal): Promise<WaitResult> {
    return (await this.core()).waitTask(taskId, signal);
  }
  async stopTask(taskId: string, timeoutMs: number, killSignal: string, signal: AbortSignal): Promise<void> {
    return (await this.core()).stopTask(taskId, timeoutMs, killSignal, signal);
  }
  async destroyTask(taskId: string, force: boolean, signal: AbortSignal): Promise<void> {
    return (await this.core()).destroyTask(taskId, force, signal);
  }
  async inspectTask(taskId: string, signal: AbortSignal): Promise<InspectedTask> {
    return (await this.core()).inspectTask(taskId, signal);
  }
  async *taskStats(taskId: string, intervalMs: number, signal: AbortSignal): AsyncIterable<TaskStats> {
    yield* (await this.core()).taskStats(taskId, intervalMs, signal);
  }
  async *taskEvents(signal: AbortSignal): AsyncIterable<TaskEvent> {
    yield* (await this.core()).taskEvents(signal);
  }
  async signalTask(taskId: string, taskSignal: string, signal: AbortSignal): Promise<void> {
    return (await this.core()).signalTask(taskId, taskSignal, signal);
  }
  async execTask(taskId: string, command: string[], timeoutMs: number, signal: AbortSignal): Promise<ExecResult> {
    return (await this.core()).execTask(taskId, command, timeoutMs, signal);
  }
  async execTaskStreaming(session: ExecSession): Promise<ExitResult> {
    return (await this.core()).execTaskStreaming(session);
  }
  /** Nothing to shut down if the core was never loaded. */
  async shutdown(signal: AbortSignal): Promise<void> {
    if (this.#driver !== undefined) return (await this.#driver).shutdown(signal);
  }
}
