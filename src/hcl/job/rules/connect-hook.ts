import type { Range } from '../../source.js';
import type { NomadBlock } from '../nomad-block.js';
import { goQuote } from './go-text.js';
import { networkPorts } from './network-rules.js';
import { groupBlocks, type GroupView, type JobView } from './job-view.js';
import { headerRange, type RuleContext } from './rule-context.js';
import { connectServiceName } from './service-names.js';

/**
 * What Nomad's Consul Connect admission hook adds to a group before validation: a sidecar proxy task
 * for each service with `sidecar_service`, a gateway task for each gateway service, and the ports
 * they listen on. It only does so for groups with a network block. A group holding nothing but a
 * gateway service is therefore valid: its task comes from Nomad.
 */
export interface InjectedTask {
  name: string;
  kind: string;
  /** The service that asked for it, where problems with the task are reported. */
  at: NomadBlock;
  range: Range;
  /** The `sidecar_task` block whose settings Nomad merges into the task. */
  sidecarTask: NomadBlock | undefined;
  gateway: boolean;
}

export function connectTasks(view: JobView, group: GroupView): InjectedTask[] {
  return connectPlan(view, group).tasks;
}

/** Port labels the hook adds to the group's first network. */
export function connectPorts(view: JobView, group: GroupView): string[] {
  return connectPlan(view, group).ports;
}

interface ConnectPlan {
  tasks: InjectedTask[];
  ports: string[];
  /** Problems the hook itself refuses the job for. */
  errors: { at: NomadBlock; range: Range; summary: string; detail: string }[];
}

function connectPlan(view: JobView, group: GroupView): ConnectPlan {
  const plan: ConnectPlan = { tasks: [], ports: [], errors: [] };
  const networks = groupBlocks(group, 'network');
  if (networks.length === 0) return plan;
  const existing = new Set(networkPorts(networks[0]!).filter((p) => p.value <= 0).map((p) => p.label));
  const inject = (label: string) => {
    if (existing.has(label)) return;
    existing.add(label);
    plan.ports.push(label);
  };
  const taskNames = () => [...group.tasks.map((t) => t.label), ...plan.tasks.map((t) => t.name)];
  const kinds = () => [...group.tasks.map((t) => t.string('kind') ?? ''), ...plan.tasks.map((t) => t.kind)];
  for (const service of groupBlocks(group, 'service')) {
    const connect = service.block('connect');
    if (!connect) continue;
    const name = connectServiceName(view, group, service);
    const sidecarService = connect.block('sidecar_service');
    const gateway = connect.block('gateway');
    if (sidecarService) {
      const kind = `connect-proxy:${name}`;
      if (!kinds().includes(kind)) {
        let taskName = `connect-proxy-${name}`;
        if (taskNames().includes(taskName)) taskName = `${taskName}-a1b2c3`;
        const sidecarTask = connect.block('sidecar_task');
        taskName = sidecarTask?.string('name') || taskName;
        plan.tasks.push({ name: taskName, kind, at: connect, range: headerRange(connect), sidecarTask, gateway: false });
      }
      inject(sidecarService.string('port') || `connect-proxy-${name}`);
    } else if (connect.bool('native') === true) {
      const problem = nativeTaskProblem(group, name, service.string('task') ?? '', taskNames());
      if (problem) plan.errors.push({ at: service, range: ctx0(service), summary: problem, detail: 'A Connect Native service runs inside one of the group\'s tasks; set task = "<task name>" in the service block.' });
    } else if (gateway) {
      const prefix = gateway.block('mesh') ? 'connect-mesh' : gateway.block('ingress') ? 'connect-ingress' : 'connect-terminating';
      const port = service.string('port') ?? '';
      if (gateway.block('terminating') && !gateway.block('mesh') && !gateway.block('ingress') && port === '') inject(`connect-terminating-${name}`);
      if (gateway.block('mesh')) {
        if (port === '') {
          plan.errors.push({ at: service, range: headerRange(service), summary: 'service.port must be set for mesh gateway service', detail: 'A mesh gateway listens on the port named by the service\'s port; set port = "<port label>".' });
          continue;
        }
        inject(`connect-mesh-${name}-lan`);
      }
      const gatewayKinds = ['connect-ingress', 'connect-terminating', 'connect-mesh'].map((p) => `${p}:${name}`);
      if (!kinds().some((k) => gatewayKinds.includes(k))) {
        const sidecarTask = connect.block('sidecar_task');
        const taskName = sidecarTask?.string('name') || `${prefix}-${name}`;
        plan.tasks.push({ name: taskName, kind: `${prefix}:${name}`, at: connect, range: headerRange(connect), sidecarTask, gateway: true });
      }
    }
  }
  return plan;
}

function ctx0(service: NomadBlock): Range {
  return service.attribute('task')?.exprRange ?? headerRange(service);
}

function nativeTaskProblem(group: GroupView, service: string, taskName: string, tasks: string[]): string | undefined {
  if (taskName === '') return tasks.length === 1 ? undefined : `task for Consul Connect Native service ${group.name}->${service} is ambiguous and must be set`;
  return tasks.includes(taskName) ? undefined : `task ${taskName} named by Consul Connect Native service ${group.name}->${service} does not exist`;
}

