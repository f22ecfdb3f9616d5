import type { Range } from '../source.js';
import type { ValueObject } from '../value.js';

/**
 * The parts of a Nomad job that a client running pot tasks needs, with Nomad's defaults applied and
 * the declaration order of groups, tasks and repeated blocks kept.
 */

export interface Job {
  id: string;
  name: string;
  region: string;
  namespace: string;
  type: string;
  datacenters: string[];
  meta: Record<string, string>;
  groups: Group[];
  range: Range;
}

export interface Group {
  name: string;
  count: number;
  meta: Record<string, string>;
  networks: Network[];
  restart: RestartPolicy;
  services: Service[];
  tasks: Task[];
  range: Range;
}

export interface Network {
  mode: string;
  ports: Port[];
  range: Range;
}

export interface Port {
  label: string;
  /** A fixed host port (`static`); absent for a dynamic port. */
  static?: number;
  /** The port inside the task's network namespace (`to`); absent when it equals the host port. */
  to?: number;
  hostNetwork?: string;
  range: Range;
}

export interface RestartPolicy {
  attempts: number;
  intervalMs: number;
  delayMs: number;
  mode: 'fail' | 'delay';
}

export interface Task {
  name: string;
  driver: string;
  config: DriverConfig;
  env: Record<string, string>;
  meta: Record<string, string>;
  resources: Resources;
  killTimeoutMs: number;
  /** The job's `kill_signal`, if it sets one; drivers pick their own default. */
  killSignal?: string;
  user?: string;
  lifecycle?: Lifecycle;
  restart?: RestartPolicy;
  services: Service[];
  templates: Template[];
  logs: LogConfig;
  range: Range;
  nameRange: Range;
}

/** A task's `config {}` block: schemaless for Nomad, decoded later by the driver's own schema. */
export interface DriverConfig {
  value: ValueObject;
  range?: Range;
  /** Source ranges of config entries by path, written `mount`, `mount[1]`, `port_map.http`. */
  spans: Map<string, Range>;
}

export interface Resources {
  cpu: number;
  memoryMB: number;
  memoryMaxMB: number;
  /** Reserved CPU cores (`cores`); 0 when the job asks for none. */
  cores: number;
  /** Legacy task-level `resources { network { ... } }` blocks. */
  networks: Network[];
}

export interface Lifecycle {
  hook: 'prestart' | 'poststart' | 'poststop';
  sidecar: boolean;
}

export interface Service {
  name: string;
  port?: string;
  tags: string[];
  provider: string;
  checks: Check[];
  range: Range;
}

export interface Check {
  name: string;
  type: string;
  port?: string;
  path?: string;
  protocol?: string;
  method?: string;
  intervalMs: number;
  timeoutMs: number;
  range: Range;
}

export interface Template {
  data?: string;
  source?: string;
  destination: string;
  env: boolean;
  changeMode: string;
  perms: string;
  leftDelimiter: string;
  rightDelimiter: string;
  range: Range;
}

export interface LogConfig {
  maxFiles: number;
  maxFileSizeMB: number;
  disabled: boolean;
}
