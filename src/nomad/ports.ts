import { sha256 } from '../shared/sha256.js';
import type { Group, Port } from '../hcl/job/model.js';
import type { AssignedPort } from './env.js';

/** Nomad's default range for dynamic ports (client `min_dynamic_port`/`max_dynamic_port`). */
export const DYNAMIC_PORT_RANGE = { min: 20000, max: 32000 } as const;

/** Chooses a host port for a dynamic port label; `taken` holds ports already handed out. */
export type PortPicker = (label: string, taken: ReadonlySet<number>) => number;

/** Every port a group's tasks can use: the group networks and the legacy task-level ones. */
export function groupPorts(group: Group): Port[] {
  return [...group.networks.flatMap((n) => n.ports), ...group.tasks.flatMap((t) => t.resources.networks.flatMap((n) => n.ports))];
}

/**
 * Assigns host ports for one allocation: static ports as written, pinned labels as given, the rest from
 * the picker. Ports already in `taken` are never handed out twice.
 */
export function assignPorts(ports: readonly Port[], pinned: ReadonlyMap<string, number>, pick: PortPicker, taken: Set<number>): AssignedPort[] {
  const out: AssignedPort[] = [];
  for (const p of ports) {
    const hostPort = p.static ?? pinned.get(p.label) ?? pick(p.label, taken);
    taken.add(hostPort);
    const a: AssignedPort = { label: p.label, hostPort };
    if (p.to !== undefined) a.to = p.to;
    out.push(a);
  }
  return out;
}

/**
 * A picker that gives the same ports for the same seed (the allocation id), so `plan` output is
 * reproducible when the ids are fixed.
 */
export function seededPortPicker(seed: string): PortPicker {
  return (label, taken) => {
    const span = DYNAMIC_PORT_RANGE.max - DYNAMIC_PORT_RANGE.min;
    const start = sha256(`${seed}/${label}`).readUInt32BE(0) % span;
    for (let i = 0; i < span; i++) {
      const port = DYNAMIC_PORT_RANGE.min + ((start + i) % span);
      if (!taken.has(port)) return port;
    }
    throw new Error('no free port left in the dynamic port range');
  };
}
