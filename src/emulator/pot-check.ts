import { Context } from './context.js';
import { PotConf, isDirectory, isReadable, isSafeName } from './state.js';

/**
 * pot's `_is_pot NAME [quiet]`: the pot directory, its root `m/` and a readable `conf/pot.conf` must exist
 * (and `conf/fscomp.conf` for multi-type pots). Without `quiet` the reason is printed as an error.
 */
export function isPot(ctx: Context, name: string, quiet = false): boolean {
  const { state, out } = ctx;
  const report = (message: string): false => {
    if (!quiet) out.error(message);
    return false;
  };
  if (!isSafeName(name) || !isDirectory(state.potDir(name))) return report(`Pot ${name} not found`);
  if (!isDirectory(state.rootFs(name)) || !isReadable(state.potConfPath(name))) {
    return report(`Some component of the pot ${name} is missing`);
  }
  const type = PotConf.load(state.potConfPath(name)).value('pot.type') || 'multi';
  if (type === 'multi' && !isReadable(state.fscompConfPath(name))) {
    return report(`Some component of the pot ${name} is missing`);
  }
  return true;
}
