import { accessSync, constants, cpSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Context } from '../context.js';
import { withLock } from '../lock.js';
import { PotError, PotExit } from '../messages.js';
import { hostPath } from '../mounts.js';
import { parseOptions } from '../options.js';
import { isPot } from '../pot-check.js';
import { isDirectory } from '../state.js';
import { isPotRunning } from '../status.js';

const help = { help: 'copy-in' };

interface CopyRequest {
  name: string;
  source: string;
  destination: string;
  force: boolean;
}

/** `pot copy-in -p POT -s SOURCE -d DEST [-F] [-c]`: `cp -a SOURCE DEST` inside the pot's root. */
export async function runCopyIn(ctx: Context, args: readonly string[]): Promise<number> {
  const request: CopyRequest = { name: '', source: '', destination: '', force: false };
  parseOptions(ctx, 'copy-in', args, 'hvs:d:p:Fc', (option, value) => {
    if (option === 'F') request.force = true;
    else if (option === 's') request.source = value;
    else if (option === 'p') request.name = value;
    else if (option === 'd') request.destination = value;
  });
  if (request.name === '') throw new PotError('A pot name is mandatory', help);
  if (request.source === '') throw new PotError('A source is mandatory', help);
  if (request.destination === '') throw new PotError('A destination is mandatory', help);
  if (!request.destination.startsWith('/')) throw new PotError('The destination has to be an absolute pathname');
  return withLock(ctx.state.globalLockPath(), () => withLock(ctx.state.potLockPath(request.name), () => copyIn(ctx, request)));
}

function copyIn(ctx: Context, request: CopyRequest): number {
  const { state, out } = ctx;
  const { name, source, destination } = request;
  if (!isPot(ctx, name)) throw new PotError(`pot ${name} is not valid`, help);
  const from = resolve(ctx.cwd, source);
  let kind;
  try {
    kind = statSync(from);
  } catch {
    kind = undefined;
  }
  if (kind === undefined || (!kind.isFile() && !kind.isDirectory())) throw new PotError(`${source} not valid`, help);
  try {
    accessSync(from, constants.R_OK);
  } catch {
    // pot reports an unreadable source and carries on, so the copy itself fails
    out.error(`${source} not readable`);
  }
  if (isPotRunning(state, name) && !request.force) {
    out.error('Copying files on a running pot is discouraged, it can partially expose the host file system to the jail');
    out.info('Using the -F flag, the operation can be executed anyway, but we disagree');
    throw new PotExit(1);
  }
  const target = hostPath(state, name, destination);
  const finalTarget = isDirectory(target) ? join(target, basename(source)) : target;
  try {
    // The template is empty: create the directories a real image would already have.
    mkdirSync(dirname(finalTarget), { recursive: true });
    cpSync(from, finalTarget, { recursive: true, force: true, preserveTimestamps: true, verbatimSymlinks: true });
  } catch (error) {
    out.printError(`cp: ${(error as Error).message}\n`);
    throw new PotError(`Source ${source} NOT copied because of an error`);
  }
  out.debug(`Source ${source} copied in the pot ${name}`);
  return 0;
}
