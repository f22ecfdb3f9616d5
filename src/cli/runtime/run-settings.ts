import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { ConfigError, formatIssuePath } from '../../driver/errors.js';
import type { Allowance, HostPolicy } from '../../driver/host-policy.js';
import { decodeDriverSettings, type DriverSettings } from '../../driver/settings.js';
import type { PortRange } from '../../nomad/host-ports.js';
import { ConfigFileError, type LoadedConfig, type PotNomadConfig } from '../config-file.js';
import { chooseBackend, type Backend } from './backend.js';
import type { IsolationChoice } from './isolation.js';

/** What `run` was asked for on the command line; absent means "not given". */
export interface RunFlags {
  dataDir?: string;
  hostIp?: string;
  potBin?: string;
  emulate?: boolean;
  isolation?: IsolationChoice;
}

/** Everything a run needs to know about where and how it runs. */
export interface RunSettings {
  dataDir: string;
  hostIp: string;
  portRange?: PortRange;
  backend: Backend;
  /** The driver's time limits (from the settings file's `[plugin]` table). */
  prepareTimeoutMs: number;
  commandTimeoutMs: number;
}

export const DEFAULT_HOST_IP = '127.0.0.1';

/**
 * Where `run` keeps alloc dirs and run records when nothing says otherwise: a per-user directory, so
 * runs need no root and do not mix with a Nomad agent's `/var/tmp/nomad`.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const xdg = env.XDG_DATA_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.local', 'share'), 'pot-nomad');
}

/** Flags win over the settings file, which wins over the defaults. */
export function resolveRunSettings(flags: RunFlags, config: PotNomadConfig | undefined, env: NodeJS.ProcessEnv = process.env): RunSettings {
  const driver: DriverSettings = decodeDriverSettings(config?.plugin ?? {});
  const backend = chooseBackend({
    potBin: flags.potBin ?? config?.potBin ?? (config?.plugin.pot_bin as string | undefined),
    emulate: flags.emulate === true,
    emulatorRoot: config?.emulatorRoot,
    env,
    isolation: flags.isolation ?? config?.isolation,
  });
  const settings: RunSettings = {
    dataDir: flags.dataDir ?? config?.dataDir ?? defaultDataDir(env),
    hostIp: flags.hostIp ?? config?.hostIp ?? DEFAULT_HOST_IP,
    backend,
    prepareTimeoutMs: driver.prepareTimeoutMs,
    commandTimeoutMs: driver.commandTimeoutMs,
  };
  if (config?.portRange) settings.portRange = config.portRange;
  return settings;
}

/**
 * What of the host `plan`, `validate` and `run` let pot tasks use. The CLI's user is the node's operator, so
 * nothing is restricted unless the settings file's `[plugin]` table sets one of the policy options (each
 * restricts its own kind) or `--allow-host-path` is given, which then replaces `allowed_host_paths`.
 */
export function resolveHostPolicy(allowHostPath: readonly string[] | undefined, loaded: LoadedConfig | undefined): HostPolicy {
  const policy: HostPolicy = {};
  if (loaded !== undefined) {
    const plugin = loaded.config.plugin;
    const decoded = decodePluginTable(loaded);
    const fromFile = (key: string, allowance: Allowance | undefined): Allowance | undefined =>
      key in plugin && allowance ? { allowed: allowance.allowed, origin: { kind: 'settings-file', file: loaded.file } } : undefined;
    const hostPaths = fromFile('allowed_host_paths', decoded.hostPaths);
    const jailAttributes = fromFile('allowed_jail_attributes', decoded.jailAttributes);
    const devfsRulesets = fromFile('devfs_rulesets', decoded.devfsRulesets);
    if (hostPaths) policy.hostPaths = hostPaths;
    if (jailAttributes) policy.jailAttributes = jailAttributes;
    if (devfsRulesets) policy.devfsRulesets = devfsRulesets;
  }
  if (allowHostPath !== undefined && allowHostPath.length > 0) policy.hostPaths = { allowed: [...allowHostPath], origin: { kind: 'flag' } };
  return policy;
}

/** The `[plugin]` table checked as the plugin checks its block, with problems reported against the file. */
function decodePluginTable(loaded: LoadedConfig): HostPolicy {
  try {
    return decodeDriverSettings(loaded.config.plugin).hostPolicy;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigFileError(
      loaded.file,
      error.issues.map((i) => ({ message: `plugin.${formatIssuePath(i.path)}: ${i.message}` })),
    );
  }
}
