import { fileURLToPath } from 'node:url';
import type { InProcessResult } from '../emulator/main.js';
import { cancelledError, PotError, PotTimeoutError } from './errors.js';
import { commandLabel } from './output.js';

/** This package's own pot emulator, as a driver runs it in place of /usr/local/bin/pot. */
export const EMULATOR_BIN = fileURLToPath(new URL('../../../bin/pot-emulator.js', import.meta.url));

export interface EmulatedCall {
  timeoutMs: number;
  env: Record<string, string>;
  cwd: string | undefined;
  signal: AbortSignal | undefined;
  maxOutputBytes: number;
}

/**
 * A short pot call to the built-in emulator, made in this process instead of a `pot-emulator` process: each of
 * those is a Node start-up, most of what a task start costs on the emulator. Undefined when the call needs a
 * process of its own (`start`, `exec`). The result is what the process would have printed and exited with; a
 * call past its time limit or cancelled rejects as the process's would, but runs on to its end, since nothing
 * in a process can be killed (every wait of the emulator's is bounded).
 */
export async function callEmulator(argv: readonly string[], call: EmulatedCall): Promise<InProcessResult | undefined> {
  const args = argv.slice(1);
  const emulator = await import('../emulator/main.js');
  if (!emulator.runsInProcess(args)) return undefined;
  if (call.signal?.aborted) throw cancelledError(argv, call.signal.reason);
  const running = emulator.callInProcess(args, { env: call.env, cwd: call.cwd ?? process.cwd() });
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const cutShort = new Promise<never>((_, reject) => {
    if (call.timeoutMs > 0) timer = setTimeout(() => reject(new PotTimeoutError(argv, call.timeoutMs, false)), call.timeoutMs);
    onAbort = () => reject(cancelledError(argv, call.signal?.reason));
    call.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const result = await Promise.race([running, cutShort]);
    for (const [stream, text] of [['stdout', result.stdout], ['stderr', result.stderr]] as const) {
      if (Buffer.byteLength(text) > call.maxOutputBytes) {
        throw new PotError(`${commandLabel(argv)} wrote more than ${call.maxOutputBytes} bytes to ${stream}`);
      }
    }
    return result;
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) call.signal?.removeEventListener('abort', onAbort);
  }
}
