import { Context } from '../context.js';
import { encodeEnvEntry } from '../environment.js';
import { withLock } from '../lock.js';
import { PotError } from '../messages.js';
import { parseOptions } from '../options.js';
import { isPot } from '../pot-check.js';

const help = { help: 'set-env' };

/** `pot set-env -p POT -E VAR=value...`: replaces every `pot.env` line with one `pot.env="VAR=value"` per -E. */
export async function runSetEnv(ctx: Context, args: readonly string[]): Promise<number> {
  let name = '';
  const entries: string[] = [];
  parseOptions(ctx, 'set-env', args, 'hvp:E:', (option, value) => {
    if (option === 'p') name = value;
    if (option !== 'E') return;
    if (!value.includes('=')) {
      // sic: pot's wording
      throw new PotError([`${value} not in a valid form`, 'VARIABLE=value is accetped'], help);
    }
    entries.push(encodeEnvEntry(value));
  });
  if (name === '') throw new PotError('A pot name is mandatory', help);
  // sic: pot's wording for a missing -E
  if (entries.length === 0) throw new PotError('A command is mandatory', help);
  if (!isPot(ctx, name)) throw new PotError(`pot ${name} is not valid`, help);
  return withLock(ctx.state.potLockPath(name), () => {
    const conf = ctx.state.readPotConf(name);
    conf.replace('pot.env', entries);
    ctx.state.writePotConf(name, conf);
    return 0;
  });
}
