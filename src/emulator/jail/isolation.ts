import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PotError } from '../messages.js';

export type Isolation = 'none' | 'namespaces';

/** Set by whoever runs the emulator (the pot-nomad CLI decides it per run); plain process groups when unset. */
export const ISOLATION_VARIABLE = 'POT_EMULATOR_ISOLATION';

export function isolationSetting(env: NodeJS.ProcessEnv): Isolation {
  const value = env[ISOLATION_VARIABLE];
  if (value === undefined || value === '' || value === 'none') return 'none';
  if (value === 'namespaces') return 'namespaces';
  throw new PotError(`${ISOLATION_VARIABLE} is "${value}": it has to be none or namespaces`);
}

/** Where programs are looked for: the caller's PATH, then the system directories a user's PATH may lack. */
const FALLBACK_PATH = ['/usr/local/bin', '/usr/bin', '/bin', '/usr/local/sbin', '/usr/sbin', '/sbin'];

export function findProgram(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = [...(env.PATH ?? '').split(delimiter).filter((dir) => dir.startsWith('/')), ...FALLBACK_PATH];
  for (const dir of dirs) {
    const path = join(dir, name);
    try {
      if (!statSync(path).isFile()) continue;
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The programs an isolated pot needs from the host; a PotError saying what is missing and how to get it. */
export interface JailTools {
  readonly bwrap: string;
  /** util-linux's nsenter, to run `exec` and the port relay inside a running jail */
  readonly nsenter: string;
  /** iproute2's ip, to give a jail with its own network its address; optional */
  readonly ip: string | undefined;
  /** util-linux's setpriv, to give `exec`'d processes the jail's capabilities; optional */
  readonly setpriv: string | undefined;
}

export function jailTools(env: NodeJS.ProcessEnv = process.env): JailTools {
  if (process.platform !== 'linux') throw new PotError(`isolated pots need Linux namespaces, which ${process.platform} does not have`);
  const bwrap = findProgram('bwrap', env);
  if (bwrap === undefined) throw new PotError('isolated pots need bubblewrap (bwrap), which is not installed: apt install bubblewrap');
  const nsenter = findProgram('nsenter', env);
  if (nsenter === undefined) throw new PotError('isolated pots need nsenter, which is not installed: apt install util-linux');
  return { bwrap, nsenter, ip: findProgram('ip', env), setpriv: findProgram('setpriv', env) };
}
