import type { NomadBlock } from '../hcl/job/nomad-block.js';
import type { Range } from '../hcl/source.js';

/** A part of a job that only a Nomad cluster can honour, and what a local run does instead. */
export interface ClusterOnlyNote {
  /** What the job uses, e.g. `constraint, affinity, spread`. */
  feature: string;
  /** What happens here instead. */
  instead: string;
  /** Where it is used first, and how many times in all. */
  path: string;
  range: Range;
  count: number;
}

type Level = 'job' | 'group' | 'task';

interface Feature {
  feature: string;
  instead: string;
  /** The block or argument names that stand for it, at each level of the job. */
  names: Partial<Record<Level, readonly string[]>>;
  /** Inside a task's `resources` or a service's `connect`, where needed. */
  nested?: (task: NomadBlock) => NomadBlock[];
}

const FEATURES: readonly Feature[] = [
  {
    feature: 'constraint, affinity, spread',
    instead: 'this machine runs every allocation; placement chooses among a cluster\'s nodes',
    names: { job: ['constraint', 'affinity', 'spread', 'node_pool'], group: ['constraint', 'affinity', 'spread'], task: ['constraint', 'affinity'] },
  },
  {
    feature: 'update, migrate',
    instead: 'a new run replaces nothing; deployments, canaries and drains need a cluster',
    names: { job: ['update', 'migrate'], group: ['update', 'migrate'] },
  },
  {
    feature: 'reschedule, disconnect',
    instead: 'a failed allocation is not placed again elsewhere; the restart policy still applies',
    names: { job: ['reschedule'], group: ['reschedule', 'disconnect', 'max_client_disconnect', 'stop_after_client_disconnect', 'prevent_reschedule_on_lost'] },
  },
  {
    feature: 'service registration',
    instead: 'services are not registered in Consul or Nomad; their checks run here and show in status',
    names: { group: ['service'], task: ['service'] },
  },
  {
    feature: 'Consul Connect',
    instead: 'no sidecar proxy or gateway is started',
    names: {},
    nested: (block) => block.blocks('service').filter((s) => s.block('connect') !== undefined),
  },
  {
    feature: 'vault, consul, identity, secret',
    instead: 'no Vault, Consul or workload identity tokens are issued, and no secrets fetched',
    names: { job: ['vault', 'secret'], group: ['vault', 'secret', 'consul'], task: ['vault', 'consul', 'identity', 'secret'] },
  },
  {
    feature: 'volumes',
    instead: 'host and CSI volumes are not mounted; pot\'s own mount option is',
    names: { group: ['volume'], task: ['volume_mount', 'csi_plugin'] },
  },
  {
    feature: 'artifact',
    instead: 'artifacts are not downloaded',
    names: { task: ['artifact'] },
  },
  {
    feature: 'periodic, parameterized, schedule',
    instead: 'the job runs once, now, without a dispatch payload',
    names: { job: ['periodic', 'parameterized'], task: ['dispatch_payload', 'schedule'] },
  },
  {
    feature: 'scaling, multiregion',
    instead: 'count is used as written, in this one region',
    names: { job: ['multiregion'], group: ['scaling'], task: ['scaling'] },
  },
  {
    feature: 'devices, NUMA',
    instead: 'no device or NUMA node is assigned',
    names: {},
    nested: (task) => [...(task.block('resources')?.blocks('device') ?? []), ...(task.block('resources')?.blocks('numa') ?? [])],
  },
  {
    feature: 'action',
    instead: 'actions are not offered; pot-nomad exec runs a command in a task',
    names: { task: ['action'] },
  },
];

/**
 * The parts of a job that `run` cannot honour on one machine without a cluster, each once with where it
 * is first used, so a person knows what the local run leaves out. Nothing here is an error: Nomad
 * accepts these jobs, and the pot tasks run as they would.
 */
export function clusterOnlyNotes(job: NomadBlock): ClusterOnlyNote[] {
  const groups = job.blocks('group');
  const tasks = [...job.blocks('task'), ...groups.flatMap((g) => g.blocks('task'))];
  const notes: ClusterOnlyNote[] = [];
  for (const f of FEATURES) {
    const found: { path: string; range: Range }[] = [];
    const look = (blocks: readonly NomadBlock[], level: Level) => {
      for (const block of blocks) {
        for (const name of f.names[level] ?? []) {
          const attr = block.attribute(name);
          if (attr) found.push({ path: block.path, range: attr.nameRange });
          for (const child of block.blocks(name)) found.push({ path: child.path, range: child.typeRange });
        }
        if (level !== 'job' && f.nested) for (const child of f.nested(block)) found.push({ path: child.path, range: child.typeRange });
      }
    };
    look([job], 'job');
    look(groups, 'group');
    look(tasks, 'task');
    const first = found.sort((a, b) => a.range.start.offset - b.range.start.offset)[0];
    if (first) notes.push({ feature: f.feature, instead: f.instead, path: first.path, range: first.range, count: found.length });
  }
  return notes;
}
