/**
 * An hclog-compatible JSON logger. The Nomad agent reads the plugin's stderr line by line and parses JSON
 * lines as hclog entries; it type-asserts `@level`, `@message` and `@timestamp` to strings (a non-string
 * panics the agent) and drops the line's timestamp unless it has exactly six fractional digits.
 */

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;
export type LogSink = (line: string) => void;

export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose `@module` is `<this module>.<name>`. */
  child(name: string): Logger;
}

export interface LoggerOptions {
  module?: string;
  sink?: LogSink;
  clock?: () => Date;
}

// The agent splits lines over 64 KiB and logs the pieces raw; stay well below.
const MAX_VALUE_CHARS = 8 * 1024;
const MAX_LINE_CHARS = 60 * 1024;

/** Go's `2006-01-02T15:04:05.000000Z07:00`, in UTC. JS clocks have millisecond resolution. */
export function goTimestamp(date: Date): string {
  const iso = date.toISOString(); // 2026-01-02T03:04:05.123Z
  return `${iso.slice(0, -1)}000Z`;
}

export function formatLogLine(level: LogLevel, module: string, message: string, fields: LogFields, date: Date): string {
  const head = {
    '@level': level,
    '@message': clip(String(message)),
    '@module': module,
    '@timestamp': goTimestamp(date),
  };
  const entry: Record<string, unknown> = { ...head };
  for (const [key, value] of Object.entries(fields)) {
    // `@`-keys belong to hclog; letting a caller's field replace one could put a non-string there.
    if (key.startsWith('@')) continue;
    entry[key] = fieldValue(value);
  }
  const line = tryStringify(entry);
  if (line !== undefined && line.length <= MAX_LINE_CHARS) return line;
  return JSON.stringify({ ...head, fields_dropped: line === undefined ? 'not serialisable' : 'too long' });
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const sink = options.sink ?? stderrSink();
  const clock = options.clock ?? (() => new Date());
  return makeLogger(options.module ?? 'pot', sink, clock);
}

/**
 * Writes to stderr through the `write` in place when the sink is made, so that later guards which reroute
 * `process.stderr.write` into the logger do not loop back into it. Never throws.
 */
export function stderrSink(write: (text: string) => unknown = process.stderr.write.bind(process.stderr)): LogSink {
  return (line) => {
    try {
      write(`${line}\n`);
    } catch {
      // A closed stderr (agent gone) must not take the plugin down with it.
    }
  };
}

function makeLogger(module: string, sink: LogSink, clock: () => Date): Logger {
  const log = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    try {
      sink(formatLogLine(level, module, message, fields, clock()));
    } catch {
      // Logging is best effort by design.
    }
  };
  return {
    log,
    trace: (m, f) => log('trace', m, f),
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (name) => makeLogger(`${module}.${name}`, sink, clock),
  };
}

function fieldValue(value: unknown): unknown {
  if (value instanceof Error) return clip(value.message);
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'bigint') return value.toString();
  if (value === undefined) return null;
  if (typeof value === 'function' || typeof value === 'symbol') return String(value);
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  return value;
}

function clip(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

function tryStringify(entry: Record<string, unknown>): string | undefined {
  try {
    return JSON.stringify(entry, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  } catch {
    return undefined;
  }
}
