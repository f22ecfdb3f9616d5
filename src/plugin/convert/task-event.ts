/** TaskEvent → DriverTaskEvent. */
import type { TaskEvent } from '../services/driver-port.js';
import { timestampToProto, type TimestampMsg } from './time.js';

export interface DriverTaskEventMsg {
  task_id: string;
  alloc_id: string;
  task_name: string;
  timestamp: TimestampMsg;
  message: string;
  annotations: Record<string, string>;
}

/** Nomad routes the event by (alloc_id, task_name), so both must be those of a running task. */
export function taskEventToProto(event: TaskEvent): DriverTaskEventMsg {
  return {
    task_id: event.taskId,
    alloc_id: event.allocId,
    task_name: event.taskName,
    timestamp: timestampToProto(event.timestamp),
    message: event.message,
    annotations: { ...event.annotations },
  };
}
