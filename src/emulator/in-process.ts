import { runPotCall, subcommand } from './dispatch.js';
import { asOwnCall } from './lock.js';

/**
 * pot calls that can run inside the caller's process: they read no stdin, take over no signal, run no jail
 * process and end by themselves. `start` and `exec` run a jail's command in the foreground and stay processes, as
 * does anything the emulator does not implement.
 */
const IN_PROCESS = new Set([
  'prepare', 'stop', 'destroy', 'set-attribute', 'get-attribute', 'copy-in', 'mount-in', 'set-env', 'set-hosts',
  'set-rss', 'get-rss', 'last-run-stats', 'signal', 'info', 'list', 'version', 'help',
]);

export interface InProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Whether the pot call these arguments make can run in the caller's process (see `callInProcess`). */
export function runsInProcess(argv: readonly string[]): boolean {
  const command = subcommand(argv);
  return command !== undefined && IN_PROCESS.has(command);
}

/**
 * One pot call in this process, with what a `pot-emulator` process would print and exit with: each emulated pot
 * command started as a process costs a Node start-up, which is most of what starting a task takes. The call has
 * its own locks (two calls exclude each other as two processes would) and nothing of this process's but its pid,
 * which its lock files name so that a lock outlives nothing but this process.
 */
export async function callInProcess(argv: readonly string[], call: { env: NodeJS.ProcessEnv; cwd: string }): Promise<InProcessResult> {
  if (!runsInProcess(argv)) throw new Error(`pot ${argv[0] ?? ''} cannot run in this process`);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const output = { stdout: (text: string) => void stdout.push(text), stderr: (text: string) => void stderr.push(text) };
  const exitCode = await asOwnCall(() => runPotCall(argv, { ...call, output }));
  return { exitCode, stdout: stdout.join(''), stderr: stderr.join('') };
}
