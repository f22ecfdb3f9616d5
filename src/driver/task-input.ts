/**
 * What a start request carries besides its `config {}`, checked before any pot call: the task's name (pot
 * `prepare -n`, then the jail's name), its alloc dir (the host side of the `/local`, `/secrets` and `/alloc`
 * mounts) and its environment (`set-env -E`). Left unchecked, pot would refuse them half-way through
 * building the jail, or read them as something else.
 */
import { BLANK_PATH_PROBLEM, hasNul, NUL_PROBLEM } from './config.js';
import { ConfigError, type ConfigIssue } from './errors.js';
import { taskNameProblem } from './pot-name.js';
import type { TaskConfig } from './task-config.js';

/**
 * Why the tasks' `/local`, `/secrets` and `/alloc` cannot be mounted from below `dir` (an alloc dir, or the
 * data dir that holds them), or undefined when they can.
 */
export function mountRootProblem(dir: string): string | undefined {
  if (hasNul(dir)) return NUL_PROBLEM;
  if (/\s/.test(dir)) return `${BLANK_PATH_PROBLEM}, and each task's /local, /secrets and /alloc are mounted from below it; use a data dir without blanks`;
  return undefined;
}

/** The environment's keys whose name or value holds a NUL byte, in the environment's order. */
export function nulEnvKeys(env: Readonly<Record<string, string>>): string[] {
  return Object.entries(env)
    .filter(([key, value]) => hasNul(key) || hasNul(value))
    .map(([key]) => key);
}

/** How an environment entry is named in messages: `env["PATH"]`. */
export function envEntryName(key: string): string {
  return `env[${JSON.stringify(key)}]`;
}

/** Every problem of the task's name, alloc dir and environment, each as a whole-task issue naming its part. */
export function checkTaskInput(task: Pick<TaskConfig, 'taskName' | 'allocDir' | 'env'>): ConfigIssue[] {
  const issue = (message: string): ConfigIssue => ({ path: [], severity: 'error', message });
  const issues: ConfigIssue[] = [];
  const name = taskNameProblem(task.taskName);
  if (name !== undefined) issues.push(issue(name));
  const root = mountRootProblem(task.allocDir);
  if (root !== undefined) issues.push(issue(`alloc dir ${JSON.stringify(task.allocDir)}: ${root}`));
  for (const key of nulEnvKeys(task.env)) issues.push(issue(`${envEntryName(key)}: ${NUL_PROBLEM}`));
  return issues;
}

/** Like checkTaskInput, but throws a ConfigError listing every problem. */
export function enforceTaskInput(task: Pick<TaskConfig, 'taskName' | 'allocDir' | 'env'>): void {
  const issues = checkTaskInput(task);
  if (issues.length > 0) throw new ConfigError(issues, 'invalid task');
}
