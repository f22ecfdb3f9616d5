import { lstatSync, readFileSync } from 'node:fs';
import { PotError } from './messages.js';

/**
 * A state file the emulator wrote is there but unusable (cut off, overwritten, not text). The message names
 * the pot, the file and what is wrong, in pot's `###>` form; the file is left where it is, since it belongs to
 * the pot: `pot stop` rewrites a damaged status, `pot destroy -F` removes a damaged pot.
 */
export class CorruptStateError extends PotError {
  constructor(
    readonly path: string,
    readonly why: string,
    owner: string,
  ) {
    super(`${owner}: ${path} is corrupt (${why})`);
    this.name = 'CorruptStateError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A state file's text, or undefined when it does not exist. Throws CorruptStateError when it is not a plain
 * UTF-8 text file, and a PotError when it cannot be read at all.
 */
export function readStateText(path: string, owner: string): string | undefined {
  let bytes: Buffer;
  try {
    const info = lstatSync(path);
    if (!info.isFile()) throw new CorruptStateError(path, `it is ${info.isDirectory() ? 'a directory' : 'not a plain file'}`, owner);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof CorruptStateError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new PotError(`${owner}: ${path} cannot be read (${(error as Error).message})`);
  }
  if (bytes.includes(0)) throw new CorruptStateError(path, 'it holds NUL bytes', owner);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new CorruptStateError(path, 'it is not UTF-8 text', owner);
  }
}

/** Every line the emulator writes ends with a newline: text without one was cut off. */
export function cutOff(text: string): boolean {
  return text !== '' && !text.endsWith('\n');
}

/** pot.conf keys that every pot has (create writes them, clone keeps them). */
const POT_CONF_KEYS = ['pot.level', 'pot.type', 'network_type'];
const KEY_LINE = /^[A-Za-z0-9_.-]+=/;

/** What is wrong with a pot.conf's logical lines, if anything. */
export function potConfDamage(text: string, lines: readonly string[]): string | undefined {
  if (text === '') return 'the file is empty';
  if (cutOff(text)) return 'its last line is cut off';
  const bad = lines.findIndex((line) => line !== '' && !line.startsWith('#') && !KEY_LINE.test(line));
  if (bad >= 0) return `line ${physicalLine(lines, bad)} is not a key=value line`;
  const missing = POT_CONF_KEYS.find((key) => !lines.some((line) => line.startsWith(`${key}=`)));
  if (missing !== undefined) return `it has no ${missing}= line`;
  return undefined;
}

/** The 1-based line number in the file of a logical line (a pot.env value may span several). */
function physicalLine(lines: readonly string[], index: number): number {
  return lines.slice(0, index).reduce((n, line) => n + line.split('\n').length, 1);
}

const STATUS_LINE = /^pot\.status=([^,\n]*),[^\n]*\n$/;

/** `pot.status=<state>,<interfaces>\n` with a state pot knows; the state, or what is wrong. */
export function parseStatusText<T extends string>(text: string, states: readonly T[]): { status: T } | { damage: string } {
  if (text === '') return { damage: 'the file is empty' };
  if (cutOff(text)) return { damage: 'its last line is cut off' };
  const match = STATUS_LINE.exec(text);
  if (match === null) return { damage: 'it is not one pot.status=<state>, line' };
  const status = states.find((s) => s === match[1]);
  return status === undefined ? { damage: `"${match[1]}" is not a pot status` } : { status };
}

/** `{ "ExitCode": N }`, as `pot start` writes it; what is wrong with the text, if anything. */
export function lastRunStatsDamage(text: string): string | undefined {
  if (text.trim() === '') return 'the file is empty';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return cutOff(text) ? 'it is cut off' : 'it is not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not a JSON object';
  const code = (value as Record<string, unknown>).ExitCode;
  if (!Number.isInteger(code) || (code as number) < 0) return 'its ExitCode is not a whole number';
  return undefined;
}

/** One fscomp.conf line: `<source> <mount point> [ro|zfs-remount]`. */
export function fscompLineDamage(fields: readonly string[]): boolean {
  if (fields.length < 2 || fields.length > 3) return true;
  if (!fields[1]!.startsWith('/')) return true;
  return fields.length === 3 && fields[2] !== 'ro' && fields[2] !== 'zfs-remount';
}
