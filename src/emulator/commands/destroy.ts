import { rmSync } from 'node:fs';
import { Context } from '../context.js';
import { releaseJail } from '../jail/release.js';
import { haltPot, stopPot } from '../lifecycle.js';
import { withLock } from '../lock.js';
import { PotError } from '../messages.js';
import { parseOptions } from '../options.js';
import { isPot } from '../pot-check.js';
import { isDirectory, isSafeName } from '../state.js';
import { inspectPot, removeFile } from '../status.js';

interface DestroyRequest {
  pot: string;
  base: string;
  fscomp: string;
  bridge: string;
  force: boolean;
  recursive: boolean;
}

export async function runDestroy(ctx: Context, args: readonly string[]): Promise<number> {
  const request: DestroyRequest = { pot: '', base: '', fscomp: '', bridge: '', force: false, recursive: false };
  parseOptions(ctx, 'destroy', args, 'hvrf:p:b:FB:q', (option, value) => {
    if (option === 'q') ctx.out.verbosity = 0;
    else if (option === 'F') request.force = true;
    else if (option === 'r') request.recursive = true;
    else if (option === 'p') request.pot = value;
    else if (option === 'b') request.base = value;
    else if (option === 'f') request.fscomp = value;
    else if (option === 'B') request.bridge = value;
  });
  const given = [request.pot, request.base, request.fscomp, request.bridge].filter((value) => value !== '').length;
  if (given === 0) throw new PotError('-b or -p or -f or -B are missing', { help: 'destroy' });
  if (given > 1) throw new PotError('-b, -p, -f and -B cannot be used at the same time', { help: 'destroy' });
  if (request.bridge !== '') return destroyBridge(ctx, request);
  // The emulator has no ZFS, hence no bases and no fs components.
  if (request.fscomp !== '') throw new PotError(`${request.fscomp} is not a fscomp`);
  if (request.base !== '') throw new PotError(`${request.base} is not a base`);
  return destroyPot(ctx, request.pot, request.force, request.recursive);
}

function destroyBridge(ctx: Context, request: DestroyRequest): number {
  const { state, out } = ctx;
  if (request.force || request.recursive) out.info('Destroy bridge will ignore force and recursive');
  if (!isSafeName(request.bridge) || !state.listBridges().includes(request.bridge)) {
    out.error(`bridge ${request.bridge} not found`);
    throw new PotError(`${request.bridge} is not a valid bridge name`);
  }
  for (const pot of state.listPots()) {
    if (readConfValue(ctx, pot, 'bridge') === request.bridge) {
      throw new PotError(`the bridge ${request.bridge} is still used by the pot ${pot} - unable to delete`);
    }
  }
  out.info(`Destroying bridge ${request.bridge}`);
  removeFile(state.bridgePath(request.bridge));
  return 0;
}

async function destroyPot(ctx: Context, name: string, force: boolean, recursive: boolean): Promise<number> {
  const { state, out } = ctx;
  if (!isPot(ctx, name, true)) {
    // pot's -F removes whatever is left of a broken pot whose dataset still exists
    if (force && isSafeName(name) && isDirectory(state.potDir(name))) {
      // A pot whose state files were damaged may still have processes: they go with it, as its jail would.
      const view = inspectPot(state, name);
      if (view.startPid !== undefined || view.tree !== undefined) await haltPot(ctx, name, { waitForStart: true });
      await removePot(ctx, name);
      out.info(`Forcibly destroyed pot ${name}`);
      return 0;
    }
    isPot(ctx, name);
    throw new PotError(`pot ${name} not found or corrupted. Try to use the -F flag`);
  }
  const dependents = state.listPots().filter((pot) => pot !== name && readConfValue(ctx, pot, 'pot.potbase') === name);
  for (const pot of dependents) {
    if (!recursive) throw new PotError(`${name} is used at least by another pot (${pot}) - use option -r to destroy it recursively`);
    out.debug(`Destroying recursively pot ${pot} based on ${name}`);
    const code = await destroyOne(ctx, pot, force);
    if (code !== 0) return code;
  }
  for (const pot of state.listPots()) {
    if (readConfValue(ctx, pot, 'pot.depend').split('\n').includes(name)) out.info(`pot ${pot} is losing his dependency ${name}`);
  }
  out.info(`Destroying pot ${name}`);
  return destroyOne(ctx, name, force);
}

/** `_pot_zfs_destroy`: a running pot needs -F, which stops it fully first. */
async function destroyOne(ctx: Context, name: string, force: boolean): Promise<number> {
  if (inspectPot(ctx.state, name).running) {
    if (!force) throw new PotError(`pot ${name} is running`);
    await stopPot(ctx, name);
  }
  await removePot(ctx, name);
  return 0;
}

async function removePot(ctx: Context, name: string): Promise<void> {
  const { state } = ctx;
  await releaseJail(state, name);
  await withLock(state.potLockPath(name), () => {
    // rmSync removes symlinks (the mount-ins) without following them into the host directories
    rmSync(state.potDir(name), { recursive: true, force: true });
    removeFile(state.statusPath(name));
    removeFile(state.mainPidPath(name));
    removeFile(state.startPidPath(name));
  });
}

function readConfValue(ctx: Context, pot: string, key: string): string {
  try {
    return ctx.state.readPotConf(pot).value(key);
  } catch {
    return '';
  }
}
