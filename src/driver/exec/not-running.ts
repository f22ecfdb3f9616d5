/** A request that needs a running task, for one that has exited. */
export class TaskNotRunningError extends Error {
  constructor(readonly taskId: string) {
    super(`task ${taskId} is not running`);
    this.name = 'TaskNotRunningError';
  }
}
