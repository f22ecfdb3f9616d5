import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { parseAbsolutePath } from '../../options.js';

/** `--data-dir` and `--config`, which every command over the run records takes, as `run` does. */
export function withRecordsOptions(cmd: Command): Command {
  return cmd
    .option('--data-dir <dir>', 'where alloc dirs and run records live (default $XDG_DATA_HOME/pot-nomad or ~/.local/share/pot-nomad)', parseAbsolutePath('--data-dir'))
    .option('--config <file>', 'settings file (default ./pot-nomad.toml, then ~/.config/pot-nomad/pot-nomad.toml)');
}

export function parseLineCount(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`-n/--lines expects a number of lines such as 20; got "${raw}"`);
  return Number(raw);
}
