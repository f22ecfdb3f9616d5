/** Host paths of an allocation directory, laid out as a Nomad client lays it out. */
export interface AllocDirLayout {
  /** `<data_dir>/alloc/<alloc>` */
  allocDir: string;
  /** The directory every task shares: `<allocDir>/alloc` (mounted at `/alloc`). */
  sharedDir: string;
  logsDir: string;
  taskDir(task: string): string;
  /** Mounted at `/local`. */
  localDir(task: string): string;
  /** Mounted at `/secrets`. */
  secretsDir(task: string): string;
  /** Nomad's log FIFOs, which the driver writes the task's output into. */
  stdoutFifo(task: string): string;
  stderrFifo(task: string): string;
}

export function allocDirLayout(dataDir: string, allocId: string): AllocDirLayout {
  const allocDir = `${dataDir.replace(/\/+$/, '')}/alloc/${allocId}`;
  const logsDir = `${allocDir}/alloc/logs`;
  return {
    allocDir,
    sharedDir: `${allocDir}/alloc`,
    logsDir,
    taskDir: (task) => `${allocDir}/${task}`,
    localDir: (task) => `${allocDir}/${task}/local`,
    secretsDir: (task) => `${allocDir}/${task}/secrets`,
    stdoutFifo: (task) => `${logsDir}/.${task}.stdout.fifo`,
    stderrFifo: (task) => `${logsDir}/.${task}.stderr.fifo`,
  };
}
