import type { StartTaskRequest } from '../../driver/types.js';
import type { Allocation, AllocatedTask } from '../../nomad/allocation.js';
import { buildTaskEnv, type NodeInfo } from '../../nomad/env.js';
import { interpolateValue } from '../../nomad/interpolate.js';
import type { PotTask } from '../../nomad/pot-tasks.js';

export interface AttemptInput {
  pot: PotTask;
  node: NodeInfo;
  hostIp: string;
  /** A new one for every start, as Nomad gives each start its own. */
  invocationId: string;
  /** Variables from the task's `env = true` templates. */
  templateEnv: Readonly<Record<string, string>>;
  stdoutPath: string;
  stderrPath: string;
}

/**
 * What the driver gets for one start of a task: the TaskConfig a Nomad client would send (with this
 * start's id and the CLI's plain log files) and the raw, interpolated `config {}` block, which the
 * driver decodes and checks itself. Template variables join the environment, and the config is
 * interpolated again with them, as Nomad does once templates have rendered.
 */
export function taskAttempt(input: AttemptInput): StartTaskRequest {
  const { alloc, allocated, config } = input.pot;
  const withTemplates = Object.keys(input.templateEnv).length > 0;
  const env = withTemplates ? taskEnv(alloc, allocated, input) : allocated.env;
  const driverConfig = withTemplates
    ? interpolateValue(allocated.task.config.value as Record<string, unknown>, { env, node: input.node.attributes, meta: input.node.meta })
    : allocated.config;
  const { pot: _decoded, ...task } = config;
  return {
    task: { ...task, id: `${alloc.id}/${allocated.task.name}/${input.invocationId}`, env, stdoutPath: input.stdoutPath, stderrPath: input.stderrPath },
    driverConfig,
  };
}

function taskEnv(alloc: Allocation, allocated: AllocatedTask, input: AttemptInput): Record<string, string> {
  return buildTaskEnv({
    job: alloc.job,
    group: alloc.group,
    task: allocated.task,
    allocId: alloc.id,
    allocIndex: alloc.index,
    ports: alloc.ports,
    hostIp: input.hostIp,
    node: input.node,
    templateEnv: { ...input.templateEnv },
  });
}
