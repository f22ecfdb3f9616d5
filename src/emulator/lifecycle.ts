import { DEFAULT_STOP_TIMEOUT_SECONDS } from './attributes.js';
import { Context } from './context.js';
import { withLock } from './lock.js';
import { releaseJail } from './jail/release.js';
import { isTreeAlive, terminateTree, waitProcessGone } from './process-tree.js';
import { inspectPot, readPidFile, recordedTree, removeFile, writeStatus } from './status.js';

export type StopClaim = 'ok' | 'already-stopping' | 'not-stoppable';

/**
 * `set-status -s stopping` under the pot's lock. Allowed from started, starting or stopped (stopping a
 * stopped pot runs the clean-up again) and from a damaged status; a pot without status was never started.
 * A `stopping` status whose processes are all gone was left by a stopper that died, so the clean-up is
 * taken over.
 */
export async function claimStop(ctx: Context, name: string): Promise<StopClaim> {
  const { state } = ctx;
  return withLock(state.potLockPath(name), () => {
    const view = inspectPot(state, name);
    // A damaged status is not "never started": stopping is what puts a sound one back.
    if (view.status === undefined && view.damage === undefined) return 'not-stoppable';
    if (view.status === 'stopping' && view.running) return 'already-stopping';
    writeStatus(state, name, 'stopping');
    return 'ok';
  });
}

export function stopTimeoutSeconds(ctx: Context, name: string): number {
  try {
    const value = ctx.state.readPotConf(name).value('pot.attr.stop_timeout');
    if (/^\d+$/.test(value)) return Number(value);
  } catch {
    // a pot without readable configuration uses the default
  }
  return DEFAULT_STOP_TIMEOUT_SECONDS;
}

export interface HaltOptions {
  /** Wait for the blocking `pot start` to notice and record the exit status (not when called by it). */
  readonly waitForStart: boolean;
}

/**
 * What jail(8)'s removal and pot's clean-up do once the status is `stopping`: SIGTERM to the pot's processes,
 * SIGKILL after the pot's `stop_timeout`, then the runtime files go and the status becomes `stopped`.
 * (`exec_stop` is not run: it is a jail command line and nothing here runs such lines through a shell.)
 */
export async function haltPot(ctx: Context, name: string, options: HaltOptions): Promise<void> {
  const { state } = ctx;
  const timeout = stopTimeoutSeconds(ctx, name);
  const tree = recordedTree(state, name);
  if (tree !== undefined && isTreeAlive(tree)) await terminateTree(tree, timeout);
  const startPid = readPidFile(state.startPidPath(name));
  if (options.waitForStart && startPid !== undefined && startPid !== process.pid) {
    await waitProcessGone(startPid, (timeout + 5) * 1000);
  }
  // With its processes gone, the jail's namespaces and mounts are gone too; what is left is its cgroups.
  await releaseJail(state, name);
  await withLock(state.potLockPath(name), () => {
    removeFile(state.mainPidPath(name));
    removeFile(state.startPidPath(name));
    writeStatus(state, name, 'stopped');
  });
}

/** `pot stop NAME` for an existing pot: 0 once stopped, 1 when it cannot be stopped. */
export async function stopPot(ctx: Context, name: string): Promise<number> {
  const claim = await claimStop(ctx, name);
  if (claim === 'not-stoppable') {
    ctx.out.error(`pot ${name} is not in a state where it can be stopped`);
    return 1;
  }
  if (claim === 'already-stopping') {
    // sic: pot's message has this spelling
    ctx.out.error(`pot ${name} is arleady stopping!`);
    return 1;
  }
  await haltPot(ctx, name, { waitForStart: true });
  return 0;
}
