import { NOMAD_DEFAULTS } from './defaults.js';
import type { Network, Port } from './model.js';
import type { NomadBlock } from './nomad-block.js';

/** A group `network {}` block, or the legacy task-level `resources { network {} }`. */
export function decodeNetwork(block: NomadBlock): Network {
  // `reserved_ports` is the older spelling of a port with a static host port.
  const ports = [...block.blocks('port'), ...block.blocks('reserved_ports')].map((p) => {
    const port: Port = { label: p.label, range: p.range };
    const fixed = p.number('static');
    if (fixed !== undefined && fixed > 0) port.static = fixed;
    const to = p.number('to');
    if (to !== undefined && to > 0) port.to = to;
    const hostNetwork = p.string('host_network');
    if (hostNetwork !== undefined) port.hostNetwork = hostNetwork;
    return port;
  });
  return { mode: block.string('mode') ?? NOMAD_DEFAULTS.networkMode, ports, range: block.range };
}
