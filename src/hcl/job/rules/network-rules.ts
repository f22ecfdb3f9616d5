import type { Range } from '../../source.js';
import type { NomadBlock } from '../nomad-block.js';
import { goQuote } from './go-text.js';
import { groupBlocks, type GroupView } from './job-view.js';
import { headerRange, type RuleContext } from './rule-context.js';

export interface PortView {
  label: string;
  value: number;
  to: number;
  hostNetwork: string;
  ignoreCollision: boolean;
  block: NomadBlock;
}

/**
 * A network's ports as Nomad's decoder leaves them: `port` blocks with a static value become reserved
 * ports, the others dynamic. A network with any `port` block loses its `reserved_ports` blocks, as
 * the decoder replaces the reserved list with the static `port` blocks.
 */
export function networkPorts(network: NomadBlock): PortView[] {
  const view = (p: NomadBlock): PortView => ({
    label: p.label,
    value: p.number('static') ?? 0,
    to: p.number('to') ?? 0,
    hostNetwork: p.string('host_network') || 'default',
    ignoreCollision: p.bool('ignore_collision') === true,
    block: p,
  });
  const ports = network.blocks('port').map(view);
  if (ports.length === 0) return network.blocks('reserved_ports').map(view);
  return [...ports.filter((p) => p.value > 0), ...ports.filter((p) => p.value <= 0)];
}

/** `TaskGroup.validateNetworks`: port labels and static ports unique, port numbers in range, CNI args, hostname. */
export function validateNetworks(group: GroupView, tasks: readonly NomadBlock[], injected: readonly string[], ctx: RuleContext): void {
  const labels = new Map<string, string>();
  const statics = new Map<string, Map<number, string>>();
  const cniKeys = new Set<string>();
  const staticAt = (p: PortView) => ctx.rangeOf(p.block, 'static');
  groupBlocks(group, 'network').forEach((network, index) => {
    const mode = network.string('mode') ?? '';
    for (const port of networkPorts(network)) {
      const other = labels.get(port.label);
      if (other !== undefined) ctx.error(port.block, headerRange(port.block), `Port label ${port.label} already in use by ${other}`, 'Each port of a group needs its own label.');
      else labels.set(port.label, 'taskgroup network');
      if (port.value !== 0) {
        const index = statics.get(port.hostNetwork) ?? new Map<number, string>();
        const holder = index.get(port.value);
        const ignore = port.ignoreCollision && ctx.since('1.9.0');
        if (holder !== undefined) {
          if (!ignore) ctx.error(port.block, staticAt(port), `Static port ${port.value} already reserved by ${holder}`, 'Each static port may be reserved once per host network; use another number, or a dynamic port.');
        } else if (port.value > 65535) {
          ctx.error(port.block, staticAt(port), `Port ${port.label} (${port.value}) cannot be greater than 65535`, 'Use a port number from 1 to 65535.');
        } else {
          index.set(port.value, `taskgroup network:${port.label}`);
          statics.set(port.hostNetwork, index);
        }
      }
      if (port.to < -1) ctx.error(port.block, ctx.rangeOf(port.block, 'to'), `Port ${goQuote(port.label)} cannot be mapped to negative value ${port.to}`, 'Set to to the port inside the network namespace, or -1 for the same as the host port.');
      else if (port.to > 65535) ctx.error(port.block, ctx.rangeOf(port.block, 'to'), `Port ${goQuote(port.label)} cannot be mapped to a port (${port.to}) greater than 65535`, 'Use a port number from 1 to 65535.');
      if (port.ignoreCollision && ctx.since('1.9.0') && !(mode === '' || mode === 'host')) {
        ctx.error(port.block, ctx.rangeOf(port.block, 'ignore_collision'), `Port ${goQuote(port.label)} collision may not be ignored on non-host network mode ${goQuote(mode)}`, 'ignore_collision works only with the host network mode; remove it.');
      }
    }
    // Ports Nomad adds for Consul Connect join the first network's dynamic ports.
    for (const label of index === 0 ? injected : []) {
      const other = labels.get(label);
      if (other !== undefined) {
        const service = groupBlocks(group, 'service').find((s) => s.block('connect')) ?? network;
        ctx.error(service, headerRange(service), `Port label ${label} already in use by ${other}`, `Nomad adds a dynamic port "${label}" for Consul Connect; the group's network already has a port of that label.`);
      } else labels.set(label, 'taskgroup network');
    }
    cniArgs(network, cniKeys, ctx);
    const hostname = network.string('hostname') ?? '';
    if (hostname !== '' && !hostname.includes('${') && !isDomainName(hostname)) {
      ctx.error(network, ctx.rangeOf(network, 'hostname'), 'Hostname is not a valid DNS name', `${goQuote(hostname)} is not a DNS name; use dot-separated labels of at most 63 characters.`);
    }
  });
  for (const task of tasks) {
    for (const network of task.block('resources')?.blocks('network') ?? []) {
      for (const port of networkPorts(network)) {
        const other = labels.get(port.label);
        if (other !== undefined) ctx.error(port.block, headerRange(port.block), `Port label ${port.label} already in use by ${other}`, 'A task\'s network port may not reuse a label of the group\'s network.');
        if (port.value === 0) continue;
        const index = statics.get(port.hostNetwork) ?? new Map<number, string>();
        const holder = index.get(port.value);
        if (holder !== undefined) ctx.error(port.block, staticAt(port), `Static port ${port.value} already reserved by ${holder}`, 'Each static port may be reserved once per host network.');
        else if (port.value > 65535) ctx.error(port.block, staticAt(port), `Port ${port.label} (${port.value}) cannot be greater than 65535`, 'Use a port number from 1 to 65535.');
        else {
          index.set(port.value, `${task.label}:${port.label}`);
          statics.set(port.hostNetwork, index);
        }
      }
    }
  }
}