/** The hook's own refusals, then its validation: network modes, native tasks, upstreams, transparent proxy. */
export function validateConnectHook(view: JobView, group: GroupView, ctx: RuleContext): void {
  const plan = connectPlan(view, group);
  for (const e of plan.errors) ctx.error(e.at, e.range, e.summary, e.detail);
  const networks = groupBlocks(group, 'network');
  for (const service of groupBlocks(group, 'service')) {
    const connect = service.block('connect');
    if (!connect) continue;
    const name = connectServiceName(view, group, service);
    let problem: string | undefined;
    if (connect.block('sidecar_service')) {
      problem = networkModeProblem(group, networks, 'connect sidecar', false, ctx);
      if (!problem && name !== name.toLowerCase()) problem = `Consul Connect service name ${goQuote(name)} in group ${goQuote(group.name)} must not contain uppercase characters`;
      if (!problem && group.name !== group.name.toLowerCase()) problem = `Consul Connect group ${goQuote(group.name)} with service ${goQuote(name)} must not contain uppercase characters`;
    } else if (connect.bool('native') === true) {
      if (networks.length > 0) continue; // already checked by the hook above
      problem = nativeTaskProblem(group, name, service.string('task') ?? '', group.tasks.map((t) => t.label));
    } else if (connect.block('gateway')) {
      problem = networkModeProblem(group, networks, 'connect gateway', true, ctx);
    }
    if (problem) {
      ctx.error(connect, headerRange(connect), problem, connectDetail(problem));
      return;
    }
  }
  validateUpstreams(group, networks, ctx);
}

function connectDetail(problem: string): string {
  if (problem.includes('network')) return 'Consul Connect needs exactly one group network in "bridge" mode (or "cni/*"; gateways may also use "host").';
  if (problem.includes('uppercase')) return 'Consul requires lower-case names for Connect services and their groups.';
  return 'A Connect Native service runs inside one of the group\'s tasks; set task = "<task name>" in the service block.';
}

function networkModeProblem(group: GroupView, networks: NomadBlock[], prefix: string, allowHost: boolean, ctx: RuleContext): string | undefined {
  if (!ctx.since('1.11.0')) {
    const kind = prefix === 'connect sidecar' ? 'sidecars' : 'gateways';
    if (networks.length !== 1) return `Consul Connect ${kind} require exactly 1 network, found ${networks.length} in group ${goQuote(group.name)}`;
    const mode = networks[0]!.string('mode') ?? '';
    if (prefix === 'connect sidecar' && mode !== 'bridge') return `Consul Connect sidecar requires bridge network, found ${goQuote(mode)} in group ${goQuote(group.name)}`;
    if (prefix === 'connect gateway' && mode !== 'bridge' && mode !== 'host') return 'Consul Connect Gateway service requires Task Group with network mode of type "bridge" or "host"';
    return undefined;
  }
  if (networks.length !== 1) return `${prefix}: must have exactly one network for Consul Connect: group ${goQuote(group.name)} has ${networks.length} networks`;
  const mode = networks[0]!.string('mode') ?? '';
  if (mode === 'bridge' || (allowHost && mode === 'host') || mode.startsWith('cni/')) return undefined;
  const allowed = allowHost ? '"bridge", "host", or "cni/*"' : '"bridge" or "cni/*"';
  return `${prefix}: invalid network mode for Consul Connect: group ${goQuote(group.name)} uses network mode ${goQuote(mode)}; must be ${allowed}`;
}

function validateUpstreams(group: GroupView, networks: NomadBlock[], ctx: RuleContext): void {
  const listeners = new Map<string, string>();
  let connectBlocks = 0;
  let tproxy: NomadBlock | undefined;
  for (const service of groupBlocks(group, 'service')) {
    const connect = service.block('connect');
    if (connect) connectBlocks++;
    const proxy = connect?.block('sidecar_service')?.block('proxy');
    if (!proxy) continue;
    for (const up of proxy.blocks('upstreams')) {
      const socket = ctx.since('1.8.1') ? (up.string('local_bind_socket_path') ?? '') : '';
      const address = up.string('local_bind_address') ?? '';
      const listener = socket !== '' ? socket : `${address.includes(':') ? `[${address}]` : address}:${up.number('local_bind_port') ?? 0}`;
      const other = listeners.get(listener);
      const name = service.string('name') ?? '';
      if (other !== undefined) {
        ctx.error(up, headerRange(up), `Consul Connect services ${goQuote(name)} and ${goQuote(other)} in group ${goQuote(group.name)} using same address for upstreams (${listener})`, 'Give each upstream its own local_bind_port (or local_bind_address).');
        return;
      }
      listeners.set(listener, name);
    }
    const tp = proxy.block('transparent_proxy');
    if (!tp || !ctx.since('1.8.0')) continue;
    tproxy = tp;
    if (!tp.bool('no_dns') && networks.some((n) => dnsSet(n))) {
      ctx.error(tp, headerRange(tp), 'Consul Connect transparent proxy cannot be used with network.dns unless no_dns=true', 'Remove the network\'s dns block, or set no_dns = true.');
      return;
    }
    const reserved = networks.flatMap((n) => networkPorts(n).filter((p) => p.value > 0).map((p) => p.label));
    for (const port of tp.strings('exclude_inbound_ports') ?? []) {
      const numeric = /^[0-9]+$/.test(port) && Number(port) <= 65535;
      if (!numeric && !reserved.includes(port)) {
        ctx.error(tp, ctx.rangeOf(tp, 'exclude_inbound_ports'), `Consul Connect transparent proxy port ${goQuote(port)} must be numeric or one of network.port labels`, 'Use a port number, or the label of a port with a static value.');
        return;
      }
    }
  }
  if (tproxy && connectBlocks > 1) ctx.error(tproxy, headerRange(tproxy), 'Consul Connect transparent proxy requires there is only one connect block', 'Move the other Connect services to groups of their own.');
}

function dnsSet(network: NomadBlock): boolean {
  const dns = network.block('dns');
  if (!dns) return false;
  return ['servers', 'searches', 'options'].some((k) => (dns.strings(k) ?? []).length > 0);
}
