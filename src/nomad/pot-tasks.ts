import { checkPotConfig, hasNul, NUL_PROBLEM } from '../driver/config.js';
import { formatIssuePath, type ConfigIssue } from '../driver/errors.js';
import { checkHostPolicy, resolvePolicyPaths, type HostPolicy, type PathResolver } from '../driver/host-policy.js';
import { potName, taskNameProblem } from '../driver/pot-name.js';
import type { PotVersionContext } from '../driver/pot-versions.js';
import type { TaskConfig } from '../driver/task-config.js';
import { nulEnvKeys } from '../driver/task-input.js';
import { lookupSpan } from '../hcl/job/config-block.js';
import { blockPath } from '../hcl/eval/paths.js';
import { nomadTaskNameProblem } from '../hcl/job/rules/task-rules.js';
import type { Diagnostic } from '../hcl/source.js';
import type { AllocatedTask, Allocation } from './allocation.js';
import { envEntrySource } from './env.js';
import { groupPorts } from './ports.js';

export const POT_DRIVER = 'pot';

/** A pot task ready for the driver: its allocation, and the TaskConfig a Nomad client would send. */
export interface PotTask {
  alloc: Allocation;
  allocated: AllocatedTask;
  config: TaskConfig;
}

export interface SkippedTask {
  alloc: Allocation;
  allocated: AllocatedTask;
  reason: string;
}

/**
 * Decodes and checks the `config {}` of every pot task with the driver's own schema and turns each
 * into a TaskConfig. Problems become diagnostics at the offending config entry; tasks of other drivers
 * are set aside, as a Nomad client without those drivers would. Task names the driver refuses and
 * environment entries with a NUL byte are reported as StartTask would refuse them. With a host policy,
 * what it refuses is reported the same way, and the refused tasks are left out.
 */
export function preparePotTasks(
  allocs: readonly Allocation[],
  diags: Diagnostic[],
  policy?: HostPolicy,
  potVersion?: PotVersionContext,
): { tasks: PotTask[]; skipped: SkippedTask[] } {
  const tasks: PotTask[] = [];
  const skipped: SkippedTask[] = [];
  for (const alloc of allocs) {
    const portLabels = new Set(groupPorts(alloc.group).map((p) => p.label));
    for (const allocated of alloc.tasks) {
      const { task } = allocated;
      if (task.driver !== POT_DRIVER) {
        skipped.push({ alloc, allocated, reason: `driver "${task.driver}"` });
        continue;
      }
      const path = taskPath(alloc, task.name);
      const { config, issues } = checkPotConfig(allocated.config, { portLabels, ...(potVersion ? { potVersion } : {}) });
      // Each allocation of a group repeats the same problems; report them once.
      if (alloc.index === 0) {
        for (const issue of issues) diags.push(issueDiagnostic(issue, allocated, `${path} > config`));
        const nameOk = checkTaskName(allocated, path, diags);
        reportNulEnv(alloc, allocated, path, diags);
        if (nameOk && task.name.includes('.')) {
          const renamed = potName(task.name, allocated.invocationId, alloc.id);
          diags.push({
            severity: 'warning',
            summary: `Task name "${task.name}" contains "."`,
            detail: `pot turns "." into "_" in jail names, so the jail is "${renamed}"; the task keeps its own name everywhere else.`,
            range: task.nameRange,
            path,
          });
        }
      }
      if (!config) continue;
      const layout = alloc.layout;
      tasks.push({
        alloc,
        allocated,
        config: {
          id: allocated.id,
          allocId: alloc.id,
          taskName: task.name,
          jobName: alloc.job.name,
          jobId: alloc.job.id,
          groupName: alloc.group.name,
          namespace: alloc.job.namespace,
          env: allocated.env,
          resources: {
            cpuShares: task.resources.cpu,
            memoryMB: task.resources.memoryMB,
            memoryMaxMB: task.resources.memoryMaxMB,
            ...(task.resources.cores > 0 ? { cores: task.resources.cores } : {}),
          },
          allocDir: layout.allocDir,
          stdoutPath: layout.stdoutFifo(task.name),
          stderrPath: layout.stderrFifo(task.name),
          pot: config,
        },
      });
    }
  }
  return { tasks: policy ? hostPolicyAllows(tasks, policy, diags) : tasks, skipped };
}

/**
 * The tasks the host policy lets run; what it refuses becomes diagnostics at the config entry, once per
 * task and message (the allocations of a group share their config, not their alloc dir).
 */
function hostPolicyAllows(tasks: readonly PotTask[], policy: HostPolicy, diags: Diagnostic[], resolve?: PathResolver): PotTask[] {
  const reported = new Set<string>();
  const allowed = tasks.filter((t) => {
    const { task } = t.allocated;
    const issues = checkHostPolicy(t.config.pot, t.config.allocDir, policy, resolve);
    const path = taskPath(t.alloc, task.name);
    for (const issue of issues) {
      const diag = issueDiagnostic(issue, t.allocated, `${path} > config`);
      const key = `${path}\n${diag.summary}`;
      if (reported.has(key)) continue;
      reported.add(key);
      diags.push(diag);
    }
    return issues.length === 0;
  });
  // pot gets the resolved paths, as from the plugin, so that the plan shows what runs.
  return allowed.map((t) => ({ ...t, config: { ...t.config, pot: resolvePolicyPaths(t.config.pot, policy, resolve) } }));
}

/**
 * The driver's rule for task names, at the name; a name Nomad itself refuses (job validation reports it)
 * is not reported twice. Returns whether the name passed.
 */
function checkTaskName(allocated: AllocatedTask, path: string, diags: Diagnostic[]): boolean {
  const { task } = allocated;
  if (nomadTaskNameProblem(task.name) !== undefined) return false;
  const problem = taskNameProblem(task.name);
  if (problem !== undefined) diags.push({ severity: 'error', summary: problem, range: task.nameRange, path });
  return problem === undefined;
}

/**
 * Each `env` or `meta` entry whose key or value holds a NUL byte, once, named as the job file sets it. A
 * name with a NUL is reported at the name, not again at the variables that repeat it (NOMAD_TASK_NAME).
 */
function reportNulEnv(alloc: Allocation, allocated: AllocatedTask, path: string, diags: Diagnostic[]): void {
  const { env, task } = allocated;
  const keys = nulEnvKeys(env).filter((key) => !(hasNul(task.name) && env[key]!.includes(task.name)));
  const sources = new Set(keys.map((key) => envEntrySource(key, alloc.job, alloc.group, task)));
  for (const source of sources) diags.push({ severity: 'error', summary: `${source}: ${NUL_PROBLEM}`, range: allocated.task.range, path });
}

/** Where a task is, for diagnostics: `job "example" > group "group1" > task "www1"`. */
function taskPath(alloc: Allocation, taskName: string): string {
  return blockPath(blockPath(blockPath('', 'job', [alloc.job.id]), 'group', [alloc.group.name]), 'task', [taskName]);
}

function issueDiagnostic(issue: ConfigIssue, allocated: AllocatedTask, path: string): Diagnostic {
  const cfg = allocated.task.config;
  return {
    severity: issue.severity,
    summary: issue.path.length ? `${formatIssuePath(issue.path)}: ${issue.message}` : issue.message,
    range: lookupSpan(cfg.spans, issue.path) ?? cfg.range ?? allocated.task.range,
    path,
  };
}
