import { spawn, ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { isIPv4, isIPv6, Server } from 'node:net';
import { Readable, Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Context } from '../context.js';
import { exitOf, Launched } from '../launched.js';
import { PotError } from '../messages.js';
import { readMounts } from '../mounts.js';
import { isBridgeType } from '../network.js';
import { childProcesses, isProcessAlive } from '../process-tree.js';
import { isDirectory, PotConf } from '../state.js';
import { writePidFile } from '../status.js';
import { createCgroups, joinCgroups, Limits, removeCgroups } from './cgroups.js';
import { jailTools, JailTools } from './isolation.js';
import { hostAddresses, listenHostPorts, parseExportedPorts, startRelay } from './port-relay.js';
import { JailRecord, writeJailRecord } from './record.js';
import { prepareJailRoot } from './root-files.js';
import { enterArgs, jailCapabilities, sandboxArgs } from './sandbox.js';
import { buildView } from './view.js';

const INFO_FD = 3;
const BLOCK_FD = 4;

interface SandboxInfo {
  readonly init: number;
  readonly pidNamespace: string;
}

/**
 * `pot start`'s jail creation for an isolated pot, with bubblewrap: the pot's root prepared, the limits'
 * cgroups made, the host ports bound, then the sandbox created with the command held back until its init is
 * in the cgroups, the jail record written and the jail's address set; then the command runs while the port
 * relay starts. Any failure removes what was made and is reported in pot's words.
 */
export async function launchJail(ctx: Context, name: string, conf: PotConf, env: Record<string, string>): Promise<Launched | Error> {
  const { state, out } = ctx;
  let tools: JailTools;
  try {
    tools = jailTools();
  } catch (error) {
    out.error((error as PotError).message);
    return error as Error;
  }
  const mounts = prepareJailRoot(state, name, conf, readMounts(state, name));
  // what nullfs would refuse at pot's start; bwrap would only find it inside the sandbox
  const missing = mounts.find((mount) => !isDirectory(mount.source));
  if (missing !== undefined) {
    out.error(`Error mounting ${missing.source} on ${missing.target}`);
    return new Error(`${missing.source} is not a directory`);
  }
  const view = buildView({ root: state.rootFs(name), mounts, tmpfs: conf.value('pot.attr.no-tmpfs') !== 'YES' });
  const ownNetwork = isBridgeType(conf.value('network_type'));
  const userNamespace = process.getuid?.() !== 0;
  const cgroups = createCgroups(cgroupId(state.root, name), limitsOf(conf));
  for (const { controller, reason } of cgroups.unavailable) {
    out.error(`${controller === 'memory' ? `memory limit ${conf.value('pot.rss.memory')}` : `cpu limit ${conf.value('pot.rss.cpus')}`} of pot ${name} not applied: ${reason}`);
  }
  const ports = ownNetwork ? parseExportedPorts(conf.value('pot.export.ports')) : [];
  for (const port of ports.filter((p) => p.protocol === 'udp')) out.error(`udp port ${port.jailPort} of pot ${name} is not forwarded: the emulator forwards tcp ports only`);
  let servers: { server: Server; jailPort: number }[];
  try {
    servers = await listenHostPorts(ports, hostAddresses(process.env, conf.value('pot.attr.localhost-tunnel') === 'YES'));
  } catch (error) {
    await removeCgroups(cgroups.dirs);
    out.error(`pot ${name} cannot forward its ports: ${(error as Error).message}`);
    return error as Error;
  }
  const args = sandboxArgs({
    view,
    hostname: conf.value('host.hostname'),
    ownNetwork,
    userNamespace,
    capabilities: jailCapabilities(conf.value('pot.attr.raw_sockets') === 'YES'),
    command: conf.raw('pot.cmd') || 'sh /etc/rc',
    infoFd: INFO_FD,
    blockFd: BLOCK_FD,
  });
  const child = spawn(tools.bwrap, args, { env, detached: true, stdio: ['ignore', 'inherit', 'inherit', 'pipe', 'pipe'] });
  const exited = exitOf(child);
  if (child.pid === undefined) {
    const error = await new Promise<Error>((resolve) => child.once('error', resolve));
    for (const { server } of servers) server.close();
    await removeCgroups(cgroups.dirs);
    out.error(`bwrap cannot be run: ${error.message}`);
    return error;
  }
  // Until the jail record is written, the sandbox is found as bwrap's process group (a pot start that dies now
  // would leave a sandbox that runs its command on its own, and stop must still find it).
  const monitor = child.pid;
  writePidFile(state.mainPidPath(name), monitor);
  let ended = false;
  void exited.then(() => (ended = true));
  let init: number | undefined;
  // The init is held back until the go-ahead; a SIGKILL to it ends the namespace with whatever is in it.
  const abandon = async (error: Error): Promise<Error> => {
    for (const { server } of servers) server.close();
    if (init !== undefined) signal(init, 'SIGKILL');
    if (!ended) child.kill('SIGKILL');
    await exited;
    await removeCgroups(cgroups.dirs);
    return error;
  };

  const info = await sandboxInfo(child);
  if (info === undefined) return abandon(new Error('bwrap did not create the jail'));
  init = info.init;
  const machinery = [monitor, info.init];
  let record: JailRecord = { monitor, init: info.init, pidNamespace: info.pidNamespace, userNamespace, cgroups: cgroups.dirs, view: view.entries };
  writeJailRecord(state, name, record);
  try {
    joinCgroups(cgroups.dirs, info.init);
  } catch (error) {
    out.error(`limits of pot ${name} not applied: ${(error as Error).message}`);
  }
  // The relay (a Node.js process) starts while the command does; the jail's address is there before either.
  let relay: Promise<number> | undefined;
  if (ownNetwork) {
    const address = await setJailAddress(tools, info.init, userNamespace, conf.value('ip'));
    if (servers.length > 0) relay = startRelay(tools.nsenter, { init: info.init, userNamespace }, servers, address);
  }
  // bwrap has made the jail's mounts before it waits for the go-ahead: a sandbox that is gone by now failed them
  if (ended || !(await release(child.stdio[BLOCK_FD] as Writable))) {
    await relay?.catch(() => undefined);
    return abandon(new Error('bwrap could not make the jail'));
  }
  if (relay !== undefined) {
    try {
      record = { ...record, relay: await relay };
      writeJailRecord(state, name, record);
      machinery.push(record.relay as number);
    } catch (error) {
      // a command that ended at once took its jail, and the relay, with it: that is its exit, not a failed start
      if (isProcessAlive(info.init)) {
        out.error(`pot ${name} cannot forward its ports: ${(error as Error).message}`);
        return abandon(error as Error);
      }
    }
  }
  const tree = { group: monitor, jail: { pidNamespace: info.pidNamespace, init: info.init, machinery } };
  return { child, exited, tree, main: await mainProcess(info.init, () => ended) };
}

function release(stream: Writable): Promise<boolean> {
  return new Promise((resolve) => {
    stream.once('error', () => resolve(false));
    stream.end('1', () => resolve(true));
  });
}

/** bwrap's `--info-fd` JSON: the pid of the sandbox's init (in the host's PID namespace) and its namespaces. */
async function sandboxInfo(child: ChildProcess): Promise<SandboxInfo | undefined> {
  const stream = child.stdio[INFO_FD] as Readable;
  stream.on('error', () => undefined);
  let text = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  await new Promise<void>((resolve) => {
    stream.once('close', () => resolve());
    stream.once('end', () => resolve());
  });
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    const init = parsed['child-pid'];
    const namespace = parsed['pid-namespace'];
    if (typeof init !== 'number' || typeof namespace !== 'number') return undefined;
    return { init, pidNamespace: `pid:[${namespace}]` };
  } catch {
    return undefined;
  }
}

