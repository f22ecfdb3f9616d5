/**
 * One task of a fleet as a Nomad client hands it to the driver: an allocation of its own, the alloc dir tree the
 * client would have created, and, for a task with ports, the group network's ports in the three places the
 * client puts them (the allocated network resource, the port mappings, the NOMAD_* variables). Host ports are
 * the caller's to choose, as the scheduler's are, so that two tasks given the same one would show.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { decodePotConfig } from '../src/driver/config.js';
import { envKeyPart, potName } from '../src/driver/pot-name.js';
import { TASK_CONFIG_SCHEMA } from '../src/driver/schema.js';
import { taskConfigFromProto, type TaskConfigMsg } from '../src/plugin/convert/task-config.js';
import { encodeCtyConfig } from '../src/plugin/cty-encode.js';
import type { TaskRequest, Workspace } from './plugin-fleet.js';

export const FLEET_IMAGE = { image: 'https://potluck.example/registry', pot: 'loop-amd64-14_1', tag: '1.0.0' } as const;
/** The address of the client's network the ports are on. */
export const HOST_IP = '127.0.0.1';

export interface FleetPort {
  label: string;
  /** The port inside the jail (`port_map`). */
  to: number;
  /** The host port the scheduler gave the label. */
  value: number;
}

export interface FleetTaskSpec {
  taskName: string;
  /** As in the job's `config {}`: pot's start script re-parses the command line through a shell. */
  command: string;
  args: readonly string[];
  ports?: readonly FleetPort[];
  job?: string;
}

export interface FleetTaskRequest extends TaskRequest {
  readonly allocId: string;
  readonly invocation: string;
  /** The jail the driver will make for it. */
  readonly potName: string;
}

export function fleetTaskRequest(ws: Workspace, spec: FleetTaskSpec): FleetTaskRequest {
  const allocId = randomUUID();
  const invocation = randomBytes(4).toString('hex');
  const { taskName } = spec;
  const ports = spec.ports ?? [];
  const allocDir = path.join(ws.dir, 'alloc', allocId);
  for (const dir of [`${taskName}/local`, `${taskName}/secrets`, 'alloc/logs']) mkdirSync(path.join(allocDir, dir), { recursive: true });
  const driverConfig = {
    ...FLEET_IMAGE,
    command: spec.command,
    args: [...spec.args],
    ...(ports.length > 0 ? { port_map: [Object.fromEntries(ports.map((p) => [p.label, String(p.to)]))] } : {}),
  };
  const message = {
    id: `${allocId}/${taskName}/${invocation}`,
    name: taskName,
    msgpack_driver_config: Buffer.from(encodeCtyConfig(driverConfig, TASK_CONFIG_SCHEMA)),
    env: { NOMAD_TASK_NAME: taskName, NOMAD_ALLOC_ID: allocId, ...portVariables(ports) },
    resources: {
      allocated_resources: {
        cpu: { cpu_shares: 100 },
        memory: { memory_mb: 64, memory_max_mb: 0 },
        networks: ports.length > 0 ? [{ ip: HOST_IP, mbits: 0, dynamic_ports: ports.map((p) => ({ label: p.label, value: p.value })) }] : [],
      },
      linux_resources: null,
      ports: ports.map((p) => ({ label: p.label, value: p.value, to: p.to, host_ip: HOST_IP })),
    },
    alloc_dir: allocDir,
    stdout_path: path.join(allocDir, 'alloc', 'logs', `${taskName}.stdout.0`),
    stderr_path: path.join(allocDir, 'alloc', 'logs', `${taskName}.stderr.0`),
    task_group_name: 'group',
    job_name: spec.job ?? 'bench',
    alloc_id: allocId,
  };
  const { rawDriverConfig: _raw, ...task } = taskConfigFromProto(message as Partial<TaskConfigMsg>);
  return {
    message,
    config: { ...task, pot: decodePotConfig(driverConfig) },
    allocId,
    invocation,
    potName: potName(taskName, invocation, allocId),
  };
}

/** The variables Nomad's client sets per port label of the group network. */
function portVariables(ports: readonly FleetPort[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { label, to, value } of ports) {
    const key = envKeyPart(label);
    Object.assign(env, {
      [`NOMAD_IP_${key}`]: HOST_IP,
      [`NOMAD_PORT_${key}`]: String(to),
      [`NOMAD_ADDR_${key}`]: `${HOST_IP}:${value}`,
      [`NOMAD_HOST_IP_${key}`]: HOST_IP,
      [`NOMAD_HOST_PORT_${key}`]: String(value),
      [`NOMAD_HOST_ADDR_${key}`]: `${HOST_IP}:${value}`,
      [`NOMAD_ALLOC_PORT_${key}`]: String(to),
    });
  }
  return env;
}
