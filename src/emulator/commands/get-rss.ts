import { cpus } from 'node:os';
import { Context } from '../context.js';
import { PotError } from '../messages.js';
import { parseOptions } from '../options.js';
import { PotUsage, treeUsage } from '../process-tree.js';
import { inspectPot } from '../status.js';

const NO_USAGE: PotUsage = { rssBytes: 0, swapBytes: 0, virtualBytes: 0, cpuSeconds: 0, cpuPercent: 0 };

/**
 * pot's TotalTicks: `hw.clockrate * pcpu / 100` computed by bc with scale=3 (`0`, or e.g. `48.000`).
 * bc would print values below 1 without the leading zero; here it is kept so the JSON stays valid.
 */
function totalTicks(percent: number): string {
  const clockMHz = cpus()[0]?.speed ?? 0;
  const ticks = Math.trunc((clockMHz * percent * 1000) / 100) / 1000;
  return ticks === 0 ? '0' : ticks.toFixed(3);
}

/**
 * `pot get-rss -p POT [-J]`: the resource usage of a running pot's processes (rctl's memoryuse, swapuse,
 * vmemoryuse, cputime and pcpu on FreeBSD; /proc or ps here). pcpu is the processes' CPU share over their
 * lifetime, in percent of one core.
 */
export async function runGetRss(ctx: Context, args: readonly string[]): Promise<number> {
  let name = '';
  let json = false;
  parseOptions(ctx, 'get-rss', args, 'hvp:J', (option, value) => {
    if (option === 'p') name = value;
    else if (option === 'J') json = true;
  });
  if (name === '') throw new PotError('A pot name is mandatory', { help: 'get-rss' });
  // A usage report: the process table may be one another call looked at a moment ago.
  const view = inspectPot(ctx.state, name, 'reading');
  if (!view.running) throw new PotError(`The pot ${name} is not running`);
  const usage = view.tree === undefined ? NO_USAGE : treeUsage(view.tree);
  const percent = Math.round(usage.cpuPercent);
  const ticks = totalTicks(percent);
  if (json) {
    ctx.out.print(
      `{ "ResourceUsage": { "MemoryStats": { "RSS" : ${usage.rssBytes}, "Swap" : ${usage.swapBytes} }, ` +
        `"CpuStats": { "TotalTicks": ${ticks}, "Percent": ${percent} } } } \n`,
    );
    return 0;
  }
  ctx.out.print(
    [
      `Resource usage by the pot ${name}`,
      `\tcpu time (ticks spent) : ${Math.trunc(usage.cpuSeconds)}`,
      `\tcpu time (MHz)         : ${ticks}`,
      `\tpcpu (%)               : ${percent}`,
      `\tvirtual memory         : ${usage.virtualBytes}`,
      `\tphysical memory        : ${usage.rssBytes}`,
      `\tswap memory            : ${usage.swapBytes}`,
      '',
    ].join('\n'),
  );
  return 0;
}
