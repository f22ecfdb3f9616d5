import { compareVersions, PotError } from '../../pot/index.js';
import { decodePotConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import { hostPotVersion } from '../observe/pot-version.js';
import { MIN_POT_VERSION, neededPotVersion, potVersionIssues } from '../pot-versions.js';
import type { DriverContext } from '../context.js';
import { encodeDriverState, DRIVER_STATE_VERSION } from '../driver-state.js';
import { messageOf } from '../error-message.js';
import { TaskHandle } from '../handle.js';
import { changedHostPaths, enforceHostPolicy, resolvePolicyPaths } from '../host-policy.js';
import { taskEvent } from '../observe/events.js';
import type { PotBackend } from '../pot-backend.js';
import { planTask, type Argv } from '../planner.js';
import type { PotConfig, TaskConfig } from '../task-config.js';
import { enforceTaskInput } from '../task-input.js';
import type { StartedTask, StartTaskRequest } from '../types.js';
import { followSpawned } from './exit.js';
import { isHostSerial, oneAtATime } from './host-serial.js';
import { removeLeftovers } from './leftovers.js';
import { driverNetwork } from './network.js';
import { TaskAlreadyStartedError, TaskStartError } from './start-error.js';

/**
 * StartTask: decode and check the config, build the jail step by step, then hand it to a detached
 * `pot start` that writes into the task's logs and outlives this process.
 */
export async function startTask(ctx: DriverContext, request: StartTaskRequest, signal: AbortSignal): Promise<StartedTask> {
  const id = request.task.id;
  if (!ctx.store.reserve(id)) throw new TaskAlreadyStartedError(id);
  try {
    enforceTaskInput(request.task);
    const { hostPolicy } = ctx.settings();
    const written = decodePotConfig(request.driverConfig);
    enforceHostPolicy(written, request.task.allocDir, hostPolicy);
    const pot = resolvePolicyPaths(written, hostPolicy);
    const task: TaskConfig = { ...request.task, pot };
    const backend = ctx.backend();
    await enforcePotVersion(ctx, backend, pot, signal);
    const plan = planTask(task, { potBin: backend.bin });
    const startArgv = plan.start.at(-1) as Argv;
    const event = (message: string): void => ctx.events.emit(taskEvent(task, message, ctx.now(), { pot: plan.potName }));

    event(`Preparing jail ${plan.potName} from ${task.pot.image} ${task.pot.pot}:${task.pot.tag}`);
    ctx.log.info('starting task', { task_id: id, pot: plan.potName });
    try {
      // Looking for (and removing) what earlier starts left overlaps the building of this jail, a pot command's
      // time saved; it is over before this jail starts, so a leftover still running frees its ports first.
      const leftovers = removeLeftovers(ctx, backend, task, plan.potName, signal, event);
      const [, built] = await Promise.allSettled([leftovers, runSteps(ctx, backend, plan.start.slice(0, -1), signal)]);
      if (built.status === 'rejected') throw built.reason;
      // pot has taken the paths; one swapped for a symlink meanwhile must not reach the jail.
      const changed = changedHostPaths(pot, hostPolicy);
      if (changed.length > 0) throw new ConfigError(changed);
      const network = await driverNetwork(ctx, backend, pot, plan.potName, signal);
      const { commandTimeoutMs } = ctx.settings();
      const spawned = await backend.spawnDetached(startArgv.slice(1), {
        stdoutPath: task.stdoutPath || '/dev/null',
        stderrPath: task.stderrPath || '/dev/null',
        keepAlive: ctx.timings.keepAlive,
        // Opening a log FIFO waits for its reader; "no limit" keeps the spawner's own.
        ...(commandTimeoutMs > 0 ? { fifoOpenTimeoutMs: commandTimeoutMs } : {}),
      });
      const handle = new TaskHandle({ task, potName: plan.potName, potBin: backend.bin, pid: spawned.pid, startedAt: ctx.now(), ...(network ? { network } : {}) });
      ctx.store.add(handle);
      followSpawned(ctx, handle, spawned.exited);
      event('Jail started');
      ctx.log.info('task started', { task_id: id, pot: plan.potName, pid: spawned.pid });
      const driverState = encodeDriverState({ potName: plan.potName, pid: spawned.pid, startedAt: handle.startedAt, potBin: backend.bin, task, ...(network ? { network } : {}) });
      return { handle: { version: DRIVER_STATE_VERSION, state: 'running', driverState }, ...(network ? { network } : {}) };
    } catch (error) {
      // A config problem found only now (a host path that changed) stays a config problem.
      const failure = error instanceof ConfigError ? error : startFailure(plan.potName, error);
      event(`Failed to start jail ${plan.potName}: ${messageOf(error)}`);
      await removeHalfBuilt(ctx, backend, plan.potName, id, (message) => event(message));
      throw failure;
    }
  } finally {
    ctx.store.release(id);
  }
}

/**
 * Options this node's pot is too old for are refused before anything is built. pot is asked for its version
 * only when the config uses such an option and no fingerprint has said it yet.
 */
async function enforcePotVersion(ctx: DriverContext, backend: PotBackend, pot: PotConfig, signal: AbortSignal): Promise<void> {
  if (compareVersions(neededPotVersion(pot.attributes.map((a) => a.name)), MIN_POT_VERSION) <= 0) return;
  const version = await hostPotVersion(ctx, backend, signal);
  if (version === undefined) return;
  const issues = potVersionIssues(pot, { version, described: `this node's pot (${backend.bin}) is ${version.version}` });
  if (issues.length > 0) throw new ConfigError(issues);
}

/** Every step before `pot start`, in order; prepare may download an image and has its own time limit. */
async function runSteps(ctx: DriverContext, backend: PotBackend, steps: Argv[], signal: AbortSignal): Promise<void> {
  const settings = ctx.settings();
  for (const argv of steps) {
    const args = argv.slice(1);
    const timeoutMs = args[0] === 'prepare' ? settings.prepareTimeoutMs : settings.commandTimeoutMs;
    ctx.log.debug('running pot', { argv });
    const run = (): Promise<unknown> => backend.runner.check(args, { timeoutMs, signal });
    await (isHostSerial(args[0]) ? oneAtATime(args[0] as string, run) : run());
  }
}

function startFailure(potName: string, error: unknown): TaskStartError {
  const retryable = error instanceof PotError && error.retryable;
  return new TaskStartError(`cannot start jail ${potName}: ${messageOf(error)}`, { retryable, cause: error });
}

/**
 * No pot is left behind by a failed start: whatever prepare created goes again. When pot cannot say whether the
 * pot exists, it is destroyed all the same (destroying a pot that is not there is harmless).
 */
async function removeHalfBuilt(ctx: DriverContext, backend: PotBackend, potName: string, taskId: string, event: (message: string) => void): Promise<void> {
  const timeoutMs = ctx.settings().commandTimeoutMs;
  try {
    const exists = await backend.commands.potExists(potName, { timeoutMs }).catch((error: unknown) => {
      ctx.log.warn('cannot tell whether the pot of a failed start exists', { task_id: taskId, pot: potName, error: messageOf(error) });
      return true;
    });
    if (!exists) return;
    await backend.commands.destroy(potName, { force: true }, { timeoutMs });
    ctx.log.debug('removed the pot of a failed start', { task_id: taskId, pot: potName });
  } catch (error) {
    ctx.log.warn('cannot remove the pot of a failed start', { task_id: taskId, pot: potName, error: messageOf(error) });
    event(`Failed to remove jail ${potName}: ${messageOf(error)}`);
  }
}
