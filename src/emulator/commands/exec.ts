import { spawn } from 'node:child_process';
import { Context } from '../context.js';
import { potEnvironment } from '../environment.js';
import { readJailRecord } from '../jail/record.js';
import { PotError, writeStderr } from '../messages.js';
import { parseOptions } from '../options.js';
import { signalExitStatus } from '../signals.js';
import { isPotRunning } from '../status.js';

interface ExecRequest {
  name: string;
  detach: boolean;
  env: string[];
  hostUser: string;
  potUser: string;
}

/**
 * `pot exec -p POT [-e VAR=value] [-d] COMMAND ARGS...`: runs the argv directly (no shell) in the pot's root
 * (inside its jail when the pot is isolated) with the pot's environment and exits with the command's status
 * (128+signal if it was killed). `-t`: the command gets the caller's terminal itself (pot makes a new one with
 * script(1), of the same size), so run on a terminal it sees one. `-u`/`-U` do not switch users; they are
 * accepted and ignored.
 */
export async function runExec(ctx: Context, args: readonly string[]): Promise<number> {
  const request: ExecRequest = { name: '', detach: false, env: [], hostUser: '', potUser: '' };
  const command = parseOptions(ctx, 'exec', args, 'hvdtp:e:u:U:', (option, value) => {
    if (option === 'd') request.detach = true;
    else if (option === 'p') request.name = value;
    else if (option === 'u') request.hostUser = value;
    else if (option === 'U') request.potUser = value;
    else if (option === 'e') {
      if (!value.includes('=')) throw new PotError([`${value} not in a valid form`, 'VARIABLE=value is accetped'], { help: 'exec' });
      request.env.push(value);
    }
  });
  if (command.length === 0) throw new PotError('A command is mandatory');
  if (request.name === '') throw new PotError('A pot name is mandatory', { help: 'exec' });
  if (request.hostUser !== '' && request.potUser !== '') throw new PotError('Parameters -u and -U are mutually exclusive');
  if (!isPotRunning(ctx.state, request.name)) throw new PotError('The pot is not running');
  ctx.out.debug(`Exec in ${request.name}, cmd: ${command.join(' ')}`);
  const env = potEnvironment(request.name, ctx.state.readPotConf(request.name));
  for (const assignment of request.env) {
    const equals = assignment.indexOf('=');
    env[assignment.slice(0, equals)] = assignment.slice(equals + 1);
  }
  const jail = readJailRecord(ctx.state, request.name);
  if (jail !== undefined) {
    // An isolated pot's command runs in its jail; the code that enters one is loaded only then.
    const { jailCommand } = await import('../jail/enter.js');
    const entered = jailCommand(jail, command, env);
    if (typeof entered === 'number') return entered;
    return run(entered, env, request.detach);
  }
  const [file, ...rest] = command as [string, ...string[]];
  return run({ file, args: rest, cwd: ctx.state.rootFs(request.name), shown: file }, env, request.detach);
}

/** What to spawn: the command itself, or the way into the pot's jail that ends in it. */
export interface Invocation {
  readonly file: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** the command's name in messages */
  readonly shown: string;
  /** the process signals are forwarded to, when it is not the spawned one (a jail's entry forks) */
  readonly target?: (spawned: number) => number | undefined;
  /** called once the process is spawned (a jail's entry then leaves the jail's cgroups) */
  readonly spawned?: () => void;
}

function run(invocation: Invocation, env: Record<string, string>, detach: boolean): Promise<number> {
  const { file, args, cwd, shown } = invocation;
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd, env, detached: detach, stdio: detach ? 'ignore' : 'inherit' });
    invocation.spawned?.();
    const forward = (signal: NodeJS.Signals): void => {
      const target = invocation.target?.(child.pid as number);
      if (target === undefined) child.kill(signal);
      else {
        try {
          process.kill(target, signal);
        } catch {
          // it ended meanwhile
        }
      }
    };
    const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
    const cleanUp = (): void => {
      for (const signal of signals) process.off(signal, forward);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      cleanUp();
      const reason = error.code === 'EACCES' ? 'Permission denied' : 'No such file or directory';
      writeStderr(`env: ${shown}: ${reason}\n`);
      resolve(error.code === 'EACCES' ? 126 : 127);
    });
    child.once('spawn', () => {
      if (!detach) {
        for (const signal of signals) process.on(signal, forward);
        return;
      }
      child.unref();
      resolve(0);
    });
    child.once('exit', (code, signal) => {
      cleanUp();
      resolve(code ?? (signal !== null ? signalExitStatus(signal) : 0));
    });
  });
}
