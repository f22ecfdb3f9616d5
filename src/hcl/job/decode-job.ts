import type { Diagnostic } from '../source.js';
import { decodeNetwork } from './decode-network.js';
import { decodeService } from './decode-service.js';
import { decodeRestart, decodeTask } from './decode-task.js';
import { NOMAD_DEFAULTS } from './defaults.js';
import type { Group, Job, RestartPolicy } from './model.js';
import type { NomadBlock } from './nomad-block.js';

/**
 * The job model from a job read against Nomad's specification: what a client running pot tasks needs,
 * with Nomad's defaults. Reading and validation have reported every problem already; this only builds.
 */
export function decodeJob(job: NomadBlock, diags: Diagnostic[]): Job {
  const id = job.label;
  const type = job.string('type') ?? NOMAD_DEFAULTS.type;
  const name = job.string('name') ?? id;
  const restartBase: RestartPolicy = type === 'batch' || type === 'sysbatch' ? { ...NOMAD_DEFAULTS.restart.batch } : { ...NOMAD_DEFAULTS.restart.service };
  // Nomad turns each task written straight in the job into a group of its own name, ahead of the groups.
  const groups = [...job.blocks('task').map((t) => taskAsGroup(t, name, restartBase, diags)), ...job.blocks('group').map((g) => decodeGroup(g, name, restartBase, diags))];
  return {
    id,
    name,
    region: job.string('region') ?? NOMAD_DEFAULTS.region,
    namespace: job.string('namespace') ?? NOMAD_DEFAULTS.namespace,
    type,
    datacenters: job.strings('datacenters') ?? [...NOMAD_DEFAULTS.datacenters],
    meta: job.mapOf('meta'),
    groups,
    range: job.range,
  };
}

function decodeGroup(group: NomadBlock, jobName: string, restartBase: RestartPolicy, diags: Diagnostic[]): Group {
  const name = group.label;
  const restartBlock = group.block('restart');
  const restart = restartBlock ? decodeRestart(restartBlock, restartBase) : restartBase;
  const scalingMin = group.block('scaling')?.number('min');
  return {
    name,
    count: group.number('count') ?? scalingMin ?? NOMAD_DEFAULTS.count,
    meta: group.mapOf('meta'),
    networks: group.blocks('network').map(decodeNetwork),
    restart,
    services: group.blocks('service').map((s) => decodeService(s, `${jobName}-${name}`)),
    tasks: group.blocks('task').map((t) => decodeTask(t, jobName, name, restart, diags)),
    range: group.range,
  };
}

function taskAsGroup(block: NomadBlock, jobName: string, restartBase: RestartPolicy, diags: Diagnostic[]): Group {
  const task = decodeTask(block, jobName, block.label, restartBase, diags);
  return { name: block.label, count: 1, meta: {}, networks: [], restart: restartBase, services: [], tasks: [task], range: block.range };
}
