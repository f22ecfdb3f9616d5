import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { writeFileAtomic } from './atomic-file.js';
import { Context } from './context.js';
import { PotError } from './messages.js';
import {
  POT_HOSTNAME_MAX_LENGTH,
  isBridgeType,
  isFreeIp,
  isIpAddress,
  nextFreeIp,
  readBridge,
} from './network.js';
import { PotConf, isSafeName } from './state.js';

export interface CloneNetwork {
  /** `-N`, already mapped from `host` to `inherit`; the template's type when undefined */
  readonly type: string | undefined;
  readonly bridge: string | undefined;
  readonly ips: readonly string[];
  readonly stack: string | undefined;
  readonly dns: string | undefined;
}

/** The lines `clone` drops from the template before appending its own. */
const NETWORK_KEYS = ['host.hostname', 'bridge', 'ip', 'vnet', 'network_type', 'pot.stack', 'pot.dns'];

/** `_get_usable_hostname`: `name.<host>` if that fits in 64 characters, else the name (cut at 64). */
function usableHostname(name: string): string {
  if (name.length > POT_HOSTNAME_MAX_LENGTH) return name.slice(0, POT_HOSTNAME_MAX_LENGTH);
  const qualified = `${name}.${hostname()}`;
  return qualified.length > POT_HOSTNAME_MAX_LENGTH ? name : qualified;
}

interface NetworkLines {
  readonly ip: string | undefined;
  readonly bridge: string | undefined;
}

/** clone's network validation and potnet's address allocation; every failure ends prepare with exit 1. */
function resolveNetwork(ctx: Context, type: string, stack: string, network: CloneNetwork): NetworkLines {
  const { state } = ctx;
  const requested = network.ips[0];
  switch (type) {
    case 'alias': {
      if (network.ips.length === 0) throw new PotError('option -i is mandatory with network type is alias');
      if (network.ips.includes('auto')) {
        throw new PotError('-i auto not usable with network type alias - a real IP address has to be provided');
      }
      for (const entry of network.ips) {
        const pipe = entry.indexOf('|');
        if (pipe >= 0 && !isIpAddress(entry.slice(pipe + 1))) throw new PotError(`${entry} is not a valid alias configuration`);
        if (pipe < 0 && !isIpAddress(entry)) throw new PotError(`${entry} is not a valid IP address`);
      }
      return { ip: network.ips.join(' '), bridge: undefined };
    }
    case 'public-bridge':
    case 'private-bridge': {
      const bridge = type === 'private-bridge' ? network.bridge : undefined;
      if (type === 'private-bridge') {
        if (bridge === undefined || bridge === '') {
          throw new PotError('private-bridge network type requires -B option, to specify which private bridge to use');
        }
        if (stack === 'ipv6') throw new PotError('private-bridge network type is not supported on ipv6 stack only');
        if (readBridge(state, bridge) === undefined) {
          throw new PotError(`bridge ${bridge} is not valid. Have you already created it?`);
        }
      }
      if (requested !== undefined && requested !== 'auto') {
        if (!isFreeIp(state, requested, bridge)) {
          throw new PotError(`The ${requested} IP is not valid - run potnet validate -H ${requested} for more information`);
        }
        return { ip: requested, bridge };
      }
      const ip = nextFreeIp(state, bridge);
      if (ip === undefined) throw new PotError('potnet next: no free IP address left in the network');
      return { ip, bridge };
    }
    default:
      return { ip: undefined, bridge: undefined };
  }
}

/**
 * `pot clone -P TEMPLATE -p NAME ...` as prepare runs it: the template's pot.conf without its network lines,
 * then `host.hostname`, `pot.stack`, `network_type`, `vnet`, `ip`, `bridge` and `pot.dns`; an empty root
 * `m/` and the template's (empty) fscomp.conf. Returns the new pot.conf, already written.
 */
export function clonePot(ctx: Context, template: PotConf, name: string, network: CloneNetwork): PotConf {
  const { state } = ctx;
  if (name.includes('.') || !isSafeName(name)) {
    throw new PotError(`${name} is not a valid name for a pot ('.' is the only character not allowed)`);
  }
  const type = network.type ?? (template.value('network_type') || 'inherit');
  const stack = network.stack ?? (template.value('pot.stack') || 'ipv4');
  const dns = network.dns ?? (template.value('pot.dns') || 'inherit');
  const lines = resolveNetwork(ctx, type, stack, network);
  const conf = template.without(NETWORK_KEYS);
  conf.append('host.hostname', `"${usableHostname(name)}"`);
  conf.append('pot.stack', stack);
  conf.append('network_type', type);
  conf.append('vnet', isBridgeType(type) ? 'true' : 'false');
  if (lines.ip !== undefined) conf.append('ip', lines.ip);
  if (lines.bridge !== undefined) conf.append('bridge', lines.bridge);
  conf.append('pot.dns', dns);
  mkdirSync(state.confDir(name), { recursive: true });
  writeFileAtomic(state.fscompConfPath(name), '', { flush: true });
  state.writePotConf(name, conf);
  mkdirSync(state.rootFs(name), { recursive: true });
  return conf;
}
