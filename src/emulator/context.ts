import { Messages } from './messages.js';
import { EmulatorState } from './state.js';

/** What every subcommand works with: the state directory and pot's message printer (one verbosity). */
export interface Context {
  readonly state: EmulatorState;
  readonly out: Messages;
  /** The directory relative host paths on the command line are taken from (the calling process's own for a pot call in it). */
  readonly cwd: string;
}
