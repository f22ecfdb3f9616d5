/** NetworkOverride and NetworkIsolationSpec ⇄ proto. */
import type { NetworkIsolation, NetworkOverride } from '../services/driver-port.js';
import { networkModeFromProto, networkModeToProto, type NetworkIsolationModeMsg } from './capabilities.js';

export interface NetworkOverrideMsg {
  port_map: Record<string, number>;
  addr: string;
  auto_advertise: boolean;
}

export interface NetworkIsolationSpecMsg {
  mode: NetworkIsolationModeMsg | string;
  path: string;
  labels: Record<string, string>;
  hostsConfig: { hostname: string; address: string } | null;
}

export function networkOverrideToProto(network: NetworkOverride): NetworkOverrideMsg {
  const portMap: Record<string, number> = {};
  for (const [label, port] of Object.entries(network.portMap)) portMap[label] = Math.trunc(port);
  return { port_map: portMap, addr: network.addr, auto_advertise: network.autoAdvertise };
}

export function networkIsolationToProto(isolation: NetworkIsolation): NetworkIsolationSpecMsg {
  return {
    mode: networkModeToProto(isolation.mode),
    path: isolation.path,
    labels: { ...isolation.labels },
    hostsConfig: isolation.hosts ? { ...isolation.hosts } : null,
  };
}

export function networkIsolationFromProto(msg: Partial<NetworkIsolationSpecMsg> | null | undefined): NetworkIsolation | undefined {
  if (!msg) return undefined;
  return {
    mode: networkModeFromProto(msg.mode),
    path: msg.path ?? '',
    labels: { ...(msg.labels ?? {}) },
    ...(msg.hostsConfig ? { hosts: { hostname: msg.hostsConfig.hostname, address: msg.hostsConfig.address } } : {}),
  };
}
