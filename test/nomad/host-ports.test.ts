import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import type { Group, Job, Port } from '../../src/hcl/job/model.js';
import { hostPortPicker, HostPortError, probePort, type PortProbe } from '../../src/nomad/host-ports.js';
import { assignPorts, groupPorts } from '../../src/nomad/ports.js';

const RANGE = { filename: 'job.nomad.hcl', start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
const HOST = '127.0.0.1';

function port(label: string, fixed?: number): Port {
  return fixed === undefined ? { label, range: RANGE } : { label, static: fixed, range: RANGE };
}

function group(name: string, count: number, ports: Port[]): Group {
  return {
    name,
    count,
    meta: {},
    networks: [{ mode: 'host', ports, range: RANGE }],
    restart: { attempts: 2, intervalMs: 1_800_000, delayMs: 15_000, mode: 'fail' },
    services: [],
    tasks: [],
    range: RANGE,
  };
}

function job(...groups: Group[]): Job {
  return { id: 'web', name: 'web', region: 'global', namespace: 'default', type: 'service', datacenters: ['dc1'], meta: {}, groups, range: RANGE };
}

/** A probe over a fixed map of port → result; every other port is free. Records what it was asked. */
function fakeProbe(results: Record<number, PortProbe> = {}) {
  const asked: number[] = [];
  const probe = async (_ip: string, p: number): Promise<PortProbe> => {
    asked.push(p);
    return results[p] ?? 'free';
  };
  return { probe, asked };
}

function rejectsWith(p: Promise<unknown>, message: string): Promise<void> {
  return assert.rejects(p, (e: unknown) => e instanceof HostPortError && e.message === message);
}

describe('probePort', () => {
  it('tells a free port from one something listens on', async () => {
    const server = createServer();
    server.listen(0, HOST);
    await once(server, 'listening');
    const taken = (server.address() as AddressInfo).port;
    assert.equal(await probePort(HOST, taken), 'in-use');
    server.close();
    await once(server, 'close');
    assert.equal(await probePort(HOST, taken), 'free');
  });

  it('reports an address that is not on this machine', async () => {
    assert.equal(await probePort('192.0.2.1', 20000), 'no-such-address');
  });
});

describe('hostPortPicker', () => {
  it('hands out free dynamic ports from the range, skipping taken and busy ones', async () => {
    const { probe, asked } = fakeProbe({ 20002: 'in-use', 20004: 'denied' });
    const j = job(group('g', 1, [port('http'), port('admin', 8080)]));
    const factory = await hostPortPicker(j, { hostIp: HOST, range: { min: 20000, max: 20009 }, taken: [20001], probe, random: () => 0 });
    assert.deepEqual(asked, [8080, 20000]);
    const assigned = assignPorts(groupPorts(j.groups[0]!), new Map(), factory('alloc-1'), new Set());
    assert.deepEqual(assigned, [
      { label: 'http', hostPort: 20000 },
      { label: 'admin', hostPort: 8080 },
    ]);
  });

  it('reserves one dynamic port per allocation and label, wrapping around the range', async () => {
    const { probe, asked } = fakeProbe({ 20008: 'in-use', 20000: 'in-use' });
    const j = job(group('a', 2, [port('http'), port('rpc')]), group('b', 1, [port('http')]));
    const factory = await hostPortPicker(j, { hostIp: HOST, range: { min: 20000, max: 20009 }, taken: [20002], probe, random: () => 0.7 });
    assert.deepEqual(asked, [20007, 20008, 20009, 20000, 20001, 20003, 20004]);
    const taken = new Set<number>();
    const pick = factory('x');
    const perAlloc = [0, 1].map(() => assignPorts(groupPorts(j.groups[0]!), new Map(), pick, taken).map((p) => p.hostPort));
    perAlloc.push(assignPorts(groupPorts(j.groups[1]!), new Map(), pick, taken).map((p) => p.hostPort));
    assert.deepEqual(perAlloc, [[20007, 20009], [20001, 20003], [20004]]);
  });

  it('checks pinned ports like static ones; the pin covers the first allocation only', async () => {
    const { probe, asked } = fakeProbe();
    const j = job(group('a', 2, [port('http')]));
    await hostPortPicker(j, { hostIp: HOST, range: { min: 30000, max: 30009 }, pinned: new Map([['http', 9000]]), probe, random: () => 0 });
    assert.deepEqual(asked, [9000, 30000]);
  });

  it('names the label and port of a static port something listens on', async () => {
    const { probe } = fakeProbe({ 8080: 'in-use' });
    await rejectsWith(hostPortPicker(job(group('g', 1, [port('http', 8080)])), { hostIp: HOST, probe }), 'static port "http" (8080) is not free on 127.0.0.1: something already listens there');
  });

  it('finds a real listener on a static port', async () => {
    const server = createServer();
    server.listen(0, HOST);
    await once(server, 'listening');
    const taken = (server.address() as AddressInfo).port;
    try {
      await rejectsWith(hostPortPicker(job(group('g', 1, [port('db', taken)])), { hostIp: HOST }), `static port "db" (${taken}) is not free on 127.0.0.1: something already listens there`);
    } finally {
      server.close();
    }
  });

  it('refuses static ports taken by another run, denied, duplicated, or bound by several allocations', async () => {
    await rejectsWith(hostPortPicker(job(group('g', 1, [port('http', 8080)])), { hostIp: HOST, taken: [8080], probe: fakeProbe().probe }), 'static port "http" (8080) is already used by another pot-nomad run');
    await rejectsWith(
      hostPortPicker(job(group('g', 1, [port('http', 80)])), { hostIp: HOST, probe: fakeProbe({ 80: 'denied' }).probe }),
      'static port "http" (80) cannot be bound on 127.0.0.1: permission denied (ports below 1024 need root)',
    );
    await rejectsWith(hostPortPicker(job(group('a', 1, [port('x', 7000)]), group('b', 1, [port('y', 7000)])), { hostIp: HOST, probe: fakeProbe().probe }), 'static port "y" (7000) is also used by port "x" of this job');
    await rejectsWith(
      hostPortPicker(job(group('g', 3, [port('http', 8080)])), { hostIp: HOST, probe: fakeProbe().probe }),
      'static port "http" (8080) of group "g" would be bound by 3 allocations (count = 3); a host port can be bound only once',
    );
  });

  it('says when the range has too few free ports or the host IP is not local', async () => {
    const { probe } = fakeProbe({ 20000: 'in-use' });
    await rejectsWith(
      hostPortPicker(job(group('g', 3, [port('http')])), { hostIp: HOST, range: { min: 20000, max: 20002 }, probe, random: () => 0 }),
      'not enough free host ports in the dynamic range 20000-20002 on 127.0.0.1: 3 needed, 2 free',
    );
    await rejectsWith(
      hostPortPicker(job(group('g', 1, [port('http')])), { hostIp: '192.0.2.1', range: { min: 20000, max: 20002 } }),
      'host IP 192.0.2.1 is not an address of this machine; choose one with --host-ip or host_ip in pot-nomad.toml',
    );
  });
});
