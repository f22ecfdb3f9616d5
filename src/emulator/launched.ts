import { ChildProcess } from 'node:child_process';
import { PotTree } from './process-tree.js';

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A pot's command once it runs: the process `pot start` waits for, and what the pot's processes are. */
export interface Launched {
  readonly child: ChildProcess;
  readonly exited: Promise<ChildExit>;
  readonly tree: PotTree;
  /** the command's pid, for `pot_main_pid_NAME`; undefined when it ended before it could be seen */
  readonly main: number | undefined;
}

export function exitOf(child: ChildProcess): Promise<ChildExit> {
  return new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
}
