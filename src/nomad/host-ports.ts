import { createServer } from 'node:net';
import type { Job, Port } from '../hcl/job/model.js';
import { DYNAMIC_PORT_RANGE, groupPorts, type PortPicker } from './ports.js';

export interface PortRange {
  min: number;
  max: number;
}

/** What binding a port on the host IP showed. */
export type PortProbe = 'free' | 'in-use' | 'denied' | 'no-such-address';

export interface HostPortOptions {
  hostIp: string;
  /** Inclusive range for dynamic ports; Nomad's 20000–32000 by default. */
  range?: PortRange;
  /** Host ports held by other runs, never handed out again. */
  taken?: Iterable<number>;
  /** Labels the user fixed (`--port http=8080`); checked like static ports. */
  pinned?: ReadonlyMap<string, number>;
  /** Replaces the bind test, for tests. */
  probe?: (hostIp: string, port: number) => Promise<PortProbe>;
  random?: () => number;
}

/** A host port that cannot be used; the message says which label and port, and why. */
export class HostPortError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostPortError';
  }
}

/** Binds `hostIp:port` for a moment to learn whether it is free. */
export function probePort(hostIp: string, port: number): Promise<PortProbe> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => {
      resolve(err.code === 'EACCES' || err.code === 'EPERM' ? 'denied' : err.code === 'EADDRNOTAVAIL' ? 'no-such-address' : 'in-use');
    });
    server.listen({ host: hostIp, port, exclusive: true }, () => server.close(() => resolve('free')));
  });
}

/**
 * Chooses host ports for `pot-nomad run` before allocations are built: static and pinned ports are
 * checked (not taken by another run, nothing listening), and enough dynamic ports are found free in
 * the range, starting at a random place and skipping taken ones. The result is what
 * `buildAllocations` takes as `portPicker`; its pickers hand the reserved ports out in order.
 */
export async function hostPortPicker(job: Job, opts: HostPortOptions): Promise<(allocId: string) => PortPicker> {
  const range = opts.range ?? DYNAMIC_PORT_RANGE;
  const probe = opts.probe ?? probePort;
  const taken = new Set(opts.taken ?? []);
  const fixed = new Map<number, string>();
  let dynamicCount = 0;

  // As in buildAllocations, a pin applies to the first allocation with that label; the rest are dynamic.
  const pinsLeft = new Map(opts.pinned ?? []);
  for (const group of job.groups) {
    for (const port of groupPorts(group)) {
      const pin = port.static === undefined ? pinsLeft.get(port.label) : undefined;
      const hostPort = port.static ?? pin;
      if (hostPort === undefined) {
        dynamicCount += group.count;
        continue;
      }
      const kind = port.static !== undefined ? 'static port' : 'port';
      if (pin !== undefined) {
        pinsLeft.delete(port.label);
        dynamicCount += group.count - 1;
      } else if (group.count > 1) {
        throw new HostPortError(`${kind} "${port.label}" (${hostPort}) of group "${group.name}" would be bound by ${group.count} allocations (count = ${group.count}); a host port can be bound only once`);
      }
      const other = fixed.get(hostPort);
      if (other !== undefined) throw new HostPortError(`${kind} "${port.label}" (${hostPort}) is also used by port "${other}" of this job`);
      fixed.set(hostPort, port.label);
      await checkFixed(port, kind, hostPort, taken, opts.hostIp, probe);
    }
  }

  const reserved = await findDynamic(dynamicCount, range, new Set([...taken, ...fixed.keys()]), opts, probe);
  let next = 0;
  return () => (label, inUse) => {
    while (next < reserved.length && inUse.has(reserved[next]!)) next++;
    const port = reserved[next++];
    if (port === undefined) throw new HostPortError(`no reserved host port left for dynamic port "${label}"`);
    return port;
  };
}

async function checkFixed(port: Port, kind: string, hostPort: number, taken: ReadonlySet<number>, hostIp: string, probe: NonNullable<HostPortOptions['probe']>): Promise<void> {
  const what = `${kind} "${port.label}" (${hostPort})`;
  if (taken.has(hostPort)) throw new HostPortError(`${what} is already used by another pot-nomad run`);
  const result = await probe(hostIp, hostPort);
  if (result === 'in-use') throw new HostPortError(`${what} is not free on ${hostIp}: something already listens there`);
  if (result === 'denied') throw new HostPortError(`${what} cannot be bound on ${hostIp}: permission denied (ports below 1024 need root)`);
  if (result === 'no-such-address') throw noSuchAddress(hostIp);
}

async function findDynamic(count: number, range: PortRange, skip: ReadonlySet<number>, opts: HostPortOptions, probe: NonNullable<HostPortOptions['probe']>): Promise<number[]> {
  const found: number[] = [];
  if (count === 0) return found;
  const span = range.max - range.min + 1;
  const start = Math.floor((opts.random ?? Math.random)() * span);
  for (let i = 0; i < span && found.length < count; i++) {
    const port = range.min + ((start + i) % span);
    if (skip.has(port)) continue;
    const result = await probe(opts.hostIp, port);
    if (result === 'no-such-address') throw noSuchAddress(opts.hostIp);
    if (result === 'free') found.push(port);
  }
  if (found.length < count) {
    throw new HostPortError(`not enough free host ports in the dynamic range ${range.min}-${range.max} on ${opts.hostIp}: ${count} needed, ${found.length} free`);
  }
  return found;
}

function noSuchAddress(hostIp: string): HostPortError {
  return new HostPortError(`host IP ${hostIp} is not an address of this machine; choose one with --host-ip or host_ip in pot-nomad.toml`);
}
