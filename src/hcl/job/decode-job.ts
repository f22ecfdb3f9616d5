import type { EvaluatedBlock } from '../eval/evaluated.js';
import type { Diagnostic, Range } from '../source.js';
import { decodeNetwork } from './decode-network.js';
import { decodeService } from './decode-service.js';
import { attributeMap, decodeRestart, decodeTask } from './decode-task.js';
import type { Group, Job, RestartPolicy, Task } from './model.js';
import { NOMAD_DEFAULTS, NOMAD_SCHEMA } from './nomad-schema.js';
import { BodyReader, blockPath } from './reader.js';
import { validateJob } from './validate-job.js';

const JOB_TYPES = ['service', 'batch', 'system', 'sysbatch'];

/** Decodes an evaluated `job "id" {}` block into the job model, with Nomad's defaults and checks. */
export function decodeJob(block: EvaluatedBlock, diags: Diagnostic[]): Job {
  const id = block.labels[0] ?? '';
  const path = blockPath('', 'job', id);
  const r = new BodyReader(block.body, path, diags, NOMAD_SCHEMA.job);

  const type = r.string('type') ?? NOMAD_DEFAULTS.type;
  if (!JOB_TYPES.includes(type)) {
    r.error(r.attribute('type')?.exprRange, 'Invalid job type', `"type" must be one of ${JOB_TYPES.map((t) => `"${t}"`).join(', ')}, not "${type}".`);
  }
  const name = r.string('name') ?? id;
  const job: Job = {
    id,
    name,
    region: r.string('region') ?? NOMAD_DEFAULTS.region,
    namespace: r.string('namespace') ?? NOMAD_DEFAULTS.namespace,
    type,
    datacenters: r.stringList('datacenters') ?? [...NOMAD_DEFAULTS.datacenters],
    meta: { ...attributeMap(r, 'meta'), ...r.stringMap('meta') },
    groups: [],
    range: block.range,
  };
  const restartBase: RestartPolicy = type === 'batch' || type === 'sysbatch' ? { ...NOMAD_DEFAULTS.restart.batch } : { ...NOMAD_DEFAULTS.restart.service };

  // Groups and top-level tasks keep their relative order: Nomad turns a job-level task into a group of
  // its own name, in place.
  for (const item of block.body.items) {
    if (item.kind !== 'Block') continue;
    if (item.type === 'group') job.groups.push(decodeGroup(item, path, name, restartBase, diags));
    else if (item.type === 'task') job.groups.push(taskAsGroup(item, path, name, restartBase, diags));
  }
  if (job.groups.length === 0) r.error(block.typeRange, 'Missing group', `Job "${id}" has no group or task; add group "<name>" { task "<name>" { ... } }.`);
  validateJob(job, diags);
  return job;
}

function decodeGroup(block: EvaluatedBlock, parentPath: string, jobName: string, restartBase: RestartPolicy, diags: Diagnostic[]): Group {
  const name = block.labels[0] ?? '';
  const path = blockPath(parentPath, 'group', name);
  const r = new BodyReader(block.body, path, diags, NOMAD_SCHEMA.group);
  const restartBlock = r.single('restart');
  const restart = restartBlock ? decodeRestart(restartBlock, path, restartBase, diags) : restartBase;
  const tasks: Task[] = r.blocks('task').map((t) => decodeTask(t, path, jobName, name, restart, diags));
  const group: Group = {
    name,
    count: r.integer('count', 0) ?? NOMAD_DEFAULTS.count,
    meta: { ...attributeMap(r, 'meta'), ...r.stringMap('meta') },
    networks: r.blocks('network').map((n) => decodeNetwork(n, path, diags)),
    restart,
    services: r.blocks('service').map((s) => decodeService(s, path, `${jobName}-${name}`, diags)),
    tasks,
    range: block.range,
  };
  if (tasks.length === 0) r.error(block.typeRange, 'Missing task', `Group "${name}" has no task; add task "<name>" { driver = "pot" ... }.`);
  return group;
}

function taskAsGroup(block: EvaluatedBlock, parentPath: string, jobName: string, restartBase: RestartPolicy, diags: Diagnostic[]): Group {
  const name = block.labels[0] ?? '';
  const task = decodeTask(block, parentPath, jobName, name, restartBase, diags);
  const range: Range = block.range;
  return { name, count: 1, meta: {}, networks: [], restart: restartBase, services: [], tasks: [task], range };
}
