/**
 * What a Nomad client hands a driver for one start of one task. The plugin builds it from the gRPC
 * `TaskConfig` message; the CLI builds it from the job file. Everything after that point is shared.
 */

/** `"<source>:<destination>"` entries of `copy`, `mount` and `mount_read_only`, split at the first `:`. */
export interface PathPair {
  source: string;
  destination: string;
}

export interface PotAttribute {
  name: string;
  value: string;
}

/** The task's decoded and validated `config {}` block. */
export interface PotConfig {
  image: string;
  pot: string;
  tag: string;
  command?: string;
  args: string[];
  /** Unset means: `public-bridge` when `portMap` is not empty, else the image's own network type. */
  networkMode?: string;
  /** Port label → port inside the jail (`"80"`, or pot's `"udp:53"` form). */
  portMap: Record<string, string>;
  copy: PathPair[];
  mount: PathPair[];
  mountReadOnly: PathPair[];
  extraHosts: string[];
  attributes: PotAttribute[];
}

export interface TaskResources {
  cpuShares: number;
  memoryMB: number;
  /** 0 when the job sets no `memory_max`. */
  memoryMaxMB: number;
  /**
   * CPU cores reserved for the task (`resources { cores = N }`); absent when the job reserves none. pot pins
   * the jail to that many CPUs of its own choosing (`set-rss -C`).
   */
  cores?: number;
}

export interface TaskConfig {
  /** `<allocId>/<taskName>/<invocationId>` */
  id: string;
  allocId: string;
  taskName: string;
  jobName: string;
  jobId: string;
  groupName: string;
  namespace: string;
  /** The complete task environment, as the jail should see it. */
  env: Record<string, string>;
  resources: TaskResources;
  /** Host path of the allocation directory, `<data_dir>/alloc/<allocId>`. */
  allocDir: string;
  /** Where the task's stdout and stderr go: Nomad's log FIFOs, or plain files in the CLI. */
  stdoutPath: string;
  stderrPath: string;
  pot: PotConfig;
}

/** Splits a task id into its parts; Nomad forbids `/` in task names, so the split is unambiguous. */
export function splitTaskId(id: string): { allocId: string; taskName: string; invocationId: string } | undefined {
  const parts = id.split('/');
  if (parts.length !== 3 || parts.some((p) => p === '')) return undefined;
  const [allocId, taskName, invocationId] = parts as [string, string, string];
  return { allocId, taskName, invocationId };
}
