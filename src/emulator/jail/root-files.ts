import { chmodSync, lstatSync, mkdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file.js';
import { hostPath, MountEntry } from '../mounts.js';
import { EmulatorState, PotConf } from '../state.js';
import { Mount } from './view.js';

const POT_DNS_IP = '10.192.0.2';

/**
 * What pot's start does to the pot's root before the jail is created: `/etc/hosts` rewritten (localhost with
 * the jail's hostname, then the `set-hosts` entries), `/etc/resolv.conf` written as `pot.dns` says, the mount
 * points made as directories, and `/tmp` when the pot has no tmpfs there. Returns the mounts for the view.
 */
export function prepareJailRoot(state: EmulatorState, name: string, conf: PotConf, entries: readonly MountEntry[]): Mount[] {
  const root = state.rootFs(name);
  const etc = join(root, 'etc');
  mkdirSync(etc, { recursive: true });
  const hostname = conf.value('host.hostname');
  const hosts = [`::1 localhost ${hostname}`, `127.0.0.1 localhost ${hostname}`, ...conf.rawValues('pot.hosts')];
  writeFileAtomic(join(etc, 'hosts'), `${hosts.join('\n')}\n`, { flush: false });
  const resolv = resolverConfig(state, name, conf.value('pot.dns'));
  if (resolv !== undefined) writeFileAtomic(join(etc, 'resolv.conf'), resolv, { flush: false });
  if (conf.value('pot.attr.no-tmpfs') === 'YES') {
    const tmp = join(root, 'tmp');
    mkdirSync(tmp, { recursive: true });
    chmodSync(tmp, 0o1777);
  }
  const mounts: Mount[] = [];
  for (const entry of entries) {
    if (!entry.source.startsWith('/') || entry.option === 'zfs-remount') continue;
    makeMountPoint(hostPath(state, name, entry.mountPoint));
    mounts.push({ source: entry.source, target: entry.mountPoint, readOnly: entry.option === 'ro' });
  }
  return mounts;
}

/** Without jails, mount points are symlinks to the host directories; a jail needs a directory to mount on. */
function makeMountPoint(path: string): void {
  try {
    if (lstatSync(path).isSymbolicLink()) unlinkSync(path);
  } catch {
    // not there yet
  }
  mkdirSync(path, { recursive: true });
}

function resolverConfig(state: EmulatorState, name: string, dns: string): string | undefined {
  if (dns === 'off') return undefined;
  if (dns === 'pot') return `nameserver ${POT_DNS_IP}\n`;
  if (dns.startsWith('custom')) {
    return readOrUndefined(join(state.confDir(name), 'resolv.conf')) ?? readOrUndefined(dns.slice('custom:'.length));
  }
  return readOrUndefined('/etc/resolv.conf');
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
