import { isReadableAttribute } from '../attributes.js';
import { Context } from '../context.js';
import { PotError, PotExit } from '../messages.js';
import { parseOptions } from '../options.js';
import { isPot } from '../pot-check.js';
import { helpText } from '../help.js';

const help = { help: 'get-attribute' };

/** `pot get-attribute -p POT -A ATTR [-q]`: the stored value only (no defaults), as pot reads pot.conf. */
export async function runGetAttribute(ctx: Context, args: readonly string[]): Promise<number> {
  let name = '';
  let attribute = '';
  let quiet = false;
  parseOptions(ctx, 'get-attribute', args, 'hvqp:A:V:', (option, value) => {
    if (option === 'q') quiet = true;
    else if (option === 'p') name = value;
    else if (option === 'A') attribute = value;
  });
  if (name === '') throw new PotError('A pot name is mandatory', help);
  if (attribute === '') throw new PotError('Option -A is mandatory', help);
  if (!isPot(ctx, name, quiet)) {
    if (quiet) throw new PotExit(1);
    ctx.out.error(`${name} is not a valid pot`);
    ctx.out.print(helpText('get-attribute'));
    throw new PotExit(1);
  }
  if (!isReadableAttribute(attribute)) throw new PotError(`${attribute} is not a valid attribute`, help);
  const value = ctx.state.readPotConf(name).value(`pot.attr.${attribute}`);
  if (quiet) ctx.out.print(`${value}\n`);
  else if (value === '') ctx.out.info(`The attribute ${attribute} is not set for the pot ${name}`);
  else ctx.out.info(`${attribute}: ${value}`);
  return 0;
}
