import { Context } from './context.js';
import { hasHelp, helpText, usageText } from './help.js';
import { Messages, PotError, PotExit, writeStderr, writeStdout } from './messages.js';
import { EmulatorState } from './state.js';

type Command = (ctx: Context, args: readonly string[]) => Promise<number>;

/** Each subcommand's module is loaded only when it runs: the emulator is started once per pot call. */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  prepare: async () => (await import('./commands/prepare.js')).runPrepare,
  start: async () => (await import('./commands/start.js')).runStart,
  stop: async () => (await import('./commands/stop.js')).runStop,
  destroy: async () => (await import('./commands/destroy.js')).runDestroy,
  'set-attribute': async () => (await import('./commands/set-attribute.js')).runSetAttribute,
  'get-attribute': async () => (await import('./commands/get-attribute.js')).runGetAttribute,
  'copy-in': async () => (await import('./commands/copy-in.js')).runCopyIn,
  'mount-in': async () => (await import('./commands/mount-in.js')).runMountIn,
  'set-env': async () => (await import('./commands/set-env.js')).runSetEnv,
  'set-hosts': async () => (await import('./commands/set-hosts.js')).runSetHosts,
  'set-rss': async () => (await import('./commands/set-rss.js')).runSetRss,
  'get-rss': async () => (await import('./commands/get-rss.js')).runGetRss,
  'last-run-stats': async () => (await import('./commands/last-run-stats.js')).runLastRunStats,
  signal: async () => (await import('./commands/signal.js')).runSignal,
  exec: async () => (await import('./commands/exec.js')).runExec,
  info: async () => (await import('./commands/info.js')).runInfo,
  list: async () => (await import('./commands/list.js')).runList,
  version: async () => (await import('./commands/version.js')).runVersion,
};

const ALIASES: Readonly<Record<string, string>> = {
  ls: 'list',
  'set-attr': 'set-attribute',
  'get-attr': 'get-attribute',
  snap: 'snapshot',
  rollback: 'revert',
};

/** pot subcommands that need ZFS, jails or networking the emulator does not have. */
const UNSUPPORTED = new Set([
  'config', 'show', 'top', 'ps', 'init', 'de-init', 'vnet-start', 'create-base', 'create-fscomp',
  'create-private-bridge', 'create', 'clone', 'clone-fscomp', 'rename', 'prune', 'add-dep', 'set-cmd',
  'set-hook', 'export-ports', 'term', 'run', 'snapshot', 'revert', 'purge-snapshots', 'export', 'import',
  'update-config',
]);

/**
 * A stand-in for `/usr/local/bin/pot` on hosts without FreeBSD jails: pot 0.16.0's command line, messages
 * (on stdout, `###>  `/`===>  ` prefixes), exit codes and state layout, with the pot's command run as a
 * real process group. Returns the exit code.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [given, ...args] = argv;
  if (given === undefined) {
    writeStdout(usageText());
    return 1;
  }
  const command = ALIASES[given] ?? given;
  if (command === 'help') return help(args[0]);
  const load = COMMANDS[command];
  const out = new Messages();
  if (load === undefined) {
    if (!UNSUPPORTED.has(command)) {
      writeStdout(usageText());
      return 1;
    }
    out.error(`${command} is not supported by the pot emulator`);
    return 1;
  }
  let state: EmulatorState;
  try {
    state = command === 'version' ? EmulatorState.at(process.env) : EmulatorState.open(process.env);
  } catch (error) {
    writeStderr(`###>  ${EmulatorState.at(process.env).root} cannot be used: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    const run = await load();
    return await run({ state, out }, args);
  } catch (error) {
    if (error instanceof PotExit) return error.exitCode;
    if (error instanceof PotError) {
      for (const line of error.lines) out.error(line);
      if (error.help !== undefined) out.print(helpText(error.help));
      return error.exitCode;
    }
    writeStderr(`pot-emulator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

/** `pot help` prints the usage, `pot help CMD` that command's help; both exit 0. */
function help(topic: string | undefined): number {
  if (topic === undefined) {
    writeStdout(usageText());
    return 0;
  }
  const command = ALIASES[topic] ?? topic;
  if (hasHelp(command)) {
    writeStdout(helpText(command));
    return 0;
  }
  new Messages().error(`Fatal error! ${command} implementation not found!`);
  return 1;
}
