import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { decodeDriverSettings, type DriverSettings } from '../../driver/settings.js';
import type { PortRange } from '../../nomad/host-ports.js';
import type { PotNomadConfig } from '../config-file.js';
import { chooseBackend, type Backend } from './backend.js';

/** What `run` was asked for on the command line; absent means "not given". */
export interface RunFlags {
  dataDir?: string;
  hostIp?: string;
  potBin?: string;
  emulate?: boolean;
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
