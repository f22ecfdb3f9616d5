import type { NomadBlock } from '../nomad-block.js';
import type { RuleContext } from './rule-context.js';

/**
 * A service's `port` must name a port label of the group's networks (or of a task's legacy network), or
 * be a port number. Group services may also interpolate it (`"${NOMAD_PORT_api}"`): Nomad resolves that
 * on the client, so it is not checked here.
 */
export function validateServicePorts(group: NomadBlock, ctx: RuleContext): void {
  const labels = new Set<string>();
  for (const network of [...group.blocks('network'), ...group.blocks('task').flatMap((t) => t.block('resources')?.blocks('network') ?? [])]) {
    for (const port of [...network.blocks('port'), ...network.blocks('reserved_ports')]) labels.add(port.label);
  }
  const services = [...group.blocks('service'), ...group.blocks('task').flatMap((t) => t.blocks('service'))];
  for (const service of services) {
    const port = service.string('port');
    if (!port || labels.has(port) || /^\d+$/.test(port) || port.includes('${')) continue;
    const known = [...labels];
    ctx.error(
      service,
      ctx.rangeOf(service, 'port'),
      `Service port label "${port}" is not defined`,
      `No network of group "${group.label}" has a port "${port}"${known.length ? ` (defined: ${known.map((k) => `"${k}"`).join(', ')})` : ''}; add port "${port}" {} to the group's network block.`,
    );
  }
}
