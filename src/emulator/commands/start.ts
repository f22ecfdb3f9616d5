import { spawn } from 'node:child_process';
import { writeFileAtomic } from '../atomic-file.js';
import { Context } from '../context.js';
import { potEnvironment } from '../environment.js';
import { isolationSetting } from '../jail/isolation.js';
import { removeJailRecord } from '../jail/record.js';
import { exitOf, Launched } from '../launched.js';
import { claimStop, haltPot, stopTimeoutSeconds } from '../lifecycle.js';
import { withLock } from '../lock.js';
import { PotError } from '../messages.js';
import { linkAllMounts } from '../mounts.js';
import { parseOptions } from '../options.js';
import { isPot } from '../pot-check.js';
import { signalTree, terminateTree } from '../process-tree.js';
import { signalExitStatus } from '../signals.js';
import { isDirectory, PotConf } from '../state.js';
import { inspectPot, readStatus, removeFile, writePidFile, writeStatus } from '../status.js';

export async function runStart(ctx: Context, args: readonly string[]): Promise<number> {
  let name = '';
  const operands = parseOptions(ctx, 'start', args, 'hvsSp:', (option, value) => {
    if (option === 'p') name = value;
  });
  if (name === '') name = operands[0] ?? '';
  if (name === '') throw new PotError('A pot name is mandatory', { help: 'start' });
  if (!isPot(ctx, name)) return 1;
  return startPot(ctx, name);
}

type Claim = 'claimed' | 'running' | 'starting' | 'busy';

/** `set-status -s starting` under the pot's lock (from no status, `stopped`, or a status nobody owns any more). */
async function claimStart(ctx: Context, name: string): Promise<Claim> {
  const { state } = ctx;
  return withLock(state.potLockPath(name), () => {
    const view = inspectPot(state, name);
    if (view.running) {
      if (view.status === 'started') return 'running';
      return view.status === 'starting' ? 'starting' : 'busy';
    }
    writeStatus(state, name, 'starting');
    writePidFile(state.startPidPath(name), process.pid);
    removeFile(state.mainPidPath(name));
    removeJailRecord(state, name);
    const conf = state.readPotConf(name);
    if (conf.value('pot.attr.prunable') === 'YES') {
      conf.set('pot.attr.to-be-pruned', 'YES');
      state.writePotConf(name, conf);
    }
    return 'claimed';
  });
}

/**
 * `pot start NAME` of a non-persistent pot: runs `pot.cmd` in the foreground and blocks until it ends.
 * 0 when the command exited 0 or the pot was stopped from outside, 125 when the command failed (its status is
 * in `last-run-stats`), 1 when the pot could not be started.
 */
export async function startPot(ctx: Context, name: string): Promise<number> {
  const { state, out } = ctx;
  const isolated = isolationSetting(process.env) === 'namespaces';
  const claim = await claimStart(ctx, name);
  if (claim === 'running') {
    out.debug(`pot ${name} is already running`);
    return 0;
  }
  if (claim === 'starting') {
    out.error(`pot ${name} is already starting`);
    return 1;
  }
  if (claim === 'busy') {
    out.error(`pot ${name} is not in a state where it can start`);
    return 1;
  }
  const conf = state.readPotConf(name);
  if (!isolated) linkAllMounts(state, name);
  out.info(`Starting the pot ${name}`);
  const launched = isolated ? await launchIsolated(ctx, name, conf) : await launch(conf.raw('pot.cmd') || 'sh /etc/rc', state.rootFs(name), potEnvironment(name, conf));
  if (launched instanceof Error) {
    out.error(`${name} failed to start`);
    await withLock(state.potLockPath(name), () => {
      removeFile(state.startPidPath(name));
      removeFile(state.mainPidPath(name));
      removeJailRecord(state, name);
      writeStatus(state, name, 'stopped');
    });
    return 1;
  }
  return supervise(ctx, name, launched);
}

