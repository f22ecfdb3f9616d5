/**
 * The helper on the pseudo-terminal (see terminal.ts): the session leader of the terminal script(1) made. It
 * sets the terminal's size with stty(1) (Node cannot set a window size itself), runs pot on the terminal in
 * the foreground, and applies each size change the driver sends, so the kernel signals SIGWINCH to what runs
 * there. It ends with pot's exit status, and ends pot when the driver goes away.
 */
import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { constants } from 'node:os';
import { parseSizeLine, type TerminalPayload, type TerminalSize } from './terminal-protocol.js';

/** Signals from the terminal that are meant for pot and its command, not for the helper. */
const FOR_THE_COMMAND: NodeJS.Signals[] = ['SIGINT', 'SIGQUIT', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGWINCH'];

export async function runTerminalHelper(args: readonly string[]): Promise<number> {
  // util-linux's script runs its "shell" as `<shell> -c <payload>`; BSD script passes the payload as is.
  const raw = args[0] === '-c' ? args[1] : args[0];
  let payload: TerminalPayload;
  try {
    payload = JSON.parse(raw ?? '') as TerminalPayload;
  } catch {
    process.stderr.write('pot-nomad-tty: started without the driver\'s payload; it is run by pot-nomad only\n');
    return 2;
  }
  for (const [key, value] of Object.entries(payload.restoreEnv)) {
    if (value === null) delete process.env[key];
    else process.env[key] = value;
  }
  setSize({ rows: payload.rows, cols: payload.cols });
  for (const signal of FOR_THE_COMMAND) process.on(signal, () => undefined);

  const [bin, ...rest] = payload.argv as [string, ...string[]];
  const child = spawn(bin, rest, { stdio: 'inherit' });
  const control = connect(payload.socket);
  control.on('error', () => undefined);
  control.write(`hello ${payload.token}\n`);
  let buffered = '';
  control.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const size = parseSizeLine(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      control.write(size !== undefined && setSize(size) ? 'ok\n' : 'failed\n');
    }
  });
  // The driver went away (or the terminal hung up): pot and its command go too.
  const end = (): void => {
    child.kill('SIGHUP');
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
  };
  control.on('close', end);
  process.on('SIGHUP', end);

  return new Promise((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`pot-nomad-tty: cannot run ${bin}: ${error.message}\n`);
      control.destroy();
      resolve(127);
    });
    child.once('exit', (code, signal) => {
      control.off('close', end);
      control.destroy();
      resolve(code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0)));
    });
  });
}

/** `stty rows R cols C` on this terminal; whether it took. */
function setSize(size: TerminalSize): boolean {
  if (size.rows === 0 || size.cols === 0) return true;
  const result = spawnSync('stty', ['rows', String(size.rows), 'cols', String(size.cols)], { stdio: ['inherit', 'ignore', 'ignore'] });
  return result.status === 0;
}
