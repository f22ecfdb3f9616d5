/** TaskState and TaskStatus → proto. */
import type { TaskState, TaskStatus } from '../services/driver-port.js';
import { exitResultToProto, type ExitResultMsg } from './exit-result.js';
import { timestampToProto, type TimestampMsg } from './time.js';

export type TaskStateMsg = 'UNKNOWN' | 'RUNNING' | 'EXITED';

export interface TaskStatusMsg {
  id: string;
  name: string;
  state: TaskStateMsg;
  started_at: TimestampMsg;
  completed_at: TimestampMsg;
  result: ExitResultMsg;
}

export function taskStateToProto(state: TaskState): TaskStateMsg {
  if (state === 'running') return 'RUNNING';
  if (state === 'exited') return 'EXITED';
  return 'UNKNOWN';
}

export function taskStateFromProto(state: string | number | null | undefined): TaskState {
  if (state === 'RUNNING' || state === 1) return 'running';
  if (state === 'EXITED' || state === 2) return 'exited';
  return 'unknown';
}

/** Every field set: callers of InspectTask dereference the timestamps and the result. */
export function taskStatusToProto(status: TaskStatus): TaskStatusMsg {
  return {
    id: status.id,
    name: status.name,
    state: taskStateToProto(status.state),
    started_at: timestampToProto(status.startedAt),
    completed_at: timestampToProto(status.completedAt),
    result: exitResultToProto(status.result),
  };
}
