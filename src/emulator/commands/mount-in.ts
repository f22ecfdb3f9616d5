import { realpathSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { Context } from '../context.js';
import { withLock } from '../lock.js';
import { PotError } from '../messages.js';
import { addMount, linkMount, readMounts } from '../mounts.js';
import { parseOptions } from '../options.js';
import { isPot } from '../pot-check.js';
import { isDirectory } from '../state.js';

const help = { help: 'mount-in' };

interface MountRequest {
  name: string;
  fscomp: string;
  directory: string;
  dataset: string;
  mountPoint: string;
  remount: boolean;
  readOnly: boolean;
}

/**
 * `pot mount-in -p POT -d HOSTDIR -m MNT [-r]`: records `HOSTDIR /MNT [ro]` in conf/fscomp.conf (pot 0.15.6+)
 * and makes the directory visible in the pot (see `linkMount`). ZFS datasets and fs components do not
 * exist here, so `-z` and `-f` always fail pot's validity checks.
 */
export async function runMountIn(ctx: Context, args: readonly string[]): Promise<number> {
  const request: MountRequest = { name: '', fscomp: '', directory: '', dataset: '', mountPoint: '', remount: false, readOnly: false };
  parseOptions(ctx, 'mount-in', args, 'hvf:d:z:p:m:wr', (option, value) => {
    if (option === 'f') request.fscomp = value;
    else if (option === 'd') request.directory = value;
    else if (option === 'z') request.dataset = value;
    else if (option === 'p') request.name = value;
    else if (option === 'm') request.mountPoint = value;
    else if (option === 'w') request.remount = true;
    else if (option === 'r') request.readOnly = true;
  });
  const { name, fscomp, dataset, mountPoint } = request;
  if (name === '') throw new PotError('A pot name is mandatory', help);
  if (fscomp === '' && request.directory === '' && dataset === '') throw new PotError('One of -f|-d|-z option has to be used', help);
  if (fscomp !== '' && request.directory !== '') throw new PotError('-f and -d options are mutually exclusive', help);
  if (fscomp !== '' && dataset !== '') throw new PotError('-f and -z options are mutually exclusive', help);
  if (request.directory !== '' && dataset !== '') throw new PotError('-d and -z options are mutually exclusive', help);
  if (mountPoint === '') throw new PotError('A mount point is mandatory', help);
  if (/\s/.test(mountPoint)) throw new PotError('The mountpoint cannot contain spaces');
  if (!mountPoint.startsWith('/')) throw new PotError('The mount point has to be an absolute pathname');
  if (mountPoint === '/') throw new PotError('/ is not a valid mount point');
  let option = '';
  if (request.remount) {
    if (request.directory !== '') throw new PotError('Remount cannot be used with directories, but with fscomp only', help);
    option = 'zfs-remount';
    if (request.readOnly) {
      ctx.out.info('Readonly and remount are mutually exclusive: readonly considered, remount ignored');
      option = 'ro';
    }
  } else if (request.readOnly) option = 'ro';
  if (fscomp !== '') {
    ctx.out.error(`fscomp ${fscomp} not found`);
    throw new PotError(`fscomp ${fscomp} is not valid`, help);
  }
  if (dataset !== '') throw new PotError(`dataset ${dataset} is not valid`, help);
  const directory = validateDirectory(ctx, name, request.directory);
  if (!isPot(ctx, name)) throw new PotError(`pot ${name} is not valid`, help);
  return withLock(ctx.state.potLockPath(name), () => mountDirectory(ctx, name, directory, mountPoint, option));
}

function validateDirectory(ctx: Context, name: string, given: string): string {
  // a trailing / is dropped (pot 0.15.5+)
  const trimmed = given.length > 1 && given.endsWith('/') ? given.replace(/\/+$/, '') : given;
  if (!isDirectory(resolve(ctx.cwd, trimmed))) throw new PotError(`${trimmed} is not a directory`, help);
  let directory = trimmed;
  if (!directory.startsWith('/')) {
    try {
      directory = realpathSync(resolve(ctx.cwd, directory));
    } catch {
      throw new PotError(`Not able to convert ${directory} as an absolute pathname`, help);
    }
  }
  const potDir = ctx.state.potDir(name);
  const inside = directory === potDir || directory.startsWith(`${potDir}/`);
  if (inside || readMounts(ctx.state, name).some((entry) => entry.source === directory)) {
    throw new PotError(`Directory ${directory} not valid, already used or already part of the pot`);
  }
  return directory;
}

function mountDirectory(ctx: Context, name: string, directory: string, given: string, option: string): number {
  const { state } = ctx;
  const mountPoint = posix.resolve('/', given);
  const used = readMounts(state, name).some((entry) => entry.mountPoint === mountPoint);
  // pot captures the "already in use" message together with the mount point, so only this line shows
  if (used || linkMount(state, name, directory, mountPoint) === 'occupied') throw new PotError('The mountpoint is not valid!');
  addMount(state, name, directory, mountPoint, option);
  return 0;
}
