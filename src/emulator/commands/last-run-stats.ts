import { readFileSync } from 'node:fs';
import { Context } from '../context.js';
import { PotError } from '../messages.js';
import { parseOptions } from '../options.js';
import { isPot } from '../pot-check.js';

/** `pot last-run-stats -p POT`: the content of conf/.last_run_stats, or `{}` before the first run ends. */
export async function runLastRunStats(ctx: Context, args: readonly string[]): Promise<number> {
  let name = '';
  parseOptions(ctx, 'last-run-stats', args, 'hvp:', (option, value) => {
    if (option === 'p') name = value;
  });
  if (name === '') throw new PotError('A pot name is mandatory', { help: 'last-run-stats' });
  if (!isPot(ctx, name)) throw new PotError(`${name} is not a pot`);
  let stats: string;
  try {
    stats = readFileSync(ctx.state.lastRunStatsPath(name), 'utf8');
  } catch {
    stats = '{}\n';
  }
  ctx.out.print(stats);
  return 0;
}
