import type { Group, Job, Task } from '../hcl/job/model.js';
import { allocDirLayout, type AllocDirLayout } from './alloc-dir.js';
import { buildTaskEnv, type AssignedPort, type NodeInfo } from './env.js';
import { derivedAllocId, derivedInvocationId, newAllocId, newInvocationId } from './ids.js';
import { interpolateValue } from './interpolate.js';
import { assignPorts, groupPorts, seededPortPicker, type PortPicker } from './ports.js';

/** One instance of a group, as a Nomad client would receive it. */
export interface Allocation {
  id: string;
  job: Job;
  group: Group;
  index: number;
  layout: AllocDirLayout;
  ports: AssignedPort[];
  tasks: AllocatedTask[];
}

/** A task of an allocation with everything the client computed before calling a driver. */
export interface AllocatedTask {
  task: Task;
  invocationId: string;
  /** `<alloc>/<task>/<invocation>` */
  id: string;
  env: Record<string, string>;
  /** The `config {}` value after runtime interpolation. */
  config: Record<string, unknown>;
  /** `${...}` references nothing could resolve, as written. */
  unresolved: string[];
}

export interface AllocationOptions {
  dataDir: string;
  hostIp: string;
  node: NodeInfo;
  /** Ids of the first allocation (the first group, index 0); later ones derive from them, else they are random. */
  allocId?: string;
  invocationId?: string;
  /** Host ports pinned by label; each pin applies to the first allocation that has that label. */
  pinnedPorts?: ReadonlyMap<string, number>;
  /** Picks dynamic ports; defaults to one seeded by each allocation's id. */
  portPicker?: (allocId: string) => PortPicker;
}

/** One allocation per group instance (`count`), in the job's group order. */
export function buildAllocations(job: Job, opts: AllocationOptions): Allocation[] {
  const allocs: Allocation[] = [];
  const pinsLeft = new Map(opts.pinnedPorts ?? []);
  const taken = new Set<number>();
  let n = 0;
  for (const group of job.groups) {
    for (let index = 0; index < group.count; index++, n++) {
      const id = n === 0 && opts.allocId ? opts.allocId : opts.allocId ? derivedAllocId(opts.allocId, n) : newAllocId();
      // Fixed ids make the whole plan reproducible: later invocation ids derive from the given one, or
      // from the given alloc id, instead of being random as a real client's are.
      const invocationSeed = opts.invocationId ?? opts.allocId;
      const invocationId = n === 0 && opts.invocationId ? opts.invocationId : invocationSeed ? derivedInvocationId(invocationSeed, n) : undefined;
      const ports = groupPorts(group);
      const pins = new Map<string, number>();
      for (const p of ports) {
        const pin = pinsLeft.get(p.label);
        if (pin !== undefined) {
          pins.set(p.label, pin);
          pinsLeft.delete(p.label);
        }
      }
      const picker = (opts.portPicker ?? seededPortPicker)(id);
      const alloc: Allocation = { id, job, group, index, layout: allocDirLayout(opts.dataDir, id), ports: assignPorts(ports, pins, picker, taken), tasks: [] };
      alloc.tasks = group.tasks.map((task) => allocateTask(alloc, task, invocationId ?? newInvocationId(), opts));
      allocs.push(alloc);
    }
  }
  return allocs;
}

function allocateTask(alloc: Allocation, task: Task, invocationId: string, opts: AllocationOptions): AllocatedTask {
  const unresolved = new Set<string>();
  const env = buildTaskEnv(
    { job: alloc.job, group: alloc.group, task, allocId: alloc.id, allocIndex: alloc.index, ports: alloc.ports, hostIp: opts.hostIp, node: opts.node },
    unresolved,
  );
  const config = interpolateValue(task.config.value as Record<string, unknown>, { env, node: opts.node.attributes, meta: opts.node.meta }, unresolved);
  return { task, invocationId, id: `${alloc.id}/${task.name}/${invocationId}`, env, config, unresolved: [...unresolved] };
}
