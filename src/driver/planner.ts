import { potArgv } from '../pot/argv.js';
import { ConfigError } from './errors.js';
import { envKeyPart, potName } from './pot-name.js';
import { DEFAULT_KILL_SIGNAL, normalizeSignal, signalNames } from './signals.js';
import { splitTaskId, type TaskConfig } from './task-config.js';

export type Argv = string[];

/** The pot command lines for one task, in the order they run. Each argv starts with the pot binary. */
export interface Plan {
  potName: string;
  start: Argv[];
  /** The kill signal, then (after the task has ended) the pot's removal. */
  stop: Argv[];
  /** Run between the two stop steps only when the task is still running after `kill_timeout`. */
  kill: Argv[];
}

/** What ends a task that outlived its `kill_timeout`, as Nomad's own drivers end it. */
export const FORCE_KILL_SIGNAL = 'SIGKILL';

export interface PlanOptions {
  potBin: string;
  /** The task's `kill_signal`; SIGINT when unset, as Nomad's default for drivers that take signals. */
  killSignal?: string;
}

/**
 * Pure: from one task's config and runtime environment to the exact pot invocations. Nothing here runs
 * a process or reads a file, so the plan can be printed, compared and tested as data.
 */
export function planTask(task: TaskConfig, opts: PlanOptions): Plan {
  const ids = splitTaskId(task.id);
  if (!ids) throw new ConfigError([{ path: [], severity: 'error', message: `task id "${task.id}" is not <alloc>/<task>/<invocation>` }], 'invalid task');
  const name = potName(task.taskName, ids.invocationId, task.allocId);
  const pot = (...args: string[]): Argv => [opts.potBin, ...args];
  const cfg = task.pot;
  const taskDir = `${task.allocDir}/${task.taskName}`;

  const start: Argv[] = [pot('prepare', ...prepareArgs(task, ids.invocationId))];
  for (const a of cfg.attributes) start.push(pot('set-attribute', '-p', name, '-A', a.name, '-V', a.value));
  for (const c of cfg.copy) start.push(pot('copy-in', '-p', name, '-s', c.source, '-d', c.destination));
  start.push(pot('mount-in', '-p', name, '-d', `${taskDir}/local`, '-m', '/local'));
  start.push(pot('mount-in', '-p', name, '-d', `${taskDir}/secrets`, '-m', '/secrets'));
  start.push(pot('mount-in', '-p', name, '-d', `${task.allocDir}/alloc`, '-m', '/alloc'));
  for (const m of cfg.mount) start.push(pot('mount-in', '-p', name, '-d', m.source, '-m', m.destination));
  for (const m of cfg.mountReadOnly) start.push(pot('mount-in', '-p', name, '-d', m.source, '-m', m.destination, '-r'));
  const envKeys = Object.keys(task.env).sort(byteOrder);
  if (envKeys.length > 0) start.push(pot('set-env', '-p', name, ...envKeys.flatMap((k) => ['-E', `${k}=${task.env[k]}`])));
  if (cfg.extraHosts.length > 0) start.push(pot('set-hosts', '-p', name, ...cfg.extraHosts.flatMap((h) => ['-H', h])));
  const cores = task.resources.cores ?? 0;
  start.push(pot('set-rss', '-M', `${task.resources.memoryMB}M`, ...(cores > 0 ? ['-C', String(cores)] : []), '-p', name));
  start.push(pot('start', name));

  const signal = normalizeSignal(opts.killSignal ?? DEFAULT_KILL_SIGNAL);
  if (!signal) {
    throw new ConfigError(
      [{ path: [], severity: 'error', message: `kill_signal "${opts.killSignal}" is not a signal pot can send; use one of ${signalNames().join(', ')}` }],
      'invalid task',
    );
  }
  const stop: Argv[] = [pot(...potArgv.signal(name, signal)), pot(...potArgv.destroy(name, true))];
  return { potName: name, start, stop, kill: [pot(...potArgv.signal(name, FORCE_KILL_SIGNAL))] };
}

function prepareArgs(task: TaskConfig, invocationId: string): string[] {
  const cfg = task.pot;
  const args = ['-U', cfg.image, '-p', cfg.pot, '-t', cfg.tag];
  // The jail's shell re-parses pot.cmd, and jobs rely on that (args = ["-g", "'daemon off;'"]), so the
  // command and its arguments are joined with spaces and wrapped in literal double quotes, unescaped.
  if (cfg.command) args.push('-c', `"${[cfg.command, ...cfg.args].join(' ')}"`);
  const labels = Object.keys(cfg.portMap).sort(byteOrder);
  if (cfg.networkMode !== undefined) args.push('-N', cfg.networkMode);
  else if (labels.length > 0) args.push('-N', 'public-bridge', '-i', 'auto');
  // A jail on the host's stack needs no port forwarding; pot would store and ignore it.
  if (cfg.networkMode !== 'host' && cfg.networkMode !== 'inherit') {
    for (const label of labels) {
      const key = `NOMAD_HOST_PORT_${envKeyPart(label)}`;
      const hostPort = task.env[key];
      if (!hostPort) {
        throw new ConfigError([{ path: ['port_map', label], severity: 'error', message: `label "${label}" has no host port (${key} is not in the task environment); define port "${label}" {} in the group's network block` }]);
      }
      args.push('-e', `${cfg.portMap[label]}:${hostPort}`);
    }
  }
  args.push('-a', `${invocationId}_${task.allocId}`, '-n', task.taskName, '-v');
  return args;
}

/** Go's sort.Strings order: the bytes of the UTF-8 encoding, not the locale. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
