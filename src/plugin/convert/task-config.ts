/**
 * Nomad's TaskConfig message → the project's TaskConfig (all but the pot config, which the core decodes
 * from `rawDriverConfig`). Only the fields a pot task uses are read; the rest of the message is kept by the
 * adapter and echoed back to Nomad in the task handle.
 */
import { splitTaskId } from '../../driver/task-config.js';
import type { NomadTask } from '../services/driver-port.js';

type Int64 = number | string;

export interface TaskConfigMsg {
  id: string;
  name: string;
  msgpack_driver_config: Uint8Array;
  env: Record<string, string>;
  resources: ResourcesMsg | null;
  alloc_dir: string;
  stdout_path: string;
  stderr_path: string;
  task_group_name: string;
  job_name: string;
  alloc_id: string;
  job_id: string;
  namespace: string;
}

export interface ResourcesMsg {
  allocated_resources: {
    cpu: { cpu_shares: Int64 } | null;
    memory: { memory_mb: Int64; memory_max_mb: Int64 } | null;
  } | null;
  linux_resources: { cpu_shares: Int64; memory_limit_bytes: Int64; cpuset_cpus?: string } | null;
}

export type PluginTaskConfig = NomadTask & { rawDriverConfig: Uint8Array };

const MIB = 1024 * 1024;

export function taskConfigFromProto(msg: Partial<TaskConfigMsg>): PluginTaskConfig {
  const id = text(msg.id);
  const parts = splitTaskId(id);
  const jobName = text(msg.job_name);
  return {
    id,
    allocId: text(msg.alloc_id) || parts?.allocId || '',
    taskName: text(msg.name) || parts?.taskName || '',
    jobName,
    // job_id is the job's id; older clients left it out, and ids default to names.
    jobId: text(msg.job_id) || jobName,
    groupName: text(msg.task_group_name),
    namespace: text(msg.namespace) || 'default',
    env: stringMap(msg.env),
    resources: resourcesFromProto(msg.resources ?? null),
    allocDir: text(msg.alloc_dir),
    stdoutPath: text(msg.stdout_path),
    stderrPath: text(msg.stderr_path),
    rawDriverConfig: msg.msgpack_driver_config ?? new Uint8Array(0),
  };
}

/**
 * The allocated resources are what the job asked for; when a client leaves them out, the Linux resources it
 * derives from them still carry the CPU shares and the memory limit (max of memory and memory_max).
 */
export function resourcesFromProto(msg: ResourcesMsg | null): NomadTask['resources'] {
  const allocated = msg?.allocated_resources ?? null;
  const linux = msg?.linux_resources ?? null;
  const cpuShares = whole(allocated?.cpu?.cpu_shares) || whole(linux?.cpu_shares);
  const memoryMB = whole(allocated?.memory?.memory_mb) || Math.floor(whole(linux?.memory_limit_bytes) / MIB);
  const memoryMaxMB = whole(allocated?.memory?.memory_max_mb);
  const cores = cpuCount(linux?.cpuset_cpus);
  return { cpuShares, memoryMB, memoryMaxMB, ...(cores > 0 ? { cores } : {}) };
}

/**
 * How many cores Nomad reserved: it sends their ids, `cpuset_cpus` in cpuset syntax (`2,3` or `0-3`), and
 * nothing when the task reserves none. pot chooses the cores itself, so only the number is used.
 */
export function cpuCount(cpuset: string | undefined): number {
  const ids = new Set<number>();
  for (const part of (cpuset ?? '').split(',')) {
    const range = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (range === null) continue;
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    // A range no machine has is not a count of cores; it is ignored with the rest of the garbage.
    if (last < first || last - first > 4096) continue;
    for (let id = first; id <= last; id++) ids.add(id);
  }
  return ids.size;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function whole(value: Int64 | null | undefined): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) && n > 0 ? Math.trunc(n) : 0;
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string') out[key] = v;
  return out;
}
