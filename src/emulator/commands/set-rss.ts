import { Context } from '../context.js';
import { withLock } from '../lock.js';
import { PotError } from '../messages.js';
import { parseOptions } from '../options.js';
import { isPot } from '../pot-check.js';

const help = { help: 'set-rss' };

/**
 * `pot set-rss -p POT [-M memory] [-C cpus]`: stores `pot.rss.memory` / `pot.rss.cpus`. pot enforces them
 * with rctl and cpuset at start; the emulator applies them with cgroups to isolated pots (`jail/cgroups.ts`)
 * and only records them for the others.
 */
export async function runSetRss(ctx: Context, args: readonly string[]): Promise<number> {
  let name = '';
  let memory = '';
  let cpus = '';
  parseOptions(ctx, 'set-rss', args, 'hvp:C:M:', (option, value) => {
    if (option === 'p') name = value;
    else if (option === 'C') cpus = value;
    else if (option === 'M') {
      if (!/^[0-9]+[bBkKmMgG]?$/.test(value)) throw new PotError(`${value} is not a valid memory constraint`, help);
      if (/^0+[bBkKmMgG]?$/.test(value)) throw new PotError('Memory constraint has to be greater than zero', help);
      memory = value;
    }
  });
  if (name === '') throw new PotError('A pot name is mandatory', help);
  if (!isPot(ctx, name)) throw new PotError(`${name} is not a valid pot name`, help);
  if (cpus === '' && memory === '') throw new PotError('One resource has to be specified (-C or -M)', help);
  if (cpus !== '' && (!/^\d+$/.test(cpus) || Number(cpus) === 0)) throw new PotError(`${cpus} is a not valid amount of CPUs!`, help);
  return withLock(ctx.state.potLockPath(name), () => {
    const conf = ctx.state.readPotConf(name);
    if (cpus !== '') conf.set('pot.rss.cpus', cpus);
    if (memory !== '') conf.set('pot.rss.memory', memory);
    ctx.state.writePotConf(name, conf);
    return 0;
  });
}
