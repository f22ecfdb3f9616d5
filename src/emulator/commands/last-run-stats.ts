import { Context } from '../context.js';
import { PotError } from '../messages.js';
import { parseOptions } from '../options.js';
import { isPot } from '../pot-check.js';
import { CorruptStateError, lastRunStatsDamage, readStateText } from '../state-damage.js';

/**
 * `pot last-run-stats -p POT`: the content of conf/.last_run_stats, or `{}` before the first run ends. A
 * damaged record is an error rather than text its reader would take for an exit code.
 */
export async function runLastRunStats(ctx: Context, args: readonly string[]): Promise<number> {
  let name = '';
  parseOptions(ctx, 'last-run-stats', args, 'hvp:', (option, value) => {
    if (option === 'p') name = value;
  });
  if (name === '') throw new PotError('A pot name is mandatory', { help: 'last-run-stats' });
  if (!isPot(ctx, name)) throw new PotError(`${name} is not a pot`);
  const path = ctx.state.lastRunStatsPath(name);
  const stats = readStateText(path, `pot ${name}`);
  if (stats === undefined) {
    ctx.out.print('{}\n');
    return 0;
  }
  const damage = lastRunStatsDamage(stats);
  if (damage !== undefined) throw new CorruptStateError(path, damage, `pot ${name}`);
  ctx.out.print(stats);
  return 0;
}