/**
 * pot's start script ends with `exec <pot.cmd>`, run by the jail's sh, so the command line is re-parsed by a
 * shell (quotes group words, `$VAR` expands) and the command then replaces that shell, becoming the pot's
 * main process. This is the one place a shell is right. The command leads its own session and process group,
 * which stands for the jail; it sees only the pot's environment and starts in the pot's root. Like a command
 * pot runs in the background, its stdin is /dev/null; stdout and stderr are pot start's (the task's logs).
 */
function launch(command: string, root: string, env: Record<string, string>): Promise<Launched | Error> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', `exec ${command}`], { cwd: root, env, detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
    const exited = exitOf(child);
    child.once('spawn', () => resolve({ child, exited, tree: { group: child.pid as number }, main: child.pid }));
    child.once('error', (error) => resolve(error));
  });
}

/** An isolated pot's jail (see `jail/launch.ts`), loaded only when a pot is isolated. */
async function launchIsolated(ctx: Context, name: string, conf: PotConf): Promise<Launched | Error> {
  const { launchJail } = await import('../jail/launch.js');
  return launchJail(ctx, name, conf, potEnvironment(name, conf));
}

async function supervise(ctx: Context, name: string, { exited, tree, main }: Launched): Promise<number> {
  const { state, out } = ctx;
  if (main !== undefined) writePidFile(state.mainPidPath(name), main);

  let ownStop: Promise<void> | undefined;
  // SIGTERM/SIGINT/SIGHUP to `pot start` stop the pot as `pot stop` would; a second one kills at once.
  const onSignal = (): void => {
    if (ownStop !== undefined) {
      signalTree(tree, 'SIGKILL');
      return;
    }
    ownStop = (async () => {
      if ((await claimStop(ctx, name)) === 'ok') await haltPot(ctx, name, { waitForStart: false });
    })().catch(() => {
      // without the state (a lock that cannot be taken) the pot still must not outlive its start
      signalTree(tree, 'SIGKILL');
    });
  };
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
  for (const signal of signals) process.on(signal, onSignal);

  try {
    const stopRequested = await withLock(state.potLockPath(name), () => {
      const status = readStatus(state, name);
      if (status === 'starting') writeStatus(state, name, 'started');
      return status === 'stopping';
    });
    // A stop that arrived while the command was being launched found nothing to kill yet.
    if (stopRequested) void terminateTree(tree, stopTimeoutSeconds(ctx, name));

    const exit = await exited;
    const exitCode = exit.code ?? (exit.signal !== null ? signalExitStatus(exit.signal) : 0);
    writeLastRunStats(ctx, name, exitCode);
    const result = await finish(ctx, name, exitCode, ownStop !== undefined);
    if (ownStop !== undefined) await ownStop;
    if (result === 125) out.error(`${name} reported application error`);
    return result;
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}

/** After the command ended: clean up like `pot stop -s`, unless someone else is already stopping the pot. */
async function finish(ctx: Context, name: string, exitCode: number, stoppedBySignal: boolean): Promise<number> {
  if (stoppedBySignal) return 0;
  const claim = await claimStop(ctx, name);
  if (claim === 'already-stopping') return 0;
  if (claim === 'not-stoppable') {
    if (!isDirectory(ctx.state.potDir(name))) return 0;
    ctx.out.error(`pot ${name} is not in a state where it can be stopped`);
    return 1;
  }
  // The command is gone, but whatever it left running in the pot goes too.
  await haltPot(ctx, name, { waitForStart: false });
  return exitCode === 0 ? 0 : 125;
}

/** `conf/.last_run_stats`; a pot destroyed meanwhile has no conf directory to write into. */
function writeLastRunStats(ctx: Context, name: string, exitCode: number): void {
  try {
    writeFileAtomic(ctx.state.lastRunStatsPath(name), `{ "ExitCode": ${exitCode} }\n`, { flush: true });
  } catch {
    // the pot was destroyed from outside
  }
}
