import { Context } from '../context.js';
import { PotError, PotExit } from '../messages.js';
import { parseOptions } from '../options.js';
import { PotTree, processName, treeProcessIds } from '../process-tree.js';
import { FREEBSD_SIGNALS, hostSignal, potSignalName } from '../signals.js';
import { inspectPot, readPidFile } from '../status.js';

interface SignalRequest {
  name: string;
  signal: string;
  pid: string;
  pattern: string;
  force: boolean;
  dryRun: boolean;
}

/**
 * `pot signal -s SIG -p POT [-P pid | -m pattern] [-f] [-C]`: by default the signal goes to the pot's main
 * process (the pid in pot_main_pid_POT), as `pkill -SIG -j POT -F pidfile` does.
 */
export async function runSignal(ctx: Context, args: readonly string[]): Promise<number> {
  const request: SignalRequest = { name: '', signal: 'SIGINFO', pid: '', pattern: '', force: false, dryRun: false };
  parseOptions(ctx, 'signal', args, 'hvflCs:P:m:p:', (option, value) => {
    if (option === 'l') {
      ctx.out.print(`${FREEBSD_SIGNALS.join(' ')}\n`);
      throw new PotExit(0);
    }
    if (option === 'f') request.force = true;
    else if (option === 'C') request.dryRun = true;
    else if (option === 's') request.signal = value;
    else if (option === 'P') request.pid = value;
    else if (option === 'm') request.pattern = value;
    else if (option === 'p') request.name = value;
  });
  const { name, signal } = request;
  if (name === '') throw new PotError('A pot name is mandatory', { help: 'signal' });
  const bare = potSignalName(signal);
  if (bare === undefined) throw new PotError(`Invalid signal, valid signals: ${FREEBSD_SIGNALS.join(' ')}`);
  if (request.pid !== '' && request.pattern !== '') throw new PotError('Process ID and pattern match are mutually exclusive');
  if (request.pid !== '' && !/^\d+$/.test(request.pid)) throw new PotError('Invalid pid');
  const view = inspectPot(ctx.state, name);
  if (!view.running) {
    if (request.force) {
      ctx.out.info('The pot is not running');
      return 0;
    }
    throw new PotError('The pot is not running');
  }
  const targets = selectTargets(ctx, request, view.tree);
  if (targets === 'persistent') return 0;
  const delivered = request.dryRun ? dryRun(ctx, targets) : deliver(targets, bare);
  if (delivered) return 0;
  if (request.force) {
    ctx.out.info('Sending signal failed');
    return 0;
  }
  ctx.out.error('Sending signal failed');
  return 1;
}

/** The processes pkill would match inside the pot. */
function selectTargets(ctx: Context, request: SignalRequest, tree: PotTree | undefined): number[] | 'persistent' {
  const { out, state } = ctx;
  const { name, signal } = request;
  const members = tree === undefined ? [] : treeProcessIds(tree);
  if (request.pattern !== '') {
    out.info(`Sending ${signal} by pattern to pot ${name}`);
    let pattern: RegExp;
    try {
      pattern = new RegExp(request.pattern);
    } catch {
      return [];
    }
    return members.filter((pid) => pattern.test(processName(pid) ?? ''));
  }
  if (request.pid !== '') {
    out.info(`Sending ${signal} to pid ${request.pid} in pot ${name}`);
    return members.filter((pid) => pid === Number(request.pid));
  }
  out.info(`Sending ${signal} to main process of pot ${name}`);
  if (state.readPotConf(name).value('pot.attr.persistent') !== 'NO') {
    if (request.force) {
      out.info('Persistent pots have no main process');
      return 'persistent';
    }
    throw new PotError('Persistent pots have no main process');
  }
  const main = readPidFile(state.mainPidPath(name));
  return members.filter((pid) => pid === main);
}

function dryRun(ctx: Context, targets: readonly number[]): boolean {
  for (const pid of targets) ctx.out.print(`${pid}\n`);
  return targets.length > 0;
}

/** pkill succeeds when at least one process got the signal; INFO and EMT do not exist on Linux. */
function deliver(targets: readonly number[], bare: string): boolean {
  const signal = hostSignal(bare);
  if (signal === undefined) return false;
  let delivered = false;
  for (const pid of targets) {
    try {
      process.kill(pid, signal);
      delivered = true;
    } catch {
      // gone meanwhile
    }
  }
  return delivered;
}
