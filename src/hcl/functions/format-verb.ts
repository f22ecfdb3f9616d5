import { convert, ConversionError } from '../cty/convert.js';
import { formatBigFloat } from '../cty/decimal.js';
import { BOOL, NUMBER, STRING, type Type } from '../cty/type.js';
import type { Val } from '../cty/value.js';
import { CallFailure } from './errors.js';
import { encodeJson, goJsonString, JsonError } from './json.js';
import { graphemes } from './text.js';

/** One `%...` verb of a format string, as cty's format scanner reads it. */
export interface Verb {
  raw: string;
  /** byte offset of the `%` */
  offset: number;
  argNum: number;
  mode: string;
  zero: boolean;
  sharp: boolean;
  plus: boolean;
  minus: boolean;
  space: boolean;
  /** -1 when absent */
  width: number;
  /** -1 when absent */
  prec: number;
  /** the verb as Go's fmt sees it: the `[n]` argument index removed */
  fmt: string;
}

function unsupported(verb: Verb, why: string): never {
  throw new CallFailure(`unsupported value for ${JSON.stringify(verb.raw)} at ${verb.offset}: ${why}`);
}

function convertFor(verb: Verb, arg: Val, type: Type): Val {
  try {
    return convert(arg, type);
  } catch (e) {
    if (e instanceof ConversionError) unsupported(verb, e.message);
    throw e;
  }
}

/** Formats one argument for one verb (cty's formatAppend). */
export function formatOne(verb: Verb, arg: Val): string {
  if (verb.mode !== 'v' && arg.isNull) unsupported(verb, 'null value cannot be formatted');
  switch (verb.mode) {
    case 'v':
      if (!verb.sharp && !arg.isNull && arg.type.kind === 'string') return padWidth(verb, arg.str);
      if (!verb.sharp && !arg.isNull && arg.type.kind === 'number') return padWidth(verb, formatBigFloat(arg.num, 'g', -1));
      try {
        return padWidth(verb, encodeJson(arg));
      } catch (e) {
        if (e instanceof JsonError) unsupported(verb, e.message);
        throw e;
      }
    case 't':
      return convertFor(verb, arg, BOOL).bool ? 'true' : 'false';
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X': {
      const n = convertFor(verb, arg, NUMBER).num;
      if (!n.isInt()) unsupported(verb, 'an integer is required');
      return formatInteger(verb, n.toBigInt()!);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G':
      return formatFloat(verb, convertFor(verb, arg, NUMBER).num);
    case 's':
    case 'q': {
      let s = convertFor(verb, arg, STRING).str;
      if (verb.prec > 0) s = graphemes(s).slice(0, verb.prec).join('');
      return padWidth(verb, verb.mode === 'q' ? goJsonString(s) : s);
    }
    default:
      throw new CallFailure(`unsupported format verb '${verb.mode}' in ${JSON.stringify(verb.raw)} at offset ${verb.offset}`);
  }
}

/** cty pads %v, %s, %q and %t itself, counting grapheme clusters, with zeros for the `0` flag. */
function padWidth(verb: Verb, text: string): string {
  if (verb.width < 0) return text;
  const missing = verb.width - graphemes(text).length;
  if (missing <= 0) return text;
  const pad = (verb.zero ? '0' : ' ').repeat(missing);
  return verb.minus ? text + pad : pad + text;
}

interface FmtState {
  plus: boolean;
  space: boolean;
  sharp: boolean;
  minus: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

/**
 * How Go's fmt reads the verb before calling a Formatter: `-` turns `0` off, and a width or precision of
 * more than a million (checked digit by digit) makes the verb unreadable (`%!(NOVERB)`).
 */
function fmtState(verb: Verb): FmtState | undefined {
  const s: FmtState = { plus: false, space: false, sharp: false, minus: false, zero: false };
  let i = 1;
  const f = verb.fmt;
  for (; i < f.length; i++) {
    const c = f[i];
    if (c === '+') s.plus = true;
    else if (c === ' ') s.space = true;
    else if (c === '#') s.sharp = true;
    else if (c === '-') {
      s.minus = true;
      s.zero = false;
    } else if (c === '0') s.zero = !s.minus;
    else break;
  }
  const number = (): number | undefined | null => {
    let n = 0;
    let any = false;
    while (i < f.length && f[i]! >= '0' && f[i]! <= '9') {
      if (n > 1e6) return null;
      n = n * 10 + Number(f[i]);
      any = true;
      i++;
    }
    return any ? n : undefined;
  };
  const width = number();
  if (width === null) return undefined;
  if (width !== undefined) s.width = width;
  if (f[i] === '.') {
    i++;
    const prec = number();
    if (prec === null) return undefined;
    s.prec = prec ?? 0;
  }
  return s;
}

function repeat(s: string, n: number): string {
  return n > 0 ? s.repeat(n) : '';
}

/** big.Int's Format. */
function formatInteger(verb: Verb, n: bigint): string {
  const s = fmtState(verb);
  if (!s) return '%!(NOVERB)';
  const base = { b: 2, o: 8, d: 10, x: 16, X: 16 }[verb.mode]!;
  const sign = n < 0n ? '-' : s.plus ? '+' : s.space ? ' ' : '';
  const prefix = s.sharp ? ({ b: '0b', o: '0', x: '0x', X: '0X' } as Record<string, string>)[verb.mode] ?? '' : '';
  let digits = (n < 0n ? -n : n).toString(base);
  if (verb.mode === 'X') digits = digits.toUpperCase();
  let zeros = 0;
  if (s.prec !== undefined) {
    if (digits.length < s.prec) zeros = s.prec - digits.length;
    else if (digits === '0' && s.prec === 0) return '';
  }
  let left = 0;
  let right = 0;
  const length = sign.length + prefix.length + zeros + digits.length;
  if (s.width !== undefined && length < s.width) {
    const d = s.width - length;
    if (s.minus) right = d;
    else if (s.zero && s.prec === undefined) zeros = d;
    else left = d;
  }
  return repeat(' ', left) + sign + prefix + repeat('0', zeros) + digits + repeat(' ', right);
}

/** big.Float's Format. */
function formatFloat(verb: Verb, n: import('../cty/bigfloat.js').BigFloat): string {
  const s = fmtState(verb);
  if (!s) return '%!(NOVERB)';
  const mode = verb.mode as 'e' | 'E' | 'f' | 'g' | 'G';
  const prec = s.prec ?? (mode === 'g' || mode === 'G' ? -1 : 6);
  let buf = formatBigFloat(n, mode, prec);
  let sign = '';
  if (buf[0] === '-') {
    sign = '-';
    buf = buf.slice(1);
  } else if (buf[0] === '+') {
    sign = s.space ? ' ' : '+';
    buf = buf.slice(1);
  } else if (s.plus) sign = '+';
  else if (s.space) sign = ' ';
  const padding = s.width !== undefined && s.width > sign.length + buf.length ? s.width - sign.length - buf.length : 0;
  if (s.zero && !n.isInf) return sign + repeat('0', padding) + buf;
  if (s.minus) return sign + buf + repeat(' ', padding);
  return repeat(' ', padding) + sign + buf;
}
