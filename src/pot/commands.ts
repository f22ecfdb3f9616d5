import { potArgv } from './argv.js';
import { PotCommandError } from './errors.js';
import { potErrorLines } from './output.js';
import { parseInfo, type PotInfo } from './parse/info.js';
import { parseLastRunStats, type LastRunStats } from './parse/last-run-stats.js';
import { parseList } from './parse/list.js';
import { parseRss, type PotRss } from './parse/rss.js';
import { parseVersion, type PotVersion } from './parse/version.js';
import type { PotRunner, RunOptions } from './runner.js';

/** Typed pot calls the driver needs. Every method rejects with the runner's errors or PotOutputError. */
export interface PotCommands {
  /** Whether `pot ls -q` lists exactly this name. */
  potExists(name: string, opts?: RunOptions): Promise<boolean>;
  /** The names `pot ls -q` lists, in pot's order. */
  list(opts?: RunOptions): Promise<string[]>;
  /** Whether the jail runs; a pot that does not exist is not running. */
  isRunning(name: string, opts?: RunOptions): Promise<boolean>;
  lastRunExitCode(name: string, opts?: RunOptions): Promise<LastRunStats>;
  getRss(name: string, opts?: RunOptions): Promise<PotRss>;
  /** `signal` as pot accepts it: `SIGHUP` or `HUP`. */
  signal(name: string, signal: string, opts?: RunOptions): Promise<void>;
  /** Stops the jail; the pot stays. */
  stop(name: string, opts?: RunOptions): Promise<void>;
  /** Destroys the pot; one that is already gone counts as success and reports `alreadyGone`. */
  destroy(name: string, options: { force: boolean }, opts?: RunOptions): Promise<{ alreadyGone: boolean }>;
  info(name: string, opts?: RunOptions & { verbose?: boolean }): Promise<PotInfo>;
  version(opts?: RunOptions): Promise<PotVersion>;
}

export function createPotCommands(runner: PotRunner): PotCommands {
  const list = async (opts?: RunOptions): Promise<string[]> => {
    const { stdout } = await runner.check(potArgv.listQuiet(), opts);
    return parseList(stdout).map((entry) => entry.name);
  };
  const potExists = async (name: string, opts?: RunOptions): Promise<boolean> => (await list(opts)).includes(name);

  return {
    potExists,
    list,

    async isRunning(name, opts) {
      const result = await runner.run(potArgv.isRunning(name), opts);
      if (result.exitCode === 0) return true;
      // Exit 1 also means "not a pot" (said on stdout); errors about pot itself, such as a missing
      // POT_FS_ROOT, come on stderr and must not pass for "not running".
      if (result.exitCode === 1 && potErrorLines(result.stderr).length === 0) return false;
      throw new PotCommandError(result.argv, result.exitCode, result.stdout, result.stderr);
    },

    async lastRunExitCode(name, opts) {
      const { stdout } = await runner.check(potArgv.lastRunStats(name), opts);
      return parseLastRunStats(stdout);
    },

    async getRss(name, opts) {
      const { stdout } = await runner.check(potArgv.getRss(name), opts);
      return parseRss(stdout);
    },

    async signal(name, signal, opts) {
      await runner.check(potArgv.signal(name, signal), opts);
    },

    async stop(name, opts) {
      await runner.check(potArgv.stop(name), opts);
    },

    async destroy(name, { force }, opts) {
      const result = await runner.run(potArgv.destroy(name, force), opts);
      if (result.exitCode === 0) return { alreadyGone: false };
      const lines = [...potErrorLines(result.stdout), ...potErrorLines(result.stderr)];
      if (lines.includes(`Pot ${name} not found`)) return { alreadyGone: true };
      // Other pot versions may word it differently: believe the list before reporting a failure.
      const error = new PotCommandError(result.argv, result.exitCode, result.stdout, result.stderr);
      const exists = await potExists(name, opts).catch(() => true);
      if (!exists) return { alreadyGone: true };
      throw error;
    },

    async info(name, opts = {}) {
      const { verbose = false, ...runOpts } = opts;
      const { stdout } = await runner.check(potArgv.info(name, verbose), runOpts);
      return parseInfo(stdout);
    },

    async version(opts) {
      const { stdout } = await runner.check(potArgv.version(), opts);
      return parseVersion(stdout);
    },
  };
}
