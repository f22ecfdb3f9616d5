import type { DriverContext } from '../context.js';
import { messageOf } from '../error-message.js';
import type { PotBackend } from '../pot-backend.js';
import type { PotConfig } from '../task-config.js';
import type { NetworkOverride } from '../types.js';

/** pot's network types in which a jail has an address of its own. */
const OWN_ADDRESS_TYPES: ReadonlySet<string> = new Set(['public-bridge', 'private-bridge']);

/**
 * Whether the config gives the jail an address of its own: `network_mode = "public-bridge"`, or a `port_map`
 * without a network mode (which the driver turns into public-bridge). With neither, the image decides, and the
 * driver does not ask.
 */
export function hasOwnAddress(config: Pick<PotConfig, 'networkMode' | 'portMap'>): boolean {
  if (config.networkMode !== undefined) return OWN_ADDRESS_TYPES.has(config.networkMode);
  return Object.keys(config.portMap).length > 0;
}

/** The `port_map` as Nomad wants it: label → port inside the jail, pot's `tcp:`/`udp:` prefix dropped. */
export function jailPortMap(portMap: Readonly<Record<string, string>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [label, value] of Object.entries(portMap)) out[label] = Number(value.replace(/^(tcp|udp):/, ''));
  return out;
}

/**
 * The driver network of a jail with its own address: the address pot gave it at prepare (`pot info`), and the
 * port map, so that services and checks with `address_mode = "driver"` reach the jail directly. Not
 * auto-advertised: pot's public bridge sits behind NAT on the host, like Docker's default bridge, whose
 * addresses Nomad's docker driver does not advertise either; `address_mode = "auto"` keeps the host's
 * address and port. Undefined when pot cannot say; the task runs all the same, and the reason is logged.
 */
export async function driverNetwork(ctx: DriverContext, backend: PotBackend, config: PotConfig, potName: string, signal: AbortSignal): Promise<NetworkOverride | undefined> {
  if (!hasOwnAddress(config)) return undefined;
  try {
    const info = await backend.commands.info(potName, { timeoutMs: ctx.settings().commandTimeoutMs, signal });
    if (!OWN_ADDRESS_TYPES.has(info.networkType) || info.ip === undefined || info.ip === '') {
      ctx.log.warn('the jail has no address of its own', { pot: potName, network_type: info.networkType });
      return undefined;
    }
    return { addr: info.ip, portMap: jailPortMap(config.portMap), autoAdvertise: false };
  } catch (error) {
    ctx.log.warn('cannot read the address of the jail', { pot: potName, error: messageOf(error) });
    return undefined;
  }
}
