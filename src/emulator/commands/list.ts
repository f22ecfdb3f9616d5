import { Context } from '../context.js';
import { PotError } from '../messages.js';
import { readMounts, type MountEntry } from '../mounts.js';
import { parseOptions } from '../options.js';
import { CorruptStateError } from '../state-damage.js';
import { inspectPot } from '../status.js';

type ListObject = 'pots' | 'bases' | 'fscomp' | 'flavour' | 'bridges' | 'all';

const OPTION_OBJECTS: Readonly<Record<string, ListObject>> = { p: 'pots', b: 'bases', f: 'fscomp', F: 'flavour', B: 'bridges', a: 'all' };

/** `pot list` / `pot ls [-q]`: every pot under jails/ (names only with -q). */
export async function runList(ctx: Context, args: readonly string[]): Promise<number> {
  let object: ListObject | undefined;
  let quiet = false;
  parseOptions(ctx, 'list', args, 'hvbfFapqB', (option) => {
    if (option === 'q') quiet = true;
    const chosen = OPTION_OBJECTS[option];
    if (chosen === undefined) return;
    if (object !== undefined) throw new PotError('Options -b -p -f -F -B -a are mutually exclusive', { help: 'list' });
    object = chosen;
  });
  if (object === 'all' && quiet) throw new PotError('Options -a and -q are incompatible', { help: 'list' });
  switch (object ?? 'pots') {
    case 'pots':
      listPots(ctx, quiet);
      break;
    case 'bridges':
      listBridges(ctx, quiet);
      break;
    case 'all':
      // no bases, fs components or flavours exist without ZFS
      listPots(ctx, false);
      listBridges(ctx, false);
      break;
    default:
      break;
  }
  return 0;
}

function listPots(ctx: Context, quiet: boolean): void {
  const pots = ctx.state.listPots();
  if (pots.length === 0) {
    if (!quiet) ctx.out.print('No pot created yet...\n');
    return;
  }
  for (const pot of pots) ctx.out.print(quiet ? `${pot}\n` : describe(ctx, pot));
}

function listBridges(ctx: Context, quiet: boolean): void {
  for (const bridge of ctx.state.listBridges()) ctx.out.print(quiet ? `${bridge}\n` : `bridge: ${bridge}\n`);
}

/**
 * One pot's block. A damaged state file of the pot is reported on its own `###>` line before the block, and
 * the listing goes on with the other pots.
 */
function describe(ctx: Context, pot: string): string {
  let conf;
  try {
    conf = ctx.state.readPotConf(pot);
  } catch (error) {
    // A pot being created has no pot.conf yet: that is not worth an error.
    if (error instanceof CorruptStateError) ctx.out.error(error.message);
    return `pot name : ${pot}\n\n`;
  }
  const view = inspectPot(ctx.state, pot);
  if (view.damage !== undefined) ctx.out.error(view.damage);
  const network = conf.value('network_type');
  const lines = [`pot name : ${pot}`, `\tnetwork : ${network}`];
  if (network !== 'inherit') lines.push(`\tip : ${conf.raw('ip')}`);
  lines.push(`\tactive : ${view.running ? 'true' : 'false'}`);
  if (ctx.out.verbose()) {
    const level = conf.value('pot.level');
    lines.push(`\tbase : ${conf.value('pot.base')}`, `\tlevel : ${level}`);
    if (level === '2') lines.push(`\tbase pot : ${conf.value('pot.potbase')}`);
    lines.push('\tdatasets:');
    for (const entry of mountsOf(ctx, pot)) lines.push(`\t\t${entry.mountPoint} => ${entry.source}`);
    lines.push('\tsnapshot:', '\t\tno snapshots');
  }
  lines.push('');
  return lines.map((line) => `${line}\n`).join('');
}

function mountsOf(ctx: Context, pot: string): MountEntry[] {
  try {
    return readMounts(ctx.state, pot);
  } catch (error) {
    if (!(error instanceof CorruptStateError)) throw error;
    ctx.out.error(error.message);
    return [];
  }
}
