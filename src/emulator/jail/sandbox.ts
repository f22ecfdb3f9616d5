import { View } from './view.js';

/**
 * What the root of a FreeBSD jail may do, approximately: own files, change users, send signals inside, bind
 * ports below 1024, chroot. Not: mount, load modules, change the host's network or clock, make devices.
 * `raw_sockets` adds raw sockets, as the jail attribute of that name allows them.
 */
const JAIL_CAPABILITIES: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID', 'CAP_SETUID',
  'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_SYS_CHROOT', 'CAP_SETFCAP', 'CAP_AUDIT_WRITE',
];

export function jailCapabilities(rawSockets: boolean): string[] {
  return rawSockets ? [...JAIL_CAPABILITIES, 'CAP_NET_RAW'] : [...JAIL_CAPABILITIES];
}

export interface SandboxRequest {
  readonly view: View;
  readonly hostname: string;
  /** public-bridge and private-bridge jails have a network stack of their own */
  readonly ownNetwork: boolean;
  /** root makes the namespaces itself; anyone else needs a user namespace, in which the jail runs as root */
  readonly userNamespace: boolean;
  readonly capabilities: readonly string[];
  /** `pot.cmd` */
  readonly command: string;
  /** bwrap writes the sandbox's pids and namespaces as JSON to this descriptor */
  readonly infoFd: number;
  /** and waits on this one before it runs the command */
  readonly blockFd: number;
}

/**
 * bwrap's argv (after the program) for a pot's jail: mount, PID, IPC and UTS namespaces (a network namespace
 * for bridged pots), the jail's hostname, its filesystem view, cwd `/`, the jail's capabilities, and pot's
 * start script's last line, `exec <pot.cmd>`, run by the jail's sh.
 */
export function sandboxArgs(request: SandboxRequest): string[] {
  const args = ['--unshare-pid', '--unshare-ipc', '--unshare-uts'];
  if (request.ownNetwork) args.push('--unshare-net');
  if (request.userNamespace) args.push('--unshare-user', '--uid', '0', '--gid', '0');
  args.push('--hostname', request.hostname, ...request.view.args, '--chdir', '/', '--cap-drop', 'ALL');
  for (const capability of request.capabilities) args.push('--cap-add', capability);
  args.push('--info-fd', String(request.infoFd), '--block-fd', String(request.blockFd));
  args.push('--', '/bin/sh', '-c', `exec ${request.command}`);
  return args;
}

/**
 * nsenter's options to join a running jail's namespaces. In a jail with a user namespace of its own the caller's
 * uid already is the jail's root, and bwrap has denied setgroups there, so the credentials are kept as they are.
 */
export function enterArgs(init: number, userNamespace: boolean, namespaces: readonly ('mount' | 'uts' | 'ipc' | 'net' | 'pid')[]): string[] {
  const flags: Record<string, string> = { mount: '--mount', uts: '--uts', ipc: '--ipc', net: '--net', pid: '--pid' };
  const args = ['--target', String(init)];
  if (userNamespace) args.push('--user', '--preserve-credentials');
  for (const namespace of namespaces) args.push(flags[namespace] as string);
  if (namespaces.includes('mount')) args.push('--root', '--wd');
  return args;
}
