import type { DriverContext } from '../context.js';
import { messageOf } from '../error-message.js';
import type { PotBackend } from '../pot-backend.js';
import { potName } from '../pot-name.js';
import { splitTaskId, type TaskConfig } from '../task-config.js';

const INVOCATION = '\u0000';

/**
 * Removes the pots of earlier starts of this task that this process does not know: what a start cut short
 * leaves (the plugin or the run's supervisor was killed after `pot prepare`, before it could answer or clean
 * up). Nomad starts a task again only once its previous start is over, and under a new invocation id, so such
 * a pot belongs to nobody; left alone, it would stay forever, perhaps running. `current` is the pot of this
 * start, which may be in the making meanwhile. Failures are logged, not fatal: this never rejects.
 */
export async function removeLeftovers(
  ctx: DriverContext,
  backend: PotBackend,
  task: Pick<TaskConfig, 'id' | 'taskName' | 'allocId'>,
  current: string,
  signal: AbortSignal,
  event: (message: string) => void,
): Promise<void> {
  const timeoutMs = ctx.settings().commandTimeoutMs;
  let names: string[];
  try {
    names = await backend.commands.list({ timeoutMs, signal });
  } catch (error) {
    ctx.log.warn('cannot look for pots left by earlier starts of the task', { task_id: task.id, error: messageOf(error) });
    return;
  }
  const known = new Set(ctx.store.ids().filter((id) => id !== task.id).map((id) => knownPotName(ctx, id)));
  const leftovers = names.filter((name) => name !== current && !known.has(name) && isPotOfTask(name, task.taskName, task.allocId));
  for (const name of leftovers) {
    try {
      event(`Removing jail ${name}, left behind by an earlier start of the task`);
      await backend.commands.destroy(name, { force: true }, { timeoutMs });
      ctx.log.info('removed a pot left behind by an earlier start', { task_id: task.id, pot: name });
    } catch (error) {
      ctx.log.warn('cannot remove a pot left behind by an earlier start', { task_id: task.id, pot: name, error: messageOf(error) });
    }
  }
}

/** Whether `name` is the pot of some start (any invocation) of this task of this allocation. */
export function isPotOfTask(name: string, taskName: string, allocId: string): boolean {
  const [head = '', tail = ''] = potName(taskName, INVOCATION, allocId).split(INVOCATION);
  if (!name.startsWith(head) || !name.endsWith(tail) || name.length <= head.length + tail.length) return false;
  // Another task's pot may share the ends (`web` and `web_x`); an invocation id never has a `_`.
  return !name.slice(head.length, name.length - tail.length).includes('_');
}

function knownPotName(ctx: DriverContext, id: string): string {
  const handle = ctx.store.get(id);
  if (handle !== undefined) return handle.potName;
  const ids = splitTaskId(id);
  return ids === undefined ? '' : potName(ids.taskName, ids.invocationId, ids.allocId);
}
