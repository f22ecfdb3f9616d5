import type { NomadBlock } from '../nomad-block.js';
import { goQuote } from './go-text.js';
import { networkPorts } from './network-rules.js';
import { groupBlocks, type GroupView, type JobView } from './job-view.js';
import type { RuleContext } from './rule-context.js';
import { checkName } from './check-rules.js';
import { serviceName } from './service-names.js';

/**
 * Nomad's expose-check admission hook: a check with `expose = true` must belong to a group service
 * with a Connect sidecar, in a group with one bridge (or CNI) network, and Nomad must be able to tell
 * the service's local port, a static port or a number.
 */
export function validateExposeChecks(view: JobView, group: GroupView, ctx: RuleContext): void {
  const networks = groupBlocks(group, 'network');
  const services = groupBlocks(group, 'service');
  const exposing = services.some((s) => s.blocks('check').some((c) => c.bool('expose') === true));
  if (exposing) {
    const problem = networkProblem(group, networks, ctx);
    if (problem) {
      // Nomad's hook stops at this problem.
      const check = services.flatMap((s) => s.blocks('check')).find((c) => c.bool('expose') === true)!;
      ctx.error(check, ctx.rangeOf(check, 'expose'), problem, 'Exposing a check through the Connect sidecar needs exactly one group network in "bridge" mode (or "cni/*").');
      return;
    }
  }
  for (const service of services) {
    const name = serviceName(view, group, undefined, service);
    const sidecar = service.block('connect')?.block('sidecar_service') !== undefined;
    for (const check of service.blocks('check')) {
      if (check.bool('expose') !== true) continue;
      const cname = checkName(check, name);
      if (!sidecar) {
        ctx.error(check, ctx.rangeOf(check, 'expose'), `exposed service check ${group.name}->${name}->${cname} requires use of sidecar_proxy`, 'expose publishes the check through the Connect sidecar; add connect { sidecar_service {} } to the service, or remove expose.');
        continue;
      }
      if (!exposable(check)) continue;
      if (!localPort(service, networks)) {
        ctx.error(check, ctx.rangeOf(check, 'expose'), `unable to determine local service port for service check ${group.name}->${name}->${cname}`, 'An exposed check needs the service\'s port as a number, or as the label of a port with a static value.');
      }
    }
  }
  for (const task of group.tasks) {
    for (const service of task.blocks('service')) {
      for (const check of service.blocks('check')) {
        if (check.bool('expose') !== true) continue;
        const name = serviceName(view, group, task, service);
        ctx.error(check, ctx.rangeOf(check, 'expose'), `exposed service check ${group.name}[${task.label}]->${name}->${checkName(check, name)} is not a task-group service`, 'Only checks of group-level services can be exposed; move the service to the group.');
      }
    }
  }
}

function exposable(check: NomadBlock): boolean {
  const type = (check.string('type') ?? '').toLowerCase();
  return (type === 'grpc' || type === 'http') && (check.string('path') ?? '').startsWith('/');
}

function localPort(service: NomadBlock, networks: NomadBlock[]): boolean {
  const label = service.string('port') ?? '';
  for (const n of networks) {
    const port = networkPorts(n).find((p) => p.label === label);
    if (port) return port.value > 0 || goAtoi(label) > 0;
  }
  return goAtoi(label) > 0;
}

function goAtoi(s: string): number {
  return /^[+-]?[0-9]+$/.test(s) ? Number(s) : 0;
}

function networkProblem(group: GroupView, networks: NomadBlock[], ctx: RuleContext): string | undefined {
  if (!ctx.since('1.11.0')) {
    if (networks.length !== 1) return `group ${goQuote(group.name)} must specify one bridge network for exposing service check(s)`;
    if ((networks[0]!.string('mode') ?? '') !== 'bridge') return `group ${goQuote(group.name)} must use bridge network for exposing service check(s)`;
    return undefined;
  }
  if (networks.length !== 1) return `connect expose check: must have exactly one network for Consul Connect: group ${goQuote(group.name)} has ${networks.length} networks`;
  const mode = networks[0]!.string('mode') ?? '';
  if (mode === 'bridge' || mode.startsWith('cni/')) return undefined;
  return `connect expose check: invalid network mode for Consul Connect: group ${goQuote(group.name)} uses network mode ${goQuote(mode)}; must be "bridge" or "cni/*"`;
}

