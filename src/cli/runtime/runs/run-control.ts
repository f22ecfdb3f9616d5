import { PotDriver } from '../../../driver/driver.js';
import { decodeDriverState } from '../../../driver/driver-state.js';
import { adoptedState } from '../../../driver/lifecycle/recover.js';
import { processAlive } from '../../../driver/process-alive.js';
import type { HandleState, TaskState } from '../../../driver/types.js';
import { createPotCommands, createPotRunner } from '../../../pot/index.js';
import type { RunRecord, TaskRecord } from '../../state/run-record.js';
import type { RunStore } from '../../state/run-store.js';
import { REAL_POT, runBackendEnv } from '../backend.js';

/** A task the record says runs, but whose saved handle cannot be used. */
export class TaskHandleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TaskHandleError';
  }
}

/** Between liveness checks of a re-adopted jail whose run nobody else supervises. */
const OWNER_POLL_MS = 500;
/** setTimeout's longest delay: an observer's watch of a jail never fires while it looks. */
const NEVER_MS = 2_147_483_647;

/**
 * One run's record and a driver for its jails, reached through the same recovery code the plugin uses. While the
 * run's supervisor is alive this process only observes its jails: it never concludes a task (that would take the
 * exit code from the supervisor). Once the supervisor is gone, this process owns the run and does.
 */
export class RunControl {
  #driver: PotDriver | undefined;
  #owner = false;

  constructor(
    readonly store: RunStore,
    public record: RunRecord,
  ) {}

  get id(): string {
    return this.record.id;
  }

  /** The run's supervisor runs (and is not this process). */
  supervisorAlive(): boolean {
    const pid = this.record.supervisorPid;
    return pid !== undefined && pid !== process.pid && processAlive(pid);
  }

  /** The emulator finds its pots through POT_EMULATOR_ROOT (and more); every pot call of this run needs the run's. */
  applyEnv(): void {
    Object.assign(process.env, runBackendEnv(this.record));
  }

  /** Whether this process concludes tasks that end (decided when the driver is made). */
  get owner(): boolean {
    return this.#owner;
  }

  driver(): PotDriver {
    if (this.#driver === undefined) {
      this.#owner = !this.supervisorAlive();
      this.#driver = new PotDriver({
        defaults: { potBin: this.record.potBin ?? REAL_POT },
        timings: { keepAlive: false, recoverPollMs: this.#owner ? OWNER_POLL_MS : NEVER_MS },
      });
    }
    return this.#driver;
  }

  /**
   * Re-adopts the task from its saved handle and says whether its jail runs. An observer does not adopt a jail
   * that has ended: the supervisor will record that end.
   */
  async recover(task: TaskRecord, signal: AbortSignal): Promise<TaskState> {
    const driver = this.driver();
    const handle = savedHandle(task);
    const taskId = task.taskId as string;
    this.applyEnv();
    const known = await driver.inspectTask(taskId, signal).catch(() => undefined);
    if (known !== undefined) return known.status.state;
    if (!this.#owner && !(await this.jailRuns(handle))) return 'exited';
    await driver.recoverTask({ taskId, handle }, signal);
    return (await driver.inspectTask(taskId, signal)).status.state;
  }

  async close(): Promise<void> {
    await this.#driver?.shutdown();
    this.#driver = undefined;
  }

  private async jailRuns(handle: HandleState): Promise<boolean> {
    const state = decodeDriverState(handle.driverState, handle.version);
    // As RecoverTask sees it, a pot start still bringing its jail up included.
    const host = { processAlive, commands: createPotCommands(createPotRunner(state.potBin)) };
    return (await adoptedState(host, state, new Date(), this.driver().settings.commandTimeoutMs)) !== 'ended';
  }
}

function savedHandle(task: TaskRecord): HandleState {
  if (task.taskId === undefined || task.handle === undefined) throw new TaskHandleError(`task "${task.name}" has no saved handle to re-adopt it from`);
  const { version, state, driverState } = task.handle;
  const bytes = Buffer.from(driverState, 'base64');
  return { version, state: state === 'running' || state === 'exited' ? state : 'unknown', driverState: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}
