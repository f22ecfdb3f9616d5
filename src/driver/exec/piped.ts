import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** An interactive pot command whose stdin, stdout and stderr are pipes to this process. */
export interface PipedProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Settles once the process has ended and its output is drained; a failure to start is reported here too. */
  readonly closed: Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; error?: Error }>;
  /** Signals the command's whole process group (pot forks helpers). */
  kill(signal: NodeJS.Signals): void;
}

/** Runs `bin args...` without a shell, in its own process group. */
export function spawnPiped(bin: string, args: readonly string[]): PipedProcess {
  const child = spawn(bin, [...args], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const closed = new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once('error', (error) => resolve({ exitCode: null, signal: null, error }));
    child.once('close', (exitCode, signal) => resolve({ exitCode, signal }));
  });
  // Writing to a command that already exited raises EPIPE on the pipe; the exit status tells the story.
  child.stdin.on('error', () => undefined);
  return {
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    closed,
    kill(signal) {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        child.kill(signal);
      }
    },
  };
}
