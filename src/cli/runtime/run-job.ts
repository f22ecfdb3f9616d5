import type { HostPolicy } from '../../driver/host-policy.js';
import type { VariableInput } from '../../hcl/eval/job-file.js';
import type { NomadVersion } from '../../hcl/job/spec/builders.js';
import { loadJobSource, type LoadedJob } from '../../hcl/load.js';
import type { Diagnostic } from '../../hcl/source.js';
import type { Allocation } from '../../nomad/allocation.js';
import type { AssignedPort, NodeInfo } from '../../nomad/env.js';
import { HostPortError, hostPortPicker, type PortRange } from '../../nomad/host-ports.js';
import { localNode } from '../../nomad/node.js';
import type { PortPicker } from '../../nomad/ports.js';
import type { PotTask, SkippedTask } from '../../nomad/pot-tasks.js';
import { allocateJob } from '../job-context.js';

/** A job file taken as far as a Nomad client takes it before calling the driver, for one run. */
export interface RunJob {
  loaded: LoadedJob;
  node: NodeInfo;
  /** Where template `source` paths and `file()` are read from. */
  jobDir: string;
  allocs: Allocation[];
  tasks: PotTask[];
  skipped: SkippedTask[];
  warnings: Diagnostic[];
}

/** How host ports are found: free ones reserved on the host now, or the ones a run already holds. */
export type PortSource =
  | { kind: 'reserve'; range?: PortRange; taken: Iterable<number>; pinned?: ReadonlyMap<string, number> }
  | { kind: 'recorded'; byAlloc: ReadonlyMap<string, readonly AssignedPort[]> };

export interface RunJobInput {
  filename: string;
  source: string;
  baseDir: string;
  vars: VariableInput[];
  nomadVersion?: NomadVersion;
  dataDir: string;
  hostIp: string;
  /** Ids of the first allocation and its tasks; the others derive from them. */
  allocId: string;
  invocationId: string;
  ports: PortSource;
  /** What of the host the pot tasks may use; unrestricted when absent. */
  hostPolicy?: HostPolicy;
}

/**
 * Loads the job, gives its allocations real host ports and decodes every pot task's config, checked
 * against the host policy when there is one. Throws a JobFileError listing every problem, or a
 * HostPortError when a port cannot be had.
 */
export async function loadRunJob(input: RunJobInput): Promise<RunJob> {
  const loaded = loadJobSource(input.filename, input.source, input.baseDir, { vars: input.vars, env: process.env, allowFS: true, nomadVersion: input.nomadVersion });
  const node = localNode(loaded.job);
  const portPicker =
    input.ports.kind === 'reserve'
      ? await hostPortPicker(loaded.job, { hostIp: input.hostIp, range: input.ports.range, taken: input.ports.taken, pinned: input.ports.pinned })
      : recordedPorts(input.ports.byAlloc);
  const allocated = allocateJob(loaded, {
    dataDir: input.dataDir,
    hostIp: input.hostIp,
    node,
    allocId: input.allocId,
    invocationId: input.invocationId,
    pinnedPorts: input.ports.kind === 'reserve' ? input.ports.pinned : undefined,
    portPicker,
    hostPolicy: input.hostPolicy,
  });
  return { loaded, node, jobDir: input.baseDir, ...allocated };
}

function recordedPorts(byAlloc: ReadonlyMap<string, readonly AssignedPort[]>): (allocId: string) => PortPicker {
  return (allocId) => (label) => {
    const port = byAlloc.get(allocId)?.find((p) => p.label === label);
    if (port === undefined) throw new HostPortError(`allocation ${allocId} has no recorded host port for "${label}"; the job file changed since the run was created`);
    return port.hostPort;
  };
}
