import { existsSync, readFileSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import { EmulatorState, PotConf } from './state.js';

/** pot.default.conf */
const POT_NETWORK = '10.192.0.0/10';
const POT_GATEWAY = '10.192.0.1';
const POT_DNS_IP = '10.192.0.2';
export const POT_HOSTNAME_MAX_LENGTH = 64;

export const NETWORK_TYPES: readonly string[] = ['inherit', 'alias', 'public-bridge', 'private-bridge'];
export const NETWORK_STACKS: readonly string[] = ['ipv4', 'ipv6', 'dual'];

export function isBridgeType(networkType: string): boolean {
  return networkType === 'public-bridge' || networkType === 'private-bridge';
}

/** `_is_port_number`: digits only, 1–65535. */
function isPortNumber(text: string): boolean {
  return /^\d+$/.test(text) && Number(text) > 0 && Number(text) <= 65535;
}

/** `_is_export_port_valid`: `[tcp:|udp:]A[:B]`; fields after B are ignored, `80:` is invalid. */
export function isValidExportPort(argument: string): boolean {
  let rest = argument;
  if (rest.startsWith('tcp:')) rest = rest.slice(4);
  else if (rest.startsWith('udp:')) rest = rest.slice(4);
  const fields = rest.split(':');
  if (!isPortNumber(fields[0] ?? '')) return false;
  return fields.length === 1 || isPortNumber(fields[1] ?? '');
}

export function isIpAddress(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

interface Cidr {
  readonly base: number;
  readonly size: number;
}

function ipv4ToNumber(text: string): number {
  return text.split('.').reduce((total, octet) => total * 256 + Number(octet), 0);
}

function numberToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function parseCidr(text: string): Cidr | undefined {
  const [address, prefixText] = text.split('/');
  const prefix = Number(prefixText);
  if (address === undefined || !isIPv4(address) || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return { base: Math.floor(ipv4ToNumber(address) / size) * size, size };
}

function inCidr(cidr: Cidr, address: number): boolean {
  return address >= cidr.base && address < cidr.base + cidr.size;
}

interface Bridge {
  readonly name: string;
  readonly net: Cidr | undefined;
  readonly gateway: string;
}

export function readBridge(state: EmulatorState, name: string): Bridge | undefined {
  const path = state.bridgePath(name);
  if (!existsSync(path)) return undefined;
  const conf = PotConf.parse(readFileSync(path, 'utf8'));
  return { name, net: parseCidr(conf.value('net')), gateway: conf.value('gateway') };
}

function bridgeIps(state: EmulatorState, bridge: string | undefined): number[] {
  const addresses: number[] = [];
  for (const pot of state.listPots()) {
    let conf: PotConf;
    try {
      conf = state.readPotConf(pot);
    } catch {
      continue;
    }
    const type = conf.value('network_type');
    if (!isBridgeType(type)) continue;
    if (bridge !== undefined && conf.value('bridge') !== bridge) continue;
    for (const ip of conf.raw('ip').split(/\s+/)) if (isIPv4(ip)) addresses.push(ipv4ToNumber(ip));
  }
  return addresses;
}

/**
 * potnet's rules: on the public bridge the lowest host address of POT_NETWORK that is not the gateway, the
 * DNS address, the ip of any bridged pot or inside a private bridge's network; on a private bridge the
 * lowest host address of its network that is neither its gateway nor used by a pot of that bridge.
 */
function usableAddresses(state: EmulatorState, bridgeName: string | undefined): { cidr: Cidr; taken: (a: number) => boolean } | undefined {
  if (bridgeName === undefined) {
    const cidr = parseCidr(POT_NETWORK) as Cidr;
    const taken = new Set([ipv4ToNumber(POT_GATEWAY), ipv4ToNumber(POT_DNS_IP), ...bridgeIps(state, undefined)]);
    const privateNets = state
      .listBridges()
      .map((name) => readBridge(state, name)?.net)
      .filter((net): net is Cidr => net !== undefined);
    return { cidr, taken: (a) => taken.has(a) || privateNets.some((net) => inCidr(net, a)) };
  }
  const bridge = readBridge(state, bridgeName);
  if (bridge?.net === undefined) return undefined;
  const taken = new Set(bridgeIps(state, bridgeName));
  if (isIPv4(bridge.gateway)) taken.add(ipv4ToNumber(bridge.gateway));
  return { cidr: bridge.net, taken: (a) => taken.has(a) };
}

/** `potnet next [-b bridge]`. */
export function nextFreeIp(state: EmulatorState, bridgeName?: string): string | undefined {
  const usable = usableAddresses(state, bridgeName);
  if (usable === undefined) return undefined;
  const { cidr, taken } = usable;
  for (let address = cidr.base + 1; address < cidr.base + cidr.size - 1; address += 1) {
    if (!taken(address)) return numberToIpv4(address);
  }
  return undefined;
}

/** `potnet validate -H ip [-b bridge]`: a free host address of the (bridge's) network. */
export function isFreeIp(state: EmulatorState, ip: string, bridgeName?: string): boolean {
  if (!isIPv4(ip)) return false;
  const usable = usableAddresses(state, bridgeName);
  if (usable === undefined) return false;
  const address = ipv4ToNumber(ip);
  const { cidr, taken } = usable;
  return address > cidr.base && address < cidr.base + cidr.size - 1 && !taken(address);
}
