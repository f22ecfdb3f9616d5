import { attributeType, normalizeBoolean } from '../attributes.js';
import { Context } from '../context.js';
import { withLock } from '../lock.js';
import { PotError } from '../messages.js';
import { parseOptions } from '../options.js';
import { isPot } from '../pot-check.js';
import { isPotRunning } from '../status.js';

const help = { help: 'set-attribute' };

/** `pot set-attribute -p POT -A ATTR -V VALUE`: checks in pot's order, then `pot.attr.ATTR=<value>`. */
export async function runSetAttribute(ctx: Context, args: readonly string[]): Promise<number> {
  let name = '';
  let attribute = '';
  let value = '';
  parseOptions(ctx, 'set-attribute', args, 'hvp:A:V:', (option, optionValue) => {
    if (option === 'p') name = optionValue;
    else if (option === 'A') attribute = optionValue;
    else if (option === 'V') value = optionValue;
  });
  if (name === '') throw new PotError('A pot name is mandatory', help);
  if (attribute === '') throw new PotError('Option -A is mandatory', help);
  if (value === '') throw new PotError('Option -V is mandatory', help);
  if (!isPot(ctx, name)) throw new PotError(`${name} is not a valid pot`, help);
  const type = attributeType(attribute);
  if (type === undefined) throw new PotError(`${attribute} is not a valid attribute`, help);
  return withLock(ctx.state.potLockPath(name), () => {
    const conf = ctx.state.readPotConf(name);
    if (attribute === 'no-tmpfs') {
      if (conf.value('pot.type') !== 'single') throw new PotError('Attribute no-tmpfs is only usable with single type pot');
      if (isPotRunning(ctx.state, name)) {
        // pot reports this but still exits 0 (it then runs an empty command)
        ctx.out.error(`pot ${name} is still running`);
        return 0;
      }
    }
    conf.set(`pot.attr.${attribute}`, normalize(type, value));
    ctx.state.writePotConf(name, conf);
    return 0;
  });
}

function normalize(type: string, value: string): string {
  switch (type) {
    case 'bool': {
      const normalized = normalizeBoolean(value);
      // pot blanks the value before reporting it, hence the double space
      if (normalized === undefined) throw new PotError('value  is not a valid boolean value', help);
      return normalized;
    }
    case 'uint':
      if (!/^\d*$/.test(value)) throw new PotError(`value ${value} is not a valid uint value`, help);
      return value;
    case 'sysvopt':
      if (value !== 'new' && value !== 'inherit' && value !== 'disable') {
        throw new PotError("value must be one of 'new', 'inherit', 'disable'", help);
      }
      return value;
    default:
      return value;
  }
}
