import { Context } from '../context.js';
import { withLock } from '../lock.js';
import { PotError } from '../messages.js';
import { isIpAddress } from '../network.js';
import { parseOptions } from '../options.js';
import { isPot } from '../pot-check.js';

const help = { help: 'set-hosts' };

/**
 * `pot set-hosts -p POT -H hostname:IP...`: replaces every `pot.hosts` line with `pot.hosts=IP hostname`
 * (split at the first `:`); without -H the entries are just removed.
 */
export async function runSetHosts(ctx: Context, args: readonly string[]): Promise<number> {
  let name = '';
  const entries: string[] = [];
  parseOptions(ctx, 'set-hosts', args, 'hvp:H:', (option, value) => {
    if (option === 'p') name = value;
    if (option !== 'H') return;
    const colon = value.indexOf(':');
    if (colon < 0) throw new PotError([`${value} not in a valid form`, 'hostname:IP is accepted'], help);
    const host = value.slice(0, colon);
    const ip = value.slice(colon + 1);
    if (host === '' || ip === '') throw new PotError('Submitted ip or hostname are empty', help);
    if (!isIpAddress(ip)) throw new PotError(`Submitted ip ${ip} is not a valid one`, help);
    entries.push(`${ip} ${host}`);
  });
  if (name === '') throw new PotError('A pot name is mandatory', help);
  if (!isPot(ctx, name)) throw new PotError(`pot ${name} is not valid`, help);
  return withLock(ctx.state.potLockPath(name), () => {
    const conf = ctx.state.readPotConf(name);
    conf.replace('pot.hosts', entries);
    ctx.state.writePotConf(name, conf);
    return 0;
  });
}
