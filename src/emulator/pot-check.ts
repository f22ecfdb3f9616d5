import { Context } from './context.js';
import { readMounts } from './mounts.js';
import { PotError } from './messages.js';
import { isDirectory, isReadable, isSafeName, type PotConf } from './state.js';
import { CorruptStateError } from './state-damage.js';

/** Why a name is not a usable pot; `damaged` when its directory is there but a state file of it is not sound. */
export interface PotProblem {
  readonly message: string;
  readonly damaged: boolean;
}

/**
 * pot's `_is_pot NAME`: the pot directory, its root `m/` and a readable `conf/pot.conf` must exist (and
 * `conf/fscomp.conf` for multi-type pots). A pot whose pot.conf or fscomp.conf is damaged is not a usable
 * pot either; the message then names the file and what is wrong with it.
 */
export function potProblem(ctx: Context, name: string): PotProblem | undefined {
  const { state } = ctx;
  const missing = (message: string): PotProblem => ({ message, damaged: false });
  if (!isSafeName(name) || !isDirectory(state.potDir(name))) return missing(`Pot ${name} not found`);
  if (!isDirectory(state.rootFs(name)) || !isReadable(state.potConfPath(name))) return missing(`Some component of the pot ${name} is missing`);
  let conf: PotConf;
  try {
    conf = state.readPotConf(name);
    readMounts(state, name);
  } catch (error) {
    if (error instanceof PotError) return { message: error.message, damaged: error instanceof CorruptStateError };
    throw error;
  }
  const type = conf.value('pot.type') || 'multi';
  if (type === 'multi' && !isReadable(state.fscompConfPath(name))) return missing(`Some component of the pot ${name} is missing`);
  return undefined;
}

/** `_is_pot NAME [quiet]`: without `quiet` the reason is printed as an error. */
export function isPot(ctx: Context, name: string, quiet = false): boolean {
  const problem = potProblem(ctx, name);
  if (problem !== undefined && !quiet) ctx.out.error(problem.message);
  return problem === undefined;
}
