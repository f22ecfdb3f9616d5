import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { RunError } from './run-error.js';

/** `--isolation` / the settings file's `isolation`: how the built-in emulator runs jails. */
export type IsolationChoice = 'auto' | 'none' | 'namespaces';
export type Isolation = 'none' | 'namespaces';

export const ISOLATION_CHOICES: readonly IsolationChoice[] = ['auto', 'none', 'namespaces'];

/** Why isolated jails cannot be had here, and what would make them possible (an instruction). */
export interface Unavailable {
  readonly reason: string;
  readonly remedy: string;
}

export interface IsolationDecision {
  readonly isolation: Isolation;
  /** With `auto` on a machine that cannot isolate: the one line `run` prints about it. */
  readonly note?: string;
}

/**
 * `auto` isolates when the machine can, and otherwise says in one line what is not isolated and how to get
 * it; `namespaces` insists (a machine that cannot is an error); `none` runs plain process groups.
 */
export function decideIsolation(choice: IsolationChoice, probe: () => Unavailable | undefined = probeNamespaces): IsolationDecision {
  if (choice === 'none') return { isolation: 'none' };
  const unavailable = probe();
  if (unavailable === undefined) return { isolation: 'namespaces' };
  if (choice === 'namespaces') {
    throw new RunError(`--isolation namespaces cannot be had here: ${unavailable.reason}; ${unavailable.remedy}, or use --isolation none`);
  }
  return {
    isolation: 'none',
    note:
      `Jails are not isolated (${unavailable.reason}): tasks see the host's files and network, mount_read_only is writable, ` +
      `port_map is not forwarded and memory limits are not applied; to isolate them: ${unavailable.remedy}`,
  };
}

const SEARCH_PATH = ['/usr/local/bin', '/usr/bin', '/bin', '/usr/local/sbin', '/usr/sbin', '/sbin'];

/** Whether bubblewrap can make the namespaces a jail needs here, tried for real. */
export function probeNamespaces(platform: NodeJS.Platform = process.platform, uid: number | undefined = process.getuid?.()): Unavailable | undefined {
  if (platform !== 'linux') return { reason: `${platform} has no Linux namespaces`, remedy: 'run pot-nomad on Linux' };
  const bwrap = locate('bwrap');
  if (bwrap === undefined) return { reason: 'bubblewrap is not installed', remedy: 'apt install bubblewrap' };
  if (locate('nsenter') === undefined) return { reason: 'nsenter is not installed', remedy: 'apt install util-linux' };
  const args = ['--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-net', '--ro-bind', '/', '/', '--', 'true'];
  if (uid !== 0) args.unshift('--unshare-user');
  const tried = spawnSync(bwrap, args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
  if (tried.status === 0) return undefined;
  const said = (tried.stderr ?? '').trim().split('\n')[0] || (tried.error?.message ?? `bwrap exited with ${tried.status}`);
  return {
    reason: `bubblewrap cannot create namespaces here: ${said}`,
    remedy: uid === 0 ? 'give the container the right to make namespaces (CAP_SYS_ADMIN)' : 'allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) or run as root',
  };
}

function locate(program: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(':').filter((d) => d.startsWith('/')), ...SEARCH_PATH];
  for (const dir of dirs) {
    try {
      accessSync(`${dir}/${program}`, constants.X_OK);
      return `${dir}/${program}`;
    } catch {
      // elsewhere
    }
  }
  return undefined;
}
