import { envKeyPart } from '../driver/pot-name.js';
import type { Group, Job, Task } from '../hcl/job/model.js';
import { shortAllocId } from './ids.js';
import { interpolateString, type InterpolationScope } from './interpolate.js';

export interface AssignedPort {
  label: string;
  hostPort: number;
  /** The group port's `to`, when set. */
  to?: number;
}

export interface NodeInfo {
  datacenter: string;
  /** `attr.*` and `node.*` values for runtime interpolation. */
  attributes: Record<string, string>;
  /** Node meta, for `${meta.*}`. */
  meta: Record<string, string>;
}

export interface TaskEnvInput {
  job: Job;
  group: Group;
  task: Task;
  allocId: string;
  allocIndex: number;
  ports: readonly AssignedPort[];
  hostIp: string;
  node: NodeInfo;
  /** Values from `template { env = true }` blocks, already rendered. */
  templateEnv?: Record<string, string>;
}

/**
 * The environment a Nomad client gives a task whose driver declares image filesystem isolation: the
 * directories are the jail's own paths, and the host's environment is not passed in (the Go driver
 * declared no isolation, so Nomad leaked the agent's environment and host paths into every jail).
 */
export function buildTaskEnv(input: TaskEnvInput, unresolved?: Set<string>): Record<string, string> {
  const { job, group, task, allocId } = input;
  const env: Record<string, string> = {
    NOMAD_ALLOC_DIR: '/alloc',
    NOMAD_TASK_DIR: '/local',
    NOMAD_SECRETS_DIR: '/secrets',
    NOMAD_ALLOC_ID: allocId,
    NOMAD_SHORT_ALLOC_ID: shortAllocId(allocId),
    NOMAD_ALLOC_NAME: `${job.name}.${group.name}[${input.allocIndex}]`,
    NOMAD_ALLOC_INDEX: String(input.allocIndex),
    NOMAD_TASK_NAME: task.name,
    NOMAD_GROUP_NAME: group.name,
    NOMAD_JOB_ID: job.id,
    NOMAD_JOB_NAME: job.name,
    NOMAD_DC: input.node.datacenter,
    NOMAD_REGION: job.region,
    NOMAD_NAMESPACE: job.namespace,
    NOMAD_CPU_LIMIT: String(task.resources.cpu),
    NOMAD_MEMORY_LIMIT: String(task.resources.memoryMB),
  };
  if (task.resources.memoryMaxMB > 0) env.NOMAD_MEMORY_MAX_LIMIT = String(task.resources.memoryMaxMB);
  // An IPv6 address needs brackets before a port, as Nomad writes it.
  const addrHost = input.hostIp.includes(':') ? `[${input.hostIp}]` : input.hostIp;
  for (const p of input.ports) {
    const l = envKeyPart(p.label);
    const port = String(p.to ?? p.hostPort);
    env[`NOMAD_PORT_${l}`] = port;
    env[`NOMAD_HOST_PORT_${l}`] = String(p.hostPort);
    env[`NOMAD_IP_${l}`] = input.hostIp;
    env[`NOMAD_ADDR_${l}`] = `${addrHost}:${port}`;
    env[`NOMAD_HOST_IP_${l}`] = input.hostIp;
    env[`NOMAD_HOST_ADDR_${l}`] = `${addrHost}:${p.hostPort}`;
  }
  // Job, group and task meta merge in that order, the task's winning, as in Nomad; each key is
  // exported as written and upper-cased.
  const meta = { ...job.meta, ...group.meta, ...task.meta };
  for (const [k, v] of Object.entries(meta)) {
    env[`NOMAD_META_${envKeyPart(k)}`] = v;
    env[`NOMAD_META_${envKeyPart(k).toUpperCase()}`] = v;
  }
  const scope: InterpolationScope = { env, node: input.node.attributes, meta: input.node.meta };
  const user = { ...task.env, ...input.templateEnv };
  for (const [k, v] of Object.entries(user)) env[k] = interpolateString(v, scope, unresolved);
  return env;
}

/**
 * Where the job file sets an environment variable, as messages name it: `env["KEY"]` for the task's own
 * `env`, `meta["key"]` for the `NOMAD_META_*` pair of a job, group or task meta entry; any other variable
 * (one Nomad derives, from a name for instance) by its own key.
 */
export function envEntrySource(key: string, job: Job, group: Group, task: Task): string {
  const meta = { ...job.meta, ...group.meta, ...task.meta };
  if (!Object.hasOwn(task.env, key) && key.startsWith('NOMAD_META_')) {
    const part = key.slice('NOMAD_META_'.length);
    const entry = Object.keys(meta).find((k) => envKeyPart(k) === part || envKeyPart(k).toUpperCase() === part);
    if (entry !== undefined) return `meta[${JSON.stringify(entry)}]`;
  }
  return `env[${JSON.stringify(key)}]`;
}
