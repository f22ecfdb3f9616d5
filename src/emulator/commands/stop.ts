import { Context } from '../context.js';
import { stopPot } from '../lifecycle.js';
import { PotError } from '../messages.js';
import { parseOptions } from '../options.js';
import { isPot } from '../pot-check.js';

/**
 * `pot stop [-p] NAME`: stopping a pot that does not exist is not an error (exit 0); one that was never
 * started cannot be stopped (exit 1); otherwise its processes get SIGTERM, then SIGKILL after the pot's
 * `stop_timeout`, and the blocking `pot start` returns 0.
 */
export async function runStop(ctx: Context, args: readonly string[]): Promise<number> {
  let name = '';
  const operands = parseOptions(ctx, 'stop', args, 'hvp:i:s', (option, value) => {
    if (option === 'p') name = value;
  });
  if (name === '') name = operands[0] ?? '';
  if (name === '') throw new PotError('A pot name is mandatory', { help: 'stop' });
  if (!isPot(ctx, name, true)) {
    ctx.out.error(`The pot ${name} is not a valid pot`);
    return 0;
  }
  return stopPot(ctx, name);
}
