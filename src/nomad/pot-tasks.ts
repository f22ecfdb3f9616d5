import { checkPotConfig } from '../driver/config.js';
import { formatIssuePath, type ConfigIssue } from '../driver/errors.js';
import { potName } from '../driver/pot-name.js';
import type { TaskConfig } from '../driver/task-config.js';
import { lookupSpan } from '../hcl/job/config-block.js';
import { blockPath } from '../hcl/job/reader.js';
import type { Diagnostic } from '../hcl/source.js';
import type { AllocatedTask, Allocation } from './allocation.js';
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
 * are set aside, as a Nomad client without those drivers would.
 */
export function preparePotTasks(allocs: readonly Allocation[], diags: Diagnostic[]): { tasks: PotTask[]; skipped: SkippedTask[] } {
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
      const path = blockPath(blockPath(blockPath('', 'job', alloc.job.id), 'group', alloc.group.name), 'task', task.name);
      const { config, issues } = checkPotConfig(allocated.config, { portLabels });
      // Each allocation of a group repeats the same config problems; report them once.
      if (alloc.index === 0) for (const issue of issues) diags.push(issueDiagnostic(issue, allocated, `${path} > config`));
      if (alloc.index === 0 && task.name.includes('.')) {
        const renamed = potName(task.name, allocated.invocationId, alloc.id);
        diags.push({
          severity: 'warning',
          summary: `Task name "${task.name}" contains "."`,
          detail: `pot turns "." into "_" in jail names, so the jail is "${renamed}"; the task keeps its own name everywhere else.`,
          range: task.nameRange,
          path,
        });
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
          resources: { cpuShares: task.resources.cpu, memoryMB: task.resources.memoryMB, memoryMaxMB: task.resources.memoryMaxMB },
          allocDir: layout.allocDir,
          stdoutPath: layout.stdoutFifo(task.name),
          stderrPath: layout.stderrFifo(task.name),
          pot: config,
        },
      });
    }
  }
  return { tasks, skipped };
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
