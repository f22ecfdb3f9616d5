import { accessSync, constants, statSync } from 'node:fs';
import { posix } from 'node:path';
import type { Invocation } from '../commands/exec.js';
import { writeStderr } from '../messages.js';
import { childProcesses } from '../process-tree.js';
import { joinCgroups, ownCgroups } from './cgroups.js';
import { findProgram } from './isolation.js';
import { JailRecord, ViewEntry } from './record.js';
import { enterArgs, jailCapabilities } from './sandbox.js';
import { hostPathOf } from './view.js';

/**
 * `pot exec` in an isolated pot, as `jexec` runs a command in a jail: nsenter joins the jail's namespaces and
 * root, setpriv gives the command the jail's capabilities (not the caller's), and the command goes into the
 * jail's cgroups by being started while this process briefly is in them. A command that is not in the jail
 * is reported the way jexec's env reports it, with its exit code; otherwise the Invocation to spawn.
 */
export function jailCommand(jail: JailRecord, command: readonly string[], env: Record<string, string>): Invocation | number {
  const [file, ...args] = command as [string, ...string[]];
  const found = findInJail(jail.view, file, env.PATH ?? '');
  if (found !== 'found') {
    writeStderr(`env: ${file}: ${found === 'denied' ? 'Permission denied' : 'No such file or directory'}\n`);
    return found === 'denied' ? 126 : 127;
  }
  const nsenter = findProgram('nsenter');
  if (nsenter === undefined) {
    writeStderr('pot-emulator: nsenter (util-linux) is not installed; it is needed to run commands in isolated pots\n');
    return 1;
  }
  const setpriv = findProgram('setpriv');
  const inside = setpriv !== undefined && exists(jail.view, setpriv);
  const capabilities = jailCapabilities(false).map((cap) => `+${cap.slice('CAP_'.length).toLowerCase()}`).join(',');
  const drop = inside ? [setpriv, '--bounding-set', `-all,${capabilities}`, '--'] : [];
  const own = ownCgroups(jail.cgroups);
  const moved = move(jail.cgroups);
  return {
    file: nsenter,
    args: [...enterArgs(jail.init, jail.userNamespace, ['mount', 'uts', 'ipc', 'net', 'pid']), '--', ...drop, file, ...args],
    shown: file,
    // nsenter forks into the PID namespace and waits; signals are for the command
    target: (spawned) => childProcesses(spawned)[0],
    spawned: () => {
      if (moved) move(own);
    },
  };
}

function move(dirs: readonly string[]): boolean {
  try {
    joinCgroups(dirs, process.pid);
    return dirs.length > 0;
  } catch {
    return false;
  }
}

/** execvp's search, in the jail's view: 'found', 'denied' (there but not executable) or 'missing'. */
function findInJail(view: readonly ViewEntry[], file: string, path: string): 'found' | 'denied' | 'missing' {
  const candidates = file.includes('/') ? [posix.resolve('/', file)] : path.split(':').filter((d) => d !== '').map((d) => posix.join(posix.resolve('/', d), file));
  let denied = false;
  for (const candidate of candidates) {
    const host = hostPathOf(view, candidate);
    if (host === undefined) continue;
    try {
      if (!statSync(host).isFile()) continue;
    } catch {
      continue;
    }
    try {
      accessSync(host, constants.X_OK);
      return 'found';
    } catch {
      denied = true;
    }
  }
  return denied ? 'denied' : 'missing';
}

function exists(view: readonly ViewEntry[], path: string): boolean {
  const host = hostPathOf(view, path);
  try {
    return host !== undefined && statSync(host).isFile();
  } catch {
    return false;
  }
}
