/**
 * The driver core's contract with the front doors that play Nomad's client (the gRPC plugin, the CLI), in the
 * project's own types: no proto message, msgpack or gRPC status appears here.
 *
 * Errors: a rejection carries a `kind` when the front door should treat it specially: `config` (the user's or
 * operator's configuration is wrong), `not-found` (unknown task id), `retryable` (worth retrying under the job's
 * restart policy), `unimplemented`. Anything else is an internal failure, reported with its message.
 * Signals: every call gets an AbortSignal that fires when the caller gives up or the front door shuts down.
 */
import type { TaskConfig } from './task-config.js';

/** A task as Nomad describes it at start, without the pot config, which the core decodes and validates. */
export type NomadTask = Omit<TaskConfig, 'pot'>;

/** The driver `config {}` block as sent by Nomad, msgpack-decoded, with nulls dropped; not yet validated. */
export type RawDriverConfig = Record<string, unknown>;

export interface PluginSettings {
  /** The agent's `plugin "…" { config {} }` block, decoded like a task's; Nomad has applied the defaults. */
  config: RawDriverConfig;
  /** The driver API version Nomad picked from ours, e.g. `v0.1.0`. */
  apiVersion: string;
  /** The client's `client_min_port`..`client_max_port`; absent when the agent only validates the config. */
  clientPorts?: { min: number; max: number };
}

export type FsIsolation = 'none' | 'chroot' | 'image' | 'unveil';
export type NetworkIsolationMode = 'host' | 'group' | 'task' | 'none';

export interface DriverCapabilities {
  sendSignals: boolean;
  exec: boolean;
  fsIsolation: FsIsolation;
  networkIsolationModes: NetworkIsolationMode[];
  mustCreateNetwork: boolean;
  /** `none` makes Nomad reject `volume_mount` for this driver. */
  mounts: 'any' | 'none';
  disableLogCollection: boolean;
  dynamicWorkloadUsers: boolean;
}

/** One node attribute, typed as Nomad's `structs.Attribute`. */
export type Attribute = { string: string } | { bool: boolean } | { int: number; unit?: string } | { float: number; unit?: string };

export interface Fingerprint {
  health: 'undetected' | 'unhealthy' | 'healthy';
  healthDescription: string;
  /** Keys by convention `driver.pot.<name>`. */
  attributes: Record<string, Attribute>;
  /** Marks the driver unhealthy on Nomad 1.11.3 and later, while the stream stays open. */
  err?: string;
}

export type TaskState = 'unknown' | 'running' | 'exited';

/** The driver-owned part of Nomad's TaskHandle, persisted by the client and handed back on recovery. */
export interface HandleState {
  /** Schema version of `driverState`; 0 is reserved by Nomad. */
  version: number;
  state: TaskState;
  driverState: Uint8Array;
}

export interface NetworkOverride {
  portMap: Record<string, number>;
  addr: string;
  autoAdvertise: boolean;
}

export interface StartTaskRequest {
  task: NomadTask;
  driverConfig: RawDriverConfig;
}

export interface StartedTask {
  handle: HandleState;
  network?: NetworkOverride;
}

export interface RecoverTaskRequest {
  taskId: string;
  handle: HandleState;
  /** The task as the client stored it; its driver config is gone after an agent restart, hence `driverState`. */
  task?: NomadTask;
}

export interface ExitResult {
  exitCode: number;
  signal: number;
  oomKilled: boolean;
}

export interface WaitResult extends ExitResult {
  /** Set when the driver lost track of how the task ended. */
  err?: string;
}

export interface TaskStatus {
  id: string;
  name: string;
  state: TaskState;
  startedAt?: Date;
  completedAt?: Date;
  result?: ExitResult;
}

export interface InspectedTask {
  status: TaskStatus;
  driverAttributes: Record<string, string>;
  network?: NetworkOverride;
}

