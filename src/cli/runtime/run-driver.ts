import { PotDriver } from '../../driver/driver.js';
import { SILENT_LOG, type DriverLog, type DriverLogFields } from '../../driver/log.js';

export interface RunDriverOptions {
  potBin: string;
  prepareTimeoutMs: number;
  commandTimeoutMs: number;
  log?: DriverLog;
}

/** The driver core, as the plugin uses it, with the run's pot binary and time limits. */
export function createRunDriver(opts: RunDriverOptions): PotDriver {
  return new PotDriver({
    defaults: { potBin: opts.potBin, prepareTimeoutMs: opts.prepareTimeoutMs, commandTimeoutMs: opts.commandTimeoutMs },
    log: opts.log ?? SILENT_LOG,
  });
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/** The driver's log as plain lines (`<time> [WARN] message key=value`), from `min` up. */
export function lineLog(stream: NodeJS.WritableStream, min: Level = 'info'): DriverLog {
  const at = (level: Level) => (message: string, fields?: DriverLogFields) => {
    if (LEVELS.indexOf(level) < LEVELS.indexOf(min)) return;
    const pairs = Object.entries(fields ?? {}).map(([k, v]) => `${k}=${typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v)}`);
    stream.write(`${new Date().toISOString()} [${level.toUpperCase()}] ${message}${pairs.length ? ` ${pairs.join(' ')}` : ''}\n`);
  };
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
