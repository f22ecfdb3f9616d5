/** TaskHandle ⇄ the driver-owned handle state plus the TaskConfig Nomad persisted with it. */
import type { HandleState } from '../services/driver-port.js';
import { taskConfigFromProto, type PluginTaskConfig, type TaskConfigMsg } from './task-config.js';
import { taskStateFromProto, taskStateToProto, type TaskStateMsg } from './task-status.js';

export interface TaskHandleMsg {
  version: number;
  config: Partial<TaskConfigMsg> | null;
  state: TaskStateMsg | string;
  driver_state: Uint8Array;
}

/**
 * `config` is echoed as Nomad sent it: the client keys recovery on `handle.config.id` and keeps whatever
 * we return here in its state DB.
 */
export function taskHandleToProto(handle: HandleState, config: Partial<TaskConfigMsg>): TaskHandleMsg {
  return {
    version: Math.max(1, Math.trunc(handle.version) || 1),
    config,
    state: taskStateToProto(handle.state),
    driver_state: handle.driverState,
  };
}

export interface HandleFromProto {
  /** `handle.config.id`, which Nomad relies on; RecoverTask's own task_id field is left empty by the client. */
  taskId: string;
  handle: HandleState;
  task?: PluginTaskConfig;
}

export function taskHandleFromProto(msg: Partial<TaskHandleMsg> | null | undefined): HandleFromProto {
  const task = msg?.config ? taskConfigFromProto(msg.config) : undefined;
  return {
    taskId: task?.id ?? '',
    handle: {
      version: Number(msg?.version ?? 0) | 0,
      state: taskStateFromProto(msg?.state),
      driverState: msg?.driver_state ?? new Uint8Array(0),
    },
    ...(task ? { task } : {}),
  };
}
