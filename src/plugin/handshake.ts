/**
 * go-plugin's side of the handshake, as Nomad speaks it: the magic cookie, the protocol versions, where the
 * gRPC server listens, and the one line on stdout that tells the host how to reach it. Pure functions only.
 */
import { randomBytes } from '../shared/random-bytes.js';
import path from 'node:path';

export const MAGIC_COOKIE_KEY = 'NOMAD_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'e4327c2e01eabfd75a8a67adb114fb34a757d57eee7728d857a8cec6e91a7255';
export const CORE_PROTOCOL_VERSION = 1;
/** Nomad's plugin API over gRPC; the only application version this plugin speaks. */
export const APP_PROTOCOL_VERSION = 2;

/** sun_path is 104 bytes on FreeBSD and macOS (108 on Linux); keep a margin for the terminating NUL. */
export const MAX_SOCKET_PATH_BYTES = 100;

export type ListenAddress = { network: 'unix'; path: string } | { network: 'tcp'; host: string; port: number };

export type Env = Readonly<Record<string, string | undefined>>;

export function hasMagicCookie(env: Env): boolean {
  return env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE;
}

/** Said on stderr when plugin mode is entered without Nomad's cookie. */
export const NOT_STARTED_BY_NOMAD_MESSAGE =
  'pot-nomad: plugin mode is meant to be started by a Nomad agent from its plugin_dir; ' +
  'run `pot-nomad --help` for the command line.\n';

export interface Negotiation {
  version: number;
  /** False when the host offered versions and none of them is ours: we answer with ours and the host decides. */
  agreed: boolean;
}

/** Picks the highest version in the host's `PLUGIN_PROTOCOL_VERSIONS` that we support, as go-plugin servers do. */
export function negotiateProtocolVersion(env: Env, supported: readonly number[] = [APP_PROTOCOL_VERSION]): Negotiation {
  const ours = Math.max(...supported);
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => /^\d+$/.test(part))
    .map(Number);
  if (offered.length === 0) return { version: ours, agreed: true };
  const common = offered.filter((v) => supported.includes(v));
  if (common.length === 0) return { version: ours, agreed: false };
  return { version: Math.max(...common), agreed: true };
}

/** `1|2|unix|/tmp/pot-nomad-1a2b3c4d.sock|grpc`, without the newline. */
export function handshakeLine(appVersion: number, address: ListenAddress): string {
  return [CORE_PROTOCOL_VERSION, appVersion, address.network, addressText(address), 'grpc'].join('|');
}

export function addressText(address: ListenAddress): string {
  return address.network === 'unix' ? address.path : `${address.host}:${address.port}`;
}

/** The target string grpc-js `bindAsync` understands. */
export function bindTarget(address: ListenAddress): string {
  return address.network === 'unix' ? `unix:${address.path}` : `ipv4:${address.host}:${address.port}`;
}

export const TCP_FALLBACK = { network: 'tcp', host: '127.0.0.1', port: 0 } as const satisfies ListenAddress;

/**
 * Unix socket paths to try in order: `$PLUGIN_UNIX_SOCKET_DIR`, the OS temp dir, `/tmp`; any that would be
 * too long for sun_path is skipped. An empty list means: listen on TCP.
 */
export function socketPathCandidates(env: Env, tmpdir: string, token: string = randomToken()): string[] {
  const dirs = [env.PLUGIN_UNIX_SOCKET_DIR, tmpdir, '/tmp'].filter((d): d is string => typeof d === 'string' && d !== '');
  const paths = dirs.map((dir) => path.join(path.resolve(dir), `pot-nomad-${token}.sock`));
  return [...new Set(paths)].filter((p) => Buffer.byteLength(p) <= MAX_SOCKET_PATH_BYTES);
}

function randomToken(): string {
  return randomBytes(4).toString('hex');
}
