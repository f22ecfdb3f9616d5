/**
 * One pot task carrying payloads in every field that reaches pot, written as a Nomad job file, and the argv
 * pot must receive for it: the design passes each value through as exactly one argument.
 */
import { hclAttributes, hclList, hclString, IMAGE, type Payload } from './hostile-inputs.js';

export interface PayloadTask {
  name: string;
  image: string;
  pot: string;
  tag: string;
  command: string;
  args: string[];
  /** Task `env {}`; keys are plain identifiers. */
  env: Record<string, string>;
  /** Task `meta {}`: each key `k` becomes NOMAD_META_k and NOMAD_META_K. */
  meta: Record<string, string>;
  copy: string[];
  mount: string[];
  mountReadOnly: string[];
  extraHosts: string[];
}

export const EXTRA_HOSTS = ['db.internal:10.0.0.5', 'v6.internal:fd00::5'];

export interface PayloadTaskOptions {
  /**
   * `each`: one copy and mount entry per payload (costs nothing to plan). `joined`: one entry per field whose path
   * has every payload as a component, so a run calls pot a few times instead of dozens.
   */
  entries: 'each' | 'joined';
  /** The copies' jail paths carry the payloads too (a pot that only records); else they go to the jail's `/`. */
  copyIntoPayloads?: boolean;
}

/**
 * A task with `payloads` in its env, meta, args and copy entries, and `mountable` (payloads pot mount-in can take)
 * in its mounts, with host paths under `hostRoot`. The command, image, pot and tag stay ordinary: callers put
 * payloads there when the pot in use only records.
 */
export function payloadTask(name: string, payloads: readonly Payload[], mountable: readonly Payload[], hostRoot: string, opts: PayloadTaskOptions): PayloadTask {
  const groups = (list: readonly Payload[]): Payload[][] => (opts.entries === 'each' ? list.map((p) => [p]) : list.length > 0 ? [[...list]] : []);
  return {
    name,
    ...IMAGE,
    command: '/bin/echo',
    args: payloads.map((p) => p.value),
    env: Object.fromEntries(payloads.map((p) => [`P_${p.id}`, p.value])),
    meta: Object.fromEntries(payloads.map((p) => [p.id, p.value])),
    copy: groups(payloads).map((g) => `${hostPath(hostRoot, 'copy', g)}:${opts.copyIntoPayloads === true ? `/dst/${components(g)}` : '/'}`),
    mount: groups(mountable).map((g) => `${hostPath(hostRoot, 'rw', g)}:/mnt/${components(g)}`),
    mountReadOnly: groups(mountable).map((g) => `${hostPath(hostRoot, 'ro', g)}:/ro/${components(g)}`),
    extraHosts: EXTRA_HOSTS,
  };
}

/** A host path under `hostRoot/kind` with the payloads as its components, below a directory named after their ids. */
export function hostPath(hostRoot: string, kind: 'copy' | 'rw' | 'ro', payloads: readonly Payload[]): string {
  return `${hostRoot}/${kind}/${payloads.map((p) => p.id).join('-')}/${components(payloads)}`;
}

function components(payloads: readonly Payload[]): string {
  return payloads.map((p) => p.value).join('/');
}

/** A batch job of one group that is not restarted, with the tasks given. */
export function jobText(jobName: string, tasks: readonly PayloadTask[]): string {
  const body = tasks.map(taskText).join('\n');
  return `job ${hclString(jobName)} {
  type = "batch"
  group "g" {
    restart {
      attempts = 0
      mode     = "fail"
    }
${body}
  }
}
`;
}

function taskText(t: PayloadTask): string {
  const i = '        ';
  const optional = (key: string, values: readonly string[]): string => (values.length > 0 ? `\n${i}${key} = ${hclList(values)}` : '');
  return `    task ${hclString(t.name)} {
      driver = "pot"
      env {
${hclAttributes(t.env, i)}
      }
      meta {
${hclAttributes(t.meta, i)}
      }
      config {
${i}image   = ${hclString(t.image)}
${i}pot     = ${hclString(t.pot)}
${i}tag     = ${hclString(t.tag)}
${i}command = ${hclString(t.command)}${optional('args', t.args)}${optional('copy', t.copy)}${optional('mount', t.mount)}${optional('mount_read_only', t.mountReadOnly)}${optional('extra_hosts', t.extraHosts)}
      }
    }`;
}

export interface ArgvContext {
  bin: string;
  potName: string;
  allocId: string;
  invocationId: string;
  allocDir: string;
  memoryMB: number;
  /** The complete task environment pot gets. */
  env: Readonly<Record<string, string>>;
}

/** Every `pot` command of the start phase for `t`, as the design says they must be: one value, one argument. */
export function expectedStart(t: PayloadTask, c: ArgvContext): string[][] {
  const split = (entry: string): [string, string] => {
    const colon = entry.indexOf(':');
    return [entry.slice(0, colon), entry.slice(colon + 1)];
  };
  const byBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
  const p = (...args: string[]): string[] => [c.bin, ...args];
  return [
    p('prepare', '-U', t.image, '-p', t.pot, '-t', t.tag, '-c', `"${[t.command, ...t.args].join(' ')}"`, '-a', `${c.invocationId}_${c.allocId}`, '-n', t.name, '-v'),
    ...t.copy.map(split).map(([s, d]) => p('copy-in', '-p', c.potName, '-s', s, '-d', d)),
    p('mount-in', '-p', c.potName, '-d', `${c.allocDir}/${t.name}/local`, '-m', '/local'),
    p('mount-in', '-p', c.potName, '-d', `${c.allocDir}/${t.name}/secrets`, '-m', '/secrets'),
    p('mount-in', '-p', c.potName, '-d', `${c.allocDir}/alloc`, '-m', '/alloc'),
    ...t.mount.map(split).map(([s, d]) => p('mount-in', '-p', c.potName, '-d', s, '-m', d)),
    ...t.mountReadOnly.map(split).map(([s, d]) => p('mount-in', '-p', c.potName, '-d', s, '-m', d, '-r')),
    p('set-env', '-p', c.potName, ...Object.keys(c.env).sort(byBytes).flatMap((k) => ['-E', `${k}=${c.env[k]}`])),
    ...(t.extraHosts.length > 0 ? [p('set-hosts', '-p', c.potName, ...t.extraHosts.flatMap((h) => ['-H', h]))] : []),
    p('set-rss', '-M', `${c.memoryMB}M`, '-p', c.potName),
    p('start', c.potName),
  ];
}

/** The jail's name as pot derives it from the task name: `.` becomes `_`. */
export function potNameOf(taskName: string, invocationId: string, allocId: string): string {
  return `${taskName}_${invocationId}_${allocId}`.replace(/\./g, '_');
}
