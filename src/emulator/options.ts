import { Context } from './context.js';
import { Getopts } from './getopts.js';
import { helpText } from './help.js';
import { PotExit } from './messages.js';

/**
 * The `while getopts ...; case` loop every pot subcommand starts with: `-h` prints the help and exits 0,
 * `-v` raises the verbosity, a bad option prints the help after getopts' diagnostic and exits 1. Every
 * option (including `-v`) is passed to `handle` in command-line order, so validation errors raised there
 * come in the same order as pot's. Returns the operands after the options.
 */
export function parseOptions(
  ctx: Context,
  command: string,
  args: readonly string[],
  spec: string,
  handle: (name: string, value: string) => void,
): string[] {
  const getopts = new Getopts(args, spec, (text) => ctx.out.printError(text));
  for (let item = getopts.next(); item !== undefined; item = getopts.next()) {
    if (item.kind === 'bad') {
      ctx.out.print(helpText(command));
      throw new PotExit(1);
    }
    if (item.name === 'h') {
      ctx.out.print(helpText(command));
      throw new PotExit(0);
    }
    if (item.name === 'v') ctx.out.verbosity += 1;
    handle(item.name, item.value ?? '');
  }
  return getopts.operands();
}
