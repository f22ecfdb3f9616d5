import type { NomadBlock } from '../nomad-block.js';
import { goQuote } from './go-text.js';
import { headerRange, type RuleContext } from './rule-context.js';

/**
 * `ConsulConnect.Validate`: a connect block is exactly one of a sidecar, native, or a gateway, and a
 * gateway's configuration is complete. Nomad stops at the first problem of a connect block.
 */
export function validateConnectBlock(connect: NomadBlock, networkMode: string | undefined, ctx: RuleContext): void {
  const sidecar = connect.block('sidecar_service');
  const gateway = connect.block('gateway');
  const native = connect.bool('native') === true;
  const tp = sidecar?.block('proxy')?.block('transparent_proxy');
  if (tp && ctx.since('1.8.0') && transparentProxyErrors(tp, ctx)) return;
  const count = [sidecar !== undefined, native, gateway !== undefined].filter(Boolean).length;
  if (count !== 1) {
    ctx.error(connect, headerRange(connect), 'Consul Connect must be exclusively native, make use of a sidecar, or represent a Gateway', 'Use exactly one of sidecar_service, native = true, or gateway in the connect block.');
    return;
  }
  if (gateway) validateGateway(gateway, networkMode, ctx);
}

function transparentProxyErrors(tp: NomadBlock, ctx: RuleContext): boolean {
  let found = false;
  for (const cidr of tp.strings('exclude_outbound_cidrs') ?? []) {
    const problem = prefixProblem(cidr);
    if (problem) {
      ctx.error(tp, ctx.rangeOf(tp, 'exclude_outbound_cidrs'), `could not parse transparent proxy excluded outbound CIDR as network prefix: ${problem}`, 'Write each CIDR as address/bits, e.g. "10.0.0.0/8".');
      found = true;
    }
  }
  const uid = tp.string('uid') ?? '';
  if (uid !== '') found = uidError(tp, 'uid', uid, 'UID', ctx) || found;
  for (const u of tp.strings('exclude_uids') ?? []) found = uidError(tp, 'exclude_uids', u, 'ExcludeUIDs', ctx) || found;
  return found;
}

function uidError(tp: NomadBlock, arg: string, raw: string, field: string, ctx: RuleContext): boolean {
  const reason = !/^[0-9]+$/.test(raw) ? 'invalid syntax' : BigInt(raw) > 65535n ? 'value out of range' : undefined;
  if (!reason) return false;
  ctx.error(tp, ctx.rangeOf(tp, arg), `transparent proxy block has invalid ${field} field: invalid user ID ${goQuote(raw)}: ${reason}`, 'A user ID is a whole number from 0 to 65535.');
  return true;
}

/** Go's netip.ParsePrefix error for a CIDR, or undefined when it parses. */
function prefixProblem(cidr: string): string | undefined {
  const q = goQuote(cidr);
  const slash = cidr.lastIndexOf('/');
  if (slash < 0) return `netip.ParsePrefix(${q}): no '/'`;
  const addr = cidr.slice(0, slash);
  const bits = cidr.slice(slash + 1);
  const v4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/.test(addr);
  const v6 = !v4 && addr.includes(':') && /^[0-9a-fA-F:.]+$/.test(addr);
  if (!v4 && !v6) return `netip.ParsePrefix(${q}): ParseAddr(${goQuote(addr)}): unable to parse IP`;
  if (!/^(0|[1-9][0-9]*)$/.test(bits)) return `netip.ParsePrefix(${q}): bad bits after slash: ${goQuote(bits)}`;
  if (Number(bits) > (v4 ? 32 : 128)) return `netip.ParsePrefix(${q}): prefix length out of range`;
  return undefined;
}

function validateGateway(gateway: NomadBlock, networkMode: string | undefined, ctx: RuleContext): void {
  const err = (at: NomadBlock, range = headerRange(at)) => (summary: string, detail: string) => {
    ctx.error(at, range, summary, detail);
  };
  const proxy = gateway.block('proxy');
  if (proxy) {
    const dns = proxy.string('envoy_dns_discovery_type') ?? '';
    if (!['', 'STRICT_DNS', 'LOGICAL_DNS'].includes(dns)) {
      return err(proxy, ctx.rangeOf(proxy, 'envoy_dns_discovery_type'))('Consul Gateway Proxy Envoy DNS Discovery type must be STRICT_DNS or LOGICAL_DNS', 'Set envoy_dns_discovery_type to "STRICT_DNS" or "LOGICAL_DNS", or leave it out.');
    }
  }
  if (proxy && !defaultProxy(proxy)) {
    for (const bind of proxy.blocks('envoy_gateway_bind_addresses')) {
      if ((bind.string('address') ?? '') === '') return err(bind)('Consul Gateway Bind Address must be set', 'Set address, e.g. address = "0.0.0.0".');
      const port = bind.number('port') ?? 0;
      if (port <= 0 && port !== -1) return err(bind, ctx.rangeOf(bind, 'port'))('Consul Gateway Bind Address must set valid Port', 'Set port to the port to bind.');
    }
  } else if (networkMode === 'bridge' || networkMode?.startsWith('cni/')) {
    // Nomad binds an ingress gateway to each listener's port in bridge mode; an unset port is 0.
    for (const listener of gateway.block('ingress')?.blocks('listener') ?? []) {
      if ((listener.number('port') ?? 0) <= 0 && listener.blocks('service').length > 0) {
        return err(listener, ctx.rangeOf(listener, 'port'))('Consul Gateway Bind Address must set valid Port', 'Set the listener\'s port.');
      }
    }
  }
  const ingress = gateway.block('ingress');
  if (ingress && validateIngress(ingress, ctx)) return;
  const terminating = gateway.block('terminating');
  if (terminating && validateTerminating(terminating, ctx)) return;
  const count = [ingress, terminating, gateway.block('mesh')].filter((b) => b !== undefined).length;
  if (count !== 1) err(gateway)('One Consul Gateway Configuration must be set', 'Put exactly one of ingress, terminating or mesh in the gateway block.');
}