function cniArgs(network: NomadBlock, seen: Set<string>, ctx: RuleContext): void {
  const cni = network.block('cni');
  const args = cni?.stringMap('args');
  if (!cni || !args || !ctx.since('1.8.2')) return;
  const at: Range = ctx.rangeOf(cni, 'args');
  for (const [k, v] of Object.entries(args)) {
    if (seen.has(k)) ctx.error(cni, at, `duplicate CNI arg ${goQuote(k)}`, 'Each CNI argument may be set by one network only.');
    else seen.add(k);
    if (k.includes(';')) ctx.error(cni, at, `invalid ';' character in CNI arg key ${goQuote(k)}`, 'CNI arguments are passed as "key=value;..."; remove the ";".');
    if (v.includes(';')) ctx.error(cni, at, `invalid ';' character in CNI arg value ${goQuote(v)}`, 'CNI arguments are passed as "key=value;..."; remove the ";".');
  }
}

/** miekg/dns's IsDomainName: no leading or doubled dots, labels under 64 bytes, at most 255 bytes in all. */
export function isDomainName(name: string): boolean {
  const s = name.endsWith('.') ? name : `${name}.`;
  const bytes = Buffer.from(s);
  let off = 0;
  let begin = 0;
  let wasDot = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === 0x5c) {
      const ddd = i + 3 < bytes.length && [1, 2, 3].every((k) => bytes[i + k]! >= 0x30 && bytes[i + k]! <= 0x39);
      i += ddd ? 3 : 1;
      begin += ddd ? 3 : 1;
      wasDot = false;
    } else if (c === 0x2e) {
      if (i === 0 && bytes.length > 1) return false;
      if (wasDot) return false;
      wasDot = true;
      const labelLen = i - begin;
      if (labelLen >= 64) return false;
      off += 1 + labelLen;
      if (off > 256) return false;
      begin = i + 1;
    } else wasDot = false;
  }
  return true;
}
