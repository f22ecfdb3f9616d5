export { potArgv } from './argv.js';
export { createPotCommands, type PotCommands } from './commands.js';
export { PotCommandError, PotError, PotNotFoundError, PotOutputError, PotTimeoutError } from './errors.js';
export { parseInfo, type PotInfo } from './parse/info.js';
export { parseLastRunStats, type LastRunStats } from './parse/last-run-stats.js';
export { parseList, type PotListEntry } from './parse/list.js';
export { parseRss, type PotRss } from './parse/rss.js';
export { compareVersions, parseVersion, type PotVersion } from './parse/version.js';
export {
  createPotRunner,
  DEFAULT_MAX_OUTPUT_BYTES,
  DEFAULT_TIMEOUT_MS,
  type PotRunner,
  type RunnerDefaults,
  type RunOptions,
  type RunResult,
} from './runner.js';
export { DEFAULT_FIFO_OPEN_TIMEOUT_MS, spawnDetached, type SpawnDetachedOptions, type SpawnedPot } from './spawn.js';