/** Only the numbers that are present are reported to Nomad as measured. */
export interface CpuUsage {
  systemMode?: number;
  userMode?: number;
  totalTicks?: number;
  throttledPeriods?: number;
  throttledTime?: number;
  percent?: number;
}

export interface MemoryUsage {
  rss?: number;
  cache?: number;
  maxUsage?: number;
  kernelUsage?: number;
  kernelMaxUsage?: number;
  usage?: number;
  swap?: number;
}

export interface ResourceUsage {
  cpu: CpuUsage;
  memory: MemoryUsage;
}

export interface TaskStats {
  id: string;
  timestamp: Date;
  usage: ResourceUsage;
  /** Keyed by pid. */
  byPid?: Record<string, ResourceUsage>;
}

export interface TaskEvent {
  taskId: string;
  allocId: string;
  taskName: string;
  timestamp: Date;
  message: string;
  annotations: Record<string, string>;
}

export interface ExecResult {
  stdout: Uint8Array;
  stderr: Uint8Array;
  result: ExitResult;
}

export type ExecInput = { stdin: Uint8Array } | { stdinClosed: true } | { resize: { height: number; width: number } };

/** An interactive `nomad alloc exec`: the command, the client's input, and where output goes. */
export interface ExecSession {
  taskId: string;
  command: string[];
  tty: boolean;
  /** Ends when the client goes away. */
  input: AsyncIterable<ExecInput>;
  stdout(data: Uint8Array): Promise<void>;
  stderr(data: Uint8Array): Promise<void>;
  signal: AbortSignal;
}

export interface NetworkIsolation {
  mode: NetworkIsolationMode;
  path: string;
  labels: Record<string, string>;
  hosts?: { hostname: string; address: string };
}

export interface DriverService {
  /** Each SetConfig; may be called more than once with the same settings. */
  setConfig(settings: PluginSettings): Promise<void>;
  capabilities(signal: AbortSignal): Promise<DriverCapabilities>;
  /** First value at once, then on every change; should not end while the plugin runs. */
  fingerprint(signal: AbortSignal): AsyncIterable<Fingerprint>;
  startTask(request: StartTaskRequest, signal: AbortSignal): Promise<StartedTask>;
  recoverTask(request: RecoverTaskRequest, signal: AbortSignal): Promise<void>;
  /** Resolves when the task has exited (at once if it already has), for as many waiters as ask. */
  waitTask(taskId: string, signal: AbortSignal): Promise<WaitResult>;
  /** `killSignal` is empty when the job sets no `kill_signal`. */
  stopTask(taskId: string, timeoutMs: number, killSignal: string, signal: AbortSignal): Promise<void>;
  destroyTask(taskId: string, force: boolean, signal: AbortSignal): Promise<void>;
  taskStats(taskId: string, intervalMs: number, signal: AbortSignal): AsyncIterable<TaskStats>;
  /** Events for all tasks of this plugin; should not end while the plugin runs. */
  taskEvents(signal: AbortSignal): AsyncIterable<TaskEvent>;
  /** `taskSignal` is a name such as `SIGHUP`. */
  signalTask(taskId: string, taskSignal: string, signal: AbortSignal): Promise<void>;
  /** `timeoutMs` 0 means no limit. */
  execTask(taskId: string, command: string[], timeoutMs: number, signal: AbortSignal): Promise<ExecResult>;
  execTaskStreaming(session: ExecSession): Promise<ExitResult>;

  // Optional: a missing method answers UNIMPLEMENTED, which Nomad tolerates for each of these.
  init?(signal: AbortSignal): Promise<void>;
  shutdown?(signal: AbortSignal): Promise<void>;
  inspectTask?(taskId: string, signal: AbortSignal): Promise<InspectedTask>;
  createNetwork?(allocId: string, hostname: string, signal: AbortSignal): Promise<{ isolation: NetworkIsolation; created: boolean }>;
  destroyNetwork?(allocId: string, isolation: NetworkIsolation | undefined, signal: AbortSignal): Promise<void>;
}