/** A gateway proxy Nomad leaves as written; otherwise Nomad fills in the bind addresses itself. */
function defaultProxy(proxy: NomadBlock): boolean {
  return !proxy.bool('envoy_gateway_no_default_bind') && !proxy.bool('envoy_gateway_bind_tagged_addresses') && proxy.blocks('envoy_gateway_bind_addresses').length === 0;
}

const PROTOCOLS = ['tcp', 'http', 'http2', 'grpc'];

function validateIngress(ingress: NomadBlock, ctx: RuleContext): boolean {
  const listeners = ingress.blocks('listener');
  if (listeners.length === 0) {
    ctx.error(ingress, headerRange(ingress), 'Consul Ingress Gateway requires at least one listener', 'Add listener { port = ... service { name = "..." } }.');
    return true;
  }
  for (const listener of listeners) {
    if ((listener.number('port') ?? 0) <= 0) {
      ctx.error(listener, ctx.rangeOf(listener, 'port'), 'Consul Ingress Listener requires valid Port', 'Set port to the port the listener accepts connections on.');
      return true;
    }
    const protocol = listener.string('protocol') || 'tcp';
    if (!PROTOCOLS.includes(protocol)) {
      ctx.error(listener, ctx.rangeOf(listener, 'protocol'), `Consul Ingress Listener requires protocol of tcp, http, http2, grpc, got ${goQuote(protocol)}`, 'Set protocol to "tcp", "http", "http2" or "grpc".');
      return true;
    }
    const services = listener.blocks('service');
    if (services.length === 0) {
      ctx.error(listener, headerRange(listener), 'Consul Ingress Listener requires one or more services', 'Add service { name = "..." } to the listener.');
      return true;
    }
    for (const service of services) {
      const name = service.string('name') ?? '';
      const hosts = service.strings('hosts') ?? [];
      let problem: string | undefined;
      if (name === '') problem = 'Consul Ingress Service requires a name';
      else if (protocol === 'tcp' && name === '*') problem = 'Consul Ingress Service doesn\'t support wildcard name for "tcp" protocol';
      else if (protocol === 'tcp' && hosts.length > 0) problem = 'Consul Ingress Service doesn\'t support associating hosts to a service for the "tcp" protocol';
      else if (protocol !== 'tcp' && name === '*' && hosts.length > 0) problem = 'Consul Ingress Service with a wildcard "*" service name can not also specify hosts';
      if (problem) {
        ctx.error(service, headerRange(service), problem, 'See Consul\'s ingress gateway configuration: tcp listeners take named services without hosts.');
        return true;
      }
    }
  }
  return false;
}

function validateTerminating(terminating: NomadBlock, ctx: RuleContext): boolean {
  const services = terminating.blocks('service');
  if (services.length === 0) {
    ctx.error(terminating, headerRange(terminating), 'Consul Terminating Gateway requires at least one service', 'Add service { name = "..." } to the terminating block.');
    return true;
  }
  for (const service of services) {
    const has = (arg: string) => (service.string(arg) ?? '') !== '';
    let problem: string | undefined;
    if (!has('name')) problem = 'Consul Linked Service requires Name';
    else if ((has('cert_file') || has('key_file')) && !has('ca_file')) problem = 'Consul Linked Service TLS requires CAFile';
    else if (has('cert_file') !== has('key_file')) problem = 'Consul Linked Service TLS Cert and Key must both be set';
    else if (has('sni') && !has('ca_file')) problem = 'Consul Linked Service TLS SNI requires CAFile';
    if (problem) {
      ctx.error(service, headerRange(service), problem, 'A linked service\'s TLS needs ca_file, and cert_file with key_file together.');
      return true;
    }
  }
  return false;
}
