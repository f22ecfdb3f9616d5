import type { PotVersion } from '../pot/index.js';
import type { DriverLog } from './log.js';
import type { EventBus } from './observe/events.js';
import type { PotBackend } from './pot-backend.js';
import type { DriverSettings } from './settings.js';
import type { TaskStore } from './task-store.js';

/** Waiting times of the core; tests shorten them. */
export interface DriverTimings {
  /** Between fingerprints when nothing changes. */
  fingerprintIntervalMs: number;
  /** Between liveness checks of a re-adopted `pot start`. */
  recoverPollMs: number;
  /** How long `pot start` gets to end after its pot was destroyed, before its process group is killed. */
  exitGraceMs: number;
  /** Between attempts to deliver a stop signal to a jail that is still starting. */
  signalRetryMs: number;
  /** Keep this process alive while a `pot start` it spawned runs (a CLI waiting on its tasks wants this). */
  keepAlive: boolean;
}

export const DEFAULT_TIMINGS: Readonly<DriverTimings> = {
  fingerprintIntervalMs: 30_000,
  recoverPollMs: 500,
  exitGraceMs: 15_000,
  signalRetryMs: 250,
  keepAlive: true,
};

/** What every lifecycle, observe and exec module works with. */
export interface DriverContext {
  readonly store: TaskStore;
  /** The version of pot behind each binary, as last seen; options are checked against it. */
  readonly potVersions: Map<string, PotVersion>;
  readonly events: EventBus;
  readonly log: DriverLog;
  readonly timings: DriverTimings;
  readonly pluginVersion: string;
  /** Fires when the driver shuts down. */
  readonly lifetime: AbortSignal;
  now(): Date;
  settings(): DriverSettings;
  /** The backend for the configured pot binary, or for `bin` (a jail keeps the binary it was started with). */
  backend(bin?: string): PotBackend;
}
