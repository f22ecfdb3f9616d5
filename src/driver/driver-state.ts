import type { PotConfig, TaskConfig } from './task-config.js';
import type { NetworkOverride } from './types.js';

/**
 * The bytes Nomad keeps in `TaskHandle.driver_state` and hands back on recovery: everything needed to re-adopt
 * a jail, since the task's driver config is gone after an agent restart. JSON, versioned by `version`.
 */
export const DRIVER_STATE_VERSION = 1;

export interface DriverState {
  version: typeof DRIVER_STATE_VERSION;
  potName: string;
  /** The `pot start` process. */
  pid: number;
  startedAt: Date;
  potBin: string;
  /** The whole task, the decoded pot config included. */
  task: TaskConfig;
  /** The jail's own address and port map, when it has them (Nomad does not hand them back on recovery). */
  network?: NetworkOverride;
}

/**
 * The handle's driver state cannot be read back: the task cannot be recovered. Nomad then destroys the task
 * and runs it again; `unrecoverable` tells the front door it is the state's fault, not the driver's.
 */
export class DriverStateError extends Error {
  readonly kind = 'unrecoverable' as const;
  constructor(reason: string) {
    super(`cannot recover the task from its saved driver state: ${reason}`);
    this.name = 'DriverStateError';
  }
}

export function encodeDriverState(state: Omit<DriverState, 'version'>): Uint8Array {
  const json = JSON.stringify({
    version: DRIVER_STATE_VERSION,
    potName: state.potName,
    pid: state.pid,
    startedAt: state.startedAt.toISOString(),
    potBin: state.potBin,
    task: state.task,
    ...(state.network ? { network: state.network } : {}),
  });
  return new TextEncoder().encode(json);
}

/** `handleVersion` is the version Nomad stored beside the bytes; both must be ours. */
export function decodeDriverState(bytes: Uint8Array, handleVersion: number): DriverState {
  if (handleVersion !== DRIVER_STATE_VERSION) {
    throw new DriverStateError(`the task handle has version ${handleVersion}, and this driver reads version ${DRIVER_STATE_VERSION}`);
  }
  if (bytes.byteLength === 0) throw new DriverStateError('it is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new DriverStateError(`it is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const check = new Shape();
  const root = check.object(raw, 'state');
  const version = root?.version;
  if (root !== undefined && version !== DRIVER_STATE_VERSION) {
    throw new DriverStateError(`its version is ${JSON.stringify(version)}, and this driver reads version ${DRIVER_STATE_VERSION}`);
  }
  const potName = check.string(root?.potName, 'potName', true);
  const pid = root?.pid;
  if (!Number.isInteger(pid) || (pid as number) <= 0) check.fail(`pid must be a positive whole number, not ${JSON.stringify(pid)}`);
  const startedText = check.string(root?.startedAt, 'startedAt', true);
  const startedAt = new Date(startedText);
  if (Number.isNaN(startedAt.getTime())) check.fail(`startedAt ${JSON.stringify(startedText)} is not a time`);
  const potBin = check.string(root?.potBin, 'potBin', true);
  const task = checkTask(check, root?.task);
  const network = root?.network === undefined ? undefined : checkNetwork(check, root.network);
  check.done();
  return { version: DRIVER_STATE_VERSION, potName, pid: pid as number, startedAt, potBin, task: task as TaskConfig, ...(network ? { network } : {}) };
}

function checkTask(check: Shape, raw: unknown): unknown {
  const task = check.object(raw, 'task');
  if (task === undefined) return raw;
  for (const key of ['id', 'allocId', 'taskName', 'jobName', 'jobId', 'groupName', 'namespace', 'allocDir', 'stdoutPath', 'stderrPath'] as const) {
    check.string(task[key], `task.${key}`, key === 'id' || key === 'taskName' || key === 'allocId');
  }
  check.stringMap(task.env, 'task.env');
  const resources = check.object(task.resources, 'task.resources');
  for (const key of ['cpuShares', 'memoryMB', 'memoryMaxMB'] as const) check.number(resources?.[key], `task.resources.${key}`);
  if (resources?.cores !== undefined) check.number(resources.cores, 'task.resources.cores');
  checkPotConfig(check, task.pot);
  return task;
}

function checkNetwork(check: Shape, raw: unknown): NetworkOverride | undefined {
  const network = check.object(raw, 'network');
  if (network === undefined) return undefined;
  const addr = check.string(network.addr, 'network.addr', true);
  const portMap = check.object(network.portMap, 'network.portMap');
  if (portMap !== undefined && Object.values(portMap).some((v) => !Number.isInteger(v))) check.fail('network.portMap must map labels to port numbers');
  if (typeof network.autoAdvertise !== 'boolean') check.fail('network.autoAdvertise must be true or false');
  return { addr, portMap: (portMap ?? {}) as Record<string, number>, autoAdvertise: network.autoAdvertise === true };
}

function checkPotConfig(check: Shape, raw: unknown): void {
  const pot = check.object(raw, 'task.pot') as Partial<Record<keyof PotConfig, unknown>> | undefined;
  if (pot === undefined) return;
  for (const key of ['image', 'pot', 'tag'] as const) check.string(pot[key], `task.pot.${key}`, true);
  for (const key of ['command', 'networkMode'] as const) if (pot[key] !== undefined) check.string(pot[key], `task.pot.${key}`);
  check.stringList(pot.args, 'task.pot.args');
  check.stringList(pot.extraHosts, 'task.pot.extraHosts');
  check.stringMap(pot.portMap, 'task.pot.portMap');
  for (const key of ['copy', 'mount', 'mountReadOnly'] as const) check.pairs(pot[key], `task.pot.${key}`, 'source', 'destination');
  check.pairs(pot.attributes, 'task.pot.attributes', 'name', 'value');
}

/** Collects the first problem found; `done` throws it. */
class Shape {
  #problem: string | undefined;

  fail(problem: string): void {
    this.#problem ??= problem;
  }

  done(): void {
    if (this.#problem !== undefined) throw new DriverStateError(this.#problem);
  }

  object(value: unknown, path: string): Record<string, unknown> | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    this.fail(`${path} must be an object`);
    return undefined;
  }

  string(value: unknown, path: string, nonEmpty = false): string {
    if (typeof value !== 'string') this.fail(`${path} must be a string`);
    else if (nonEmpty && value === '') this.fail(`${path} must not be empty`);
    return typeof value === 'string' ? value : '';
  }

  number(value: unknown, path: string): void {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(`${path} must be a number`);
  }

  stringList(value: unknown, path: string): void {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) this.fail(`${path} must be a list of strings`);
  }

  stringMap(value: unknown, path: string): void {
    const map = this.object(value, path);
    if (map !== undefined && Object.values(map).some((v) => typeof v !== 'string')) this.fail(`${path} must map strings to strings`);
  }

  pairs(value: unknown, path: string, first: string, second: string): void {
    const ok =
      Array.isArray(value) &&
      value.every((v) => typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)[first] === 'string' && typeof (v as Record<string, unknown>)[second] === 'string');
    if (!ok) this.fail(`${path} must be a list of {${first}, ${second}}`);
  }
}
