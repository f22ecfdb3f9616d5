import { Context } from '../context.js';
import { parseOptions } from '../options.js';

const POT_VERSION = '0.16.0';

/** `pot version [-q]`: `pot version: 0.16.0`, or just the number with -q. */
export async function runVersion(ctx: Context, args: readonly string[]): Promise<number> {
  let quiet = false;
  parseOptions(ctx, 'version', args, 'hvq', (option) => {
    if (option === 'q') quiet = true;
  });
  ctx.out.print(quiet ? `${POT_VERSION}\n` : `pot version: ${POT_VERSION}\n`);
  return 0;
}
