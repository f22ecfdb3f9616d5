import { ChildProcess, spawn } from 'node:child_process';
import { createServer, isIP, Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { childProcesses } from '../process-tree.js';
import { enterArgs } from './sandbox.js';

/** One `pot.export.ports` entry: `[tcp:|udp:]A[:B]`, A the jail's port, B the host's (pot picks one when absent). */
export interface ExportedPort {
  readonly protocol: 'tcp' | 'udp';
  readonly jailPort: number;
  readonly hostPort: number | undefined;
}

export function parseExportedPorts(value: string): ExportedPort[] {
  const ports: ExportedPort[] = [];
  for (const entry of value.split(/\s+/).filter((e) => e !== '')) {
    let rest = entry;
    let protocol: 'tcp' | 'udp' = 'tcp';
    if (rest.startsWith('tcp:') || rest.startsWith('udp:')) {
      protocol = rest.slice(0, 3) as 'tcp' | 'udp';
      rest = rest.slice(4);
    }
    const [jail, host] = rest.split(':');
    const jailPort = Number(jail);
    if (!Number.isInteger(jailPort)) continue;
    ports.push({ protocol, jailPort, hostPort: host === undefined || host === '' ? undefined : Number(host) });
  }
  // pot.conf holds them in the reverse of prepare's -e order
  return ports.reverse();
}

/** Where forwarded ports listen on the host: pot's external interface address; every address when unset. */
export const HOST_IP_VARIABLE = 'POT_EMULATOR_HOST_IP';

export function hostAddresses(env: NodeJS.ProcessEnv, localhostTunnel: boolean): string[] {
  const given = env[HOST_IP_VARIABLE];
  const ip = given !== undefined && isIP(given) !== 0 ? given : '0.0.0.0';
  // localhost-tunnel (set by prepare) makes the port answer on the host's localhost too, as pot's ncat helper does
  const wildcard = ip === '0.0.0.0' || ip === '::';
  const loopback = ip === '127.0.0.1' || ip === '::1';
  return localhostTunnel && !wildcard && !loopback ? [ip, '127.0.0.1'] : [ip];
}

export class PortInUseError extends Error {}

/** pot's choice for an export without a host port: the lowest free one from 1024 on. */
const FIRST_FREE_PORT = 1024;

/**
 * Binds the host's side of every forwarded tcp port (the caller still holds the jail), so that a port that is
 * taken fails the start instead of leaving the jail unreachable.
 */
export async function listenHostPorts(ports: readonly ExportedPort[], addresses: readonly string[]): Promise<{ server: Server; jailPort: number }[]> {
  const bound: { server: Server; jailPort: number }[] = [];
  try {
    for (const port of ports) {
      if (port.protocol !== 'tcp') continue;
      let hostPort = port.hostPort;
      if (hostPort === undefined) {
        for (hostPort = FIRST_FREE_PORT; hostPort < 65535; hostPort += 1) if (await isFree(hostPort, addresses)) break;
      }
      for (const address of addresses) bound.push({ server: await listen(hostPort, address), jailPort: port.jailPort });
    }
  } catch (error) {
    for (const { server } of bound) server.close();
    throw error;
  }
  return bound;
}

function listen(port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(`port ${port} on ${host} is already in use`) : error);
    });
    server.listen({ port, host, exclusive: true }, () => resolve(server));
  });
}

async function isFree(port: number, addresses: readonly string[]): Promise<boolean> {
  try {
    for (const address of addresses) (await listen(port, address)).close();
    return true;
  } catch {
    return false;
  }
}

const RELAY_PROGRAM = fileURLToPath(new URL('./relay-process.js', import.meta.url));

/**
 * Starts the relay in the jail's network and PID namespaces (so it ends with the jail) and hands it the host
 * sockets; the relay connects to `jailAddress` inside. Returns the relay's host pid.
 */
export async function startRelay(
  nsenter: string,
  jail: { init: number; userNamespace: boolean },
  servers: readonly { server: Server; jailPort: number }[],
  jailAddress: string,
): Promise<number> {
  const args = [...enterArgs(jail.init, jail.userNamespace, ['net', 'pid']), '--', process.execPath, RELAY_PROGRAM];
  const child = spawn(nsenter, args, { detached: true, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    for (const { server, jailPort } of servers) {
      const answered = nextMessage(child);
      child.send({ kind: 'forward', port: jailPort, address: jailAddress }, server);
      await answered;
    }
  } finally {
    // the relay has its own copies; these would keep pot start's event loop (and the ports) busy
    for (const { server } of servers) server.close();
    if (child.connected) child.disconnect();
    child.unref();
  }
  // nsenter forks to enter the PID namespace; the relay is its child
  return childProcesses(child.pid as number)[0] ?? (child.pid as number);
}

function nextMessage(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const onExit = (): void => reject(new Error('the port relay ended before it took its sockets'));
    child.once('exit', onExit);
    child.once('message', () => {
      child.off('exit', onExit);
      resolve();
    });
  });
}
