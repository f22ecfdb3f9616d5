import { Context } from './context.js';
import { hasHelp, helpText, usageText } from './help.js';
import { Messages, PotError, PotExit, type Output } from './messages.js';
import { EmulatorState } from './state.js';

/** One pot call: its environment, working directory and where its output goes. */
export interface PotCall {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly output: Output;
}

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

/** A subcommand's own name for the name given, which may be one of pot's aliases. */
function canonical(given: string): string {
  return ALIASES[given] ?? given;
}

/** The subcommand an argument list names; undefined when it names none. */
export function subcommand(argv: readonly string[]): string | undefined {
  return argv[0] === undefined ? undefined : canonical(argv[0]);
}

/**
 * One pot call, in whatever process runs it: pot 0.16.0's command line, messages (on stdout, `###>  `/`===>  `
 * prefixes), exit codes and state layout. Everything it prints goes to `call.output`; returns the exit code.
 */
export async function runPotCall(argv: readonly string[], call: PotCall): Promise<number> {
  const [given, ...args] = argv;
  const out = new Messages(call.output);
  if (given === undefined) {
    out.print(usageText());
    return 1;
  }
  const command = canonical(given);
  if (command === 'help') return help(out, args[0]);
  const load = COMMANDS[command];
  if (load === undefined) {
    if (!UNSUPPORTED.has(command)) {
      out.print(usageText());
      return 1;
    }
    out.error(`${command} is not supported by the pot emulator`);
    return 1;
  }
  let state: EmulatorState;
  try {
    state = command === 'version' ? EmulatorState.at(call.env) : EmulatorState.open(call.env);
  } catch (error) {
    out.printError(`###>  ${EmulatorState.at(call.env).root} cannot be used: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    const run = await load();
    return await run({ state, out, cwd: call.cwd }, args);
  } catch (error) {
    if (error instanceof PotExit) return error.exitCode;
    if (error instanceof PotError) {
      for (const line of error.lines) out.error(line);
      if (error.help !== undefined) out.print(helpText(error.help));
      return error.exitCode;
    }
    out.printError(`pot-emulator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

/** `pot help` prints the usage, `pot help CMD` that command's help; both exit 0. */
function help(out: Messages, topic: string | undefined): number {
  if (topic === undefined) {
    out.print(usageText());
    return 0;
  }
  const command = canonical(topic);
  if (hasHelp(command)) {
    out.print(helpText(command));
    return 0;
  }
  out.error(`Fatal error! ${command} implementation not found!`);
  return 1;
}
