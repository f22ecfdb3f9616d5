/** For the isolated-pot tests: whether they can run here, the jail's processes, cgroups and mounts as the host sees them. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { probeNamespaces } from '../../src/cli/runtime/isolation.js';
import type { JailRecord } from '../../src/emulator/jail/record.js';
import { EMULATOR } from './harness.js';

/** `false` where isolated pots work, else why the tests that need them are skipped. */
export function isolationSkip(): string | false {
  const unavailable = probeNamespaces();
  return unavailable === undefined ? false : `isolated pots are not available here: ${unavailable.reason}`;
}

export const ISOLATED = { POT_EMULATOR_ISOLATION: 'namespaces', POT_EMULATOR_HOST_IP: '127.0.0.1' };

export function jailRecord(root: string, name: string): JailRecord {
  return JSON.parse(readFileSync(join(root, 'tmp', `pot_jail_${name}`), 'utf8')) as JailRecord;
}

/** Live (not zombie) processes in a PID namespace. */
export function processesIn(pidNamespace: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/ns/pid`) !== pidNamespace) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
      if (state !== 'Z' && state !== 'X') found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Lines of the host's mount table that mention a path. */
export function hostMountsUnder(path: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter((line) => line.includes(path));
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/** The body of GET http://127.0.0.1:port/path, or undefined while nothing answers. */
export async function httpGet(port: number, path: string): Promise<string | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}

export async function httpGetEventually(port: number, path: string, timeoutMs = 15_000): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = await httpGet(port, path);
    if (body !== undefined || Date.now() > deadline) return body;
    await sleep(50);
  }
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A test that failed half-way must not leave its jails running: every pot of the root is destroyed. */
export function destroyAll(root: string): void {
  let pots: string[];
  try {
    pots = readdirSync(join(root, 'jails'));
  } catch {
    return;
  }
  for (const pot of pots) {
    try {
      execFileSync(process.execPath, [EMULATOR, 'destroy', '-F', '-p', pot], { env: { ...process.env, POT_EMULATOR_ROOT: root }, stdio: 'ignore' });
    } catch {
      // an image still used by a pot: it goes with the directory
    }
  }
}
