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

/**
 * Longest single argument a pot command can get: Linux refuses an exec whose argument or environment string
 * is longer than 32 pages (128 KiB, its NUL included) with E2BIG.
 */
export const MAX_ARGUMENT_BYTES = 128 * 1024 - 1;

/**
 * Most bytes the task's environment may take on `pot set-env`'s command line. FreeBSD's exec limit (ARG_MAX,
 * 256 KiB on the oldest FreeBSD pot supports) counts the arguments and the environment together, and pot
 * needs the rest for its own environment and the other arguments.
 */
export const MAX_ENV_BYTES = 192 * 1024;

/**
 * Longest task name: pot names the jail `<task>_<invocation>_<alloc>` (46 bytes more), and that name becomes
 * the ZFS dataset `<POT_ZFS_ROOT>/jails/<name>/m`, which ZFS limits to 255 bytes; 150 leaves room for a
 * POT_ZFS_ROOT of up to 40 bytes.
 */
export const MAX_TASK_NAME_BYTES = 150;

/** Longest task id: `<alloc>/<task>/<invocation>` with Nomad's 36-byte alloc ids and 8-byte invocation ids. */
export const MAX_TASK_ID_BYTES = MAX_TASK_NAME_BYTES + 46;

/** A value as messages show it: quoted, and cut after 40 characters so a huge one cannot flood the message. */
export function shortQuote(value: string): string {
  const chars = [...value];
  return chars.length <= 40 ? JSON.stringify(value) : `${JSON.stringify(chars.slice(0, 40).join(''))}…`;
}

/** Why the task id, name or environment is too large for pot's command lines, each as one message. */
export function sizeProblems(task: Pick<TaskConfig, 'id' | 'taskName' | 'env'>): string[] {
  const problems: string[] = [];
  const bytes = (s: string): number => Buffer.byteLength(s);
  if (bytes(task.id) > MAX_TASK_ID_BYTES) {
    problems.push(`task id ${shortQuote(task.id)} is ${bytes(task.id)} bytes long; Nomad's task ids (<alloc>/<task>/<invocation>) have at most ${MAX_TASK_ID_BYTES}`);
  }
  if (bytes(task.taskName) > MAX_TASK_NAME_BYTES) {
    problems.push(
      `task ${shortQuote(task.taskName)}: the name is ${bytes(task.taskName)} bytes long; pot makes it part of a ZFS dataset name, so a task name may have at most ${MAX_TASK_NAME_BYTES} bytes`,
    );
  }
  let total = 0;
  for (const [key, value] of Object.entries(task.env)) {
    const size = bytes(`${key}=${value}`);
    total += size + 4; // `-E` and two NULs
    if (size > MAX_ARGUMENT_BYTES) {
      const shown = [...key].length > 40 ? `env[${shortQuote(key)}]` : envEntryName(key);
      problems.push(`${shown}: the entry is ${size} bytes long, and no program can take an argument of more than ${MAX_ARGUMENT_BYTES} bytes; pass large data in a file (a template or an artifact) instead`);
    }
  }
  if (total > MAX_ENV_BYTES) {
    problems.push(`the task environment takes ${total} bytes on pot set-env's command line, more than the ${MAX_ENV_BYTES} pot can be given; pass large data in files (templates or artifacts) instead`);
  }
  return problems;
}

/** Every problem of the task's id, name, alloc dir and environment, each as a whole-task issue naming its part. */
export function checkTaskInput(task: Pick<TaskConfig, 'id' | 'taskName' | 'allocDir' | 'env'>): ConfigIssue[] {
  const issue = (message: string): ConfigIssue => ({ path: [], severity: 'error', message });
  const sizes = sizeProblems(task);
  // A name too long to show is reported for its size only.
  if (sizes.length > 0) return sizes.map(issue);
  const issues: ConfigIssue[] = [];
  const name = taskNameProblem(task.taskName);
  if (name !== undefined) issues.push(issue(name));
  const root = mountRootProblem(task.allocDir);
  if (root !== undefined) issues.push(issue(`alloc dir ${JSON.stringify(task.allocDir)}: ${root}`));
  for (const key of nulEnvKeys(task.env)) issues.push(issue(`${envEntryName(key)}: ${NUL_PROBLEM}`));
  return issues;
}

/** Like checkTaskInput, but throws a ConfigError listing every problem. */
export function enforceTaskInput(task: Pick<TaskConfig, 'id' | 'taskName' | 'allocDir' | 'env'>): void {
  const issues = checkTaskInput(task);
  if (issues.length > 0) throw new ConfigError(issues, 'invalid task');
}
