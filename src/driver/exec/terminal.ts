/**
 * A pot command on a pseudo-terminal, without native code and without a shell. Node cannot open a terminal
 * (that takes openpty or ioctls), and the npm packages that can ship no prebuilt binaries for FreeBSD, so
 * they would need a compiler on every node. The base system's script(1) can: it opens a terminal, runs a
 * program on it and relays its input and output through pipes. The program it runs is the helper
 * (`bin/pot-nomad-tty.js`), which runs pot on the terminal and sets the terminal's size with stty(1).
 *
 * BSD script takes the program and its arguments as they are. util-linux's script (Linux) runs only
 * `$SHELL -c <string>`; there SHELL is the helper itself, which reads the string as its JSON payload and never
 * as shell code.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from '../../shared/random-bytes.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sizeLine, type TerminalPayload, type TerminalSize } from './terminal-protocol.js';

/** Where the base system keeps script(1): FreeBSD and macOS, and Linux's util-linux (Debian's bsdutils). */
export const SCRIPT_BIN = '/usr/bin/script';
const HELPER = fileURLToPath(new URL('../../../../bin/pot-nomad-tty.js', import.meta.url));
/** How long a size change may take to reach the terminal before the session goes on without it. */
const RESIZE_TIMEOUT_MS = 5000;

export interface TerminalProcess {
  /** Keys typed, to the terminal. */
  readonly input: Writable;
  /** What the terminal shows: the command's output and the terminal's echo, stdout and stderr together. */
  readonly output: Readable;
  /** script's own complaints, if it has any. */
  readonly errors: Readable;
  readonly closed: Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; error?: Error }>;
  /** Sets the terminal's size, so the command gets SIGWINCH; resolves once applied (false if it was not). */
  resize(size: TerminalSize): Promise<boolean>;
  /** Ends the session: script and, through the terminal's hang-up, pot and its command. */
  kill(): void;
}

export interface TerminalOptions {
  size: TerminalSize;
  /** `process.platform`; tests give another to see the other script's command line. */
  platform?: NodeJS.Platform;
}

/** The argv (script's path first) and environment that start the helper on a terminal. */
export function scriptCommand(payload: TerminalPayload, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): { argv: string[]; env: NodeJS.ProcessEnv } {
  const json = JSON.stringify(payload);
  if (platform === 'linux') {
    return { argv: [SCRIPT_BIN, '-q', '-e', '-c', json, '/dev/null'], env: { ...env, SHELL: HELPER, PATH: `${dirname(process.execPath)}:${env.PATH ?? '/usr/bin:/bin'}` } };
  }
  return { argv: [SCRIPT_BIN, '-q', '/dev/null', process.execPath, HELPER, json], env };
}

/** Runs `bin args...` on a new pseudo-terminal of the given size. */
export function spawnTerminal(bin: string, args: readonly string[], opts: TerminalOptions): TerminalProcess {
  const dir = mkdtempSync(join(tmpdir(), 'pn-tty-'));
  const socket = join(dir, 'control');
  const token = randomBytes(16).toString('hex');
  const platform = opts.platform ?? process.platform;
  const linux = platform === 'linux';
  const payload: TerminalPayload = {
    argv: [bin, ...args],
    socket,
    token,
    rows: opts.size.rows,
    cols: opts.size.cols,
    restoreEnv: linux ? { SHELL: process.env.SHELL ?? null, PATH: process.env.PATH ?? null } : {},
  };
  const helper = controlChannel(socket, token);
  const command = scriptCommand(payload, platform, process.env);
  const [script, ...argv] = command.argv as [string, ...string[]];
  const child = spawn(script, argv, { env: command.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const closed = new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      const missing = error.code === 'ENOENT' ? new Error(`exec with a terminal needs script(1) at ${SCRIPT_BIN}, which is missing (on Debian it comes with bsdutils)`) : error;
      resolve({ exitCode: null, signal: null, error: missing });
    });
    child.once('close', (exitCode, signal) => resolve({ exitCode, signal }));
  }).finally(() => {
    helper.close();
    rmSync(dir, { recursive: true, force: true });
  });
  child.stdin.on('error', () => undefined);
  return {
    input: child.stdin,
    output: child.stdout,
    errors: child.stderr,
    closed,
    resize: (size) => helper.send(size),
    kill() {
      helper.close();
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    },
  };
}

/** The driver's end of the helper's socket: one connection, from the helper that knows the token. */
function controlChannel(path: string, token: string): { send(size: TerminalSize): Promise<boolean>; close(): void } {
  let helper: Socket | undefined;
  let waiting: ((socket: Socket | undefined) => void)[] = [];
  let closed = false;
  const server: Server = createServer((socket) => {
    socket.setEncoding('utf8');
    let hello = '';
    const onHello = (chunk: string): void => {
      hello += chunk;
      const end = hello.indexOf('\n');
      if (end < 0) return;
      socket.off('data', onHello);
      if (helper !== undefined || hello.slice(0, end) !== `hello ${token}`) {
        socket.destroy();
        return;
      }
      helper = socket;
      socket.on('error', () => undefined);
      for (const resolve of waiting.splice(0)) resolve(socket);
    };
    socket.on('data', onHello);
  });
  server.on('error', () => undefined);
  server.listen(path);
  // Nothing here may keep the driver's process alive.
  server.unref();

  const connected = (): Promise<Socket | undefined> =>
    helper !== undefined || closed ? Promise.resolve(helper) : new Promise((resolve) => waiting.push(resolve));
  let queue: Promise<unknown> = Promise.resolve();
  return {
    send(size) {
      const sent = queue.then(async () => {
        const socket = await connected();
        if (socket === undefined || socket.destroyed) return false;
        return new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => finish(false), RESIZE_TIMEOUT_MS);
          const finish = (ok: boolean): void => {
            clearTimeout(timer);
            socket.off('data', onAnswer).off('close', onClose);
            resolve(ok);
          };
          const onAnswer = (chunk: string): void => finish(chunk.startsWith('ok'));
          const onClose = (): void => finish(false);
          socket.on('data', onAnswer).once('close', onClose);
          socket.write(sizeLine(size));
        });
      });
      queue = sent;
      return sent;
    },
    close() {
      if (closed) return;
      closed = true;
      for (const resolve of waiting.splice(0)) resolve(undefined);
      waiting = [];
      helper?.destroy();
      server.close();
    },
  };
}
