import type { DriverContext } from '../context.js';
import type { InspectedTask } from '../types.js';

/** InspectTask: the task's status, the jail's name and the pid of its `pot start`, and the jail's own network. */
export function inspectTask(ctx: DriverContext, taskId: string): InspectedTask {
  const handle = ctx.store.require(taskId);
  return {
    status: handle.snapshot(),
    driverAttributes: { pot_name: handle.potName, pid: String(handle.pid) },
    ...(handle.network ? { network: { ...handle.network, portMap: { ...handle.network.portMap } } } : {}),
  };
}