/**
 * pot gives a bridged jail its address on its epair; here the address goes on the jail's loopback, so that
 * servers bound to `_POT_IP` work and the relay can reach them there. Without iproute2's ip, the relay uses
 * the jail's 127.0.0.1. Returns the address the relay connects to.
 */
async function setJailAddress(tools: JailTools, init: number, userNamespace: boolean, ip: string): Promise<string> {
  const prefix = isIPv4(ip) ? 32 : isIPv6(ip) ? 128 : undefined;
  if (tools.ip === undefined || prefix === undefined) return '127.0.0.1';
  const args = [...enterArgs(init, userNamespace, ['net']), '--', tools.ip, 'address', 'add', `${ip}/${prefix}`, 'dev', 'lo'];
  const child = spawn(tools.nsenter, args, { stdio: 'ignore' });
  const { code } = await exitOf(child);
  return code === 0 ? ip : '127.0.0.1';
}

/** The command is the init's first child; it appears as soon as the init has read the go-ahead. */
async function mainProcess(init: number, ended: () => boolean): Promise<number | undefined> {
  for (let attempt = 0; attempt < 2_500 && !ended(); attempt += 1) {
    const first = childProcesses(init)[0];
    if (first !== undefined) return first;
    await sleep(2);
  }
  return undefined;
}

/** set-rss's values: `-M` with pot's size suffixes (bytes without one), `-C` a CPU count. */
export function limitsOf(conf: PotConf): Limits {
  const limits: { memoryBytes?: number; cpus?: number } = {};
  const memory = /^(\d+)([bBkKmMgG]?)$/.exec(conf.value('pot.rss.memory'));
  if (memory !== null) {
    const unit = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(memory[2] ?? '').toLowerCase()] ?? 1;
    limits.memoryBytes = Number(memory[1]) * unit;
  }
  const cpus = conf.value('pot.rss.cpus');
  if (/^\d+$/.test(cpus) && Number(cpus) > 0) limits.cpus = Number(cpus);
  return limits;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // gone already
  }
}

/** Pots of different emulator roots may share a name. */
function cgroupId(root: string, name: string): string {
  return `${name}-${createHash('sha256').update(root).digest('hex').slice(0, 8)}`;
}
