/**
 * Process-level safety for plugin mode. The Nomad agent reads exactly one line from our stdout and parses
 * stderr as hclog lines; it may also vanish and leave both pipes broken. So: stdout is taken over for the
 * handshake and stray output is logged instead, stray stderr text is wrapped into log lines, broken pipes
 * are ignored, SIGINT (a Ctrl-C on the agent's terminal reaches us too) is ignored, and failures that
 * would crash the process are logged where the server can go on.
 */
import { format } from 'node:util';
import type { Logger } from './log.js';

type Write = (text: string) => boolean;

/**
 * Reroutes later writes to `process.stdout` and `process.stderr` (and so `console.*`) into the logger.
 * Returns the real stdout writer, for the handshake line only. Call after the logger's sink is made.
 */
export function captureStdio(log: Logger): Write {
  const rawStdout = process.stdout.write.bind(process.stdout) as Write;
  process.stdout.write = reroute(log, 'info', 'stray output on stdout') as typeof process.stdout.write;
  process.stderr.write = reroute(log, 'warn', 'stray output on stderr') as typeof process.stderr.write;
  return (text) => {
    try {
      return rawStdout(text);
    } catch {
      return false;
    }
  };
}

function reroute(log: Logger, level: 'info' | 'warn', message: string): (...args: unknown[]) => boolean {
  return (chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : format(chunk);
    for (const line of text.split('\n')) if (line.trim() !== '') log.log(level, message, { output: line });
    const callback = rest.find((arg): arg is () => void => typeof arg === 'function');
    if (callback) process.nextTick(callback);
    return true;
  };
}

/** Without a listener, EPIPE on a pipe whose reader died is an 'error' event that kills the process. */
export function ignoreBrokenPipes(): void {
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
}

export function handleSignals(log: Logger, onTerminate: (signal: NodeJS.Signals) => void): void {
  process.on('SIGINT', () => log.debug('ignoring SIGINT; the Nomad agent stops plugins itself'));
  process.on('SIGTERM', () => onTerminate('SIGTERM'));
}

/**
 * Logs uncaught exceptions and unhandled rejections as error lines. Before the handshake nothing depends on
 * the process yet, so `fatal()` says whether to exit instead.
 */
export function logUncaught(log: Logger, fatal: () => boolean): void {
  process.on('uncaughtException', (err) => {
    log.error('uncaught exception', { error: err, stack: err instanceof Error ? (err.stack ?? '') : '' });
    if (fatal()) process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    log.error('unhandled promise rejection', { error: reason instanceof Error ? reason : String(reason) });
    if (fatal()) process.exit(1);
  });
}

/** Resolves once stderr has handed its queued lines to the OS (where pipes are asynchronous), or after `timeoutMs`. */
export function stderrFlushed(timeoutMs = 500): Promise<void> {
  return new Promise((resolve) => {
    if (process.stderr.writableLength === 0 || process.stderr.destroyed) return resolve();
    const timer = setTimeout(resolve, timeoutMs);
    process.stderr.once('drain', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
