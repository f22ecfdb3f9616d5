import { createPotCommands, createPotRunner, spawnDetached, type PotCommands, type PotRunner, type SpawnDetachedOptions, type SpawnedPot } from '../pot/index.js';
import { spawnPiped, type PipedProcess } from './exec/piped.js';
import { spawnTerminal, type TerminalProcess } from './exec/terminal.js';
import type { TerminalSize } from './exec/terminal-protocol.js';
import { processAlive, signalProcessGroup } from './process-alive.js';

/**
 * Everything the core does to the host, behind one seam: short pot commands, the long-lived `pot start`, the
 * interactive `pot exec`, and looking at processes. Tests swap it for a scripted double.
 */
export interface PotBackend {
  readonly bin: string;
  readonly runner: PotRunner;
  readonly commands: PotCommands;
  /** `pot start`: its own session, output into the task's logs, outliving this process. */
  spawnDetached(args: string[], opts: SpawnDetachedOptions): Promise<SpawnedPot>;
  /** A pot command with pipes, for `nomad alloc exec`. */
  spawnPiped(args: readonly string[]): PipedProcess;
  /** A pot command on a pseudo-terminal, for `nomad alloc exec -t`. */
  spawnTerminal(args: readonly string[], size: TerminalSize): TerminalProcess;
  /** Whether the process lives (zombies do not). */
  processAlive(pid: number): boolean;
  signalGroup(pgid: number, signal: NodeJS.Signals): void;
}

/** Makes the backend for a configured pot binary. */
export type PotBackendFactory = (bin: string) => PotBackend;

export const createPotBackend: PotBackendFactory = (bin) => {
  const runner = createPotRunner(bin);
  return {
    bin,
    runner,
    commands: createPotCommands(runner),
    spawnDetached: (args, opts) => spawnDetached(bin, args, opts),
    spawnPiped: (args) => spawnPiped(bin, args),
    spawnTerminal: (args, size) => spawnTerminal(bin, args, { size }),
    processAlive,
    signalGroup: signalProcessGroup,
  };
};
