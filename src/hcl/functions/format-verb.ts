import { BOOL, NUMBER, STRING } from './spec.js';
import { convert, ConversionError, type Type } from '../types.js';
import type { Value } from '../value.js';
import { CallFailure } from './errors.js';
import { encodeJson } from './json.js';
import { gLayout, goExponent, shortestDigits, shortestG } from './number-text.js';
import { goJsonQuote, graphemes } from './text.js';

/** One `%...` sequence of a format string, parsed the way cty's format scanner does. */
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
}

function unsupported(verb: Verb, why: string): never {
  throw new CallFailure(`unsupported value for ${JSON.stringify(verb.raw)} at ${verb.offset}: ${why}`);
}

function convertFor(verb: Verb, arg: Value, type: Type): Value {
  try {
    return convert(arg, type);
  } catch (e) {
    if (e instanceof ConversionError) unsupported(verb, e.message);
    throw e;
  }
}

/** Formats one argument for one verb. */
export function formatOne(verb: Verb, arg: Value): string {
  if (verb.mode !== 'v' && arg === null) unsupported(verb, 'null value cannot be formatted');
  switch (verb.mode) {
    case 'v':
      if (!verb.sharp && typeof arg === 'string') return padWidth(verb, arg);
      if (!verb.sharp && typeof arg === 'number') return padWidth(verb, shortestG(arg));
      return padWidth(verb, encodeJson(arg));
    case 't':
      return convertFor(verb, arg, BOOL) ? 'true' : 'false';
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
      return formatInteger(verb, convertFor(verb, arg, NUMBER) as number);
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G':
      return formatFloat(verb, convertFor(verb, arg, NUMBER) as number);
    case 's':
    case 'q': {
      let s = convertFor(verb, arg, STRING) as string;
      if (verb.prec > 0) s = graphemes(s).slice(0, verb.prec).join('');
      return padWidth(verb, verb.mode === 'q' ? goJsonQuote(s) : s);
    }
    default:
      throw new CallFailure(`unsupported format verb '${verb.mode}' in ${JSON.stringify(verb.raw)} at offset ${verb.offset}`);
  }
}

function padWidth(verb: Verb, text: string): string {
  const missing = verb.width - graphemes(text).length;
  if (verb.width < 0 || missing <= 0) return text;
  const pad = (verb.zero ? '0' : ' ').repeat(missing);
  return verb.minus ? text + pad : pad + text;
}

function signOf(verb: Verb, negative: boolean): string {
  if (negative) return '-';
  if (verb.plus) return '+';
  return verb.space ? ' ' : '';
}

const RADIX: Record<string, [number, string]> = { b: [2, '0b'], d: [10, ''], o: [8, '0'], x: [16, '0x'], X: [16, '0X'] };

function formatInteger(verb: Verb, n: number): string {
  if (!Number.isInteger(n)) unsupported(verb, 'an integer is required');
  const [radix, sharpPrefix] = RADIX[verb.mode]!;
  let digits = BigInt(Math.abs(n)).toString(radix);
  if (verb.mode === 'X') digits = digits.toUpperCase();
  const sign = signOf(verb, n < 0);
  const prefix = verb.sharp ? sharpPrefix : '';
  let zeros = 0;
  if (verb.prec >= 0) {
    if (digits.length < verb.prec) zeros = verb.prec - digits.length;
    else if (digits === '0' && verb.prec === 0) return '';
  }
  let left = 0;
  let right = 0;
  const length = sign.length + prefix.length + zeros + digits.length;
  if (verb.width > length) {
    const d = verb.width - length;
    if (verb.minus) right = d;
    else if (verb.zero && verb.prec < 0) zeros = d;
    else left = d;
  }
  return ' '.repeat(left) + sign + prefix + '0'.repeat(zeros) + digits + ' '.repeat(right);
}

function floatBody(mode: string, abs: number, prec: number): string {
  const upper = mode === 'E' || mode === 'G';
  if (!Number.isFinite(abs)) return 'Inf';
  if (mode === 'e' || mode === 'E') {
    const [mant, exp] = abs.toExponential(prec < 0 ? 6 : Math.min(prec, 100)).split('e') as [string, string];
    return mant + goExponent(Number(exp), upper);
  }
  if (mode === 'f') {
    const p = prec < 0 ? 6 : Math.min(prec, 100);
    if (abs < 1e21) return abs.toFixed(p);
    return BigInt(abs).toString() + (p > 0 ? '.' + '0'.repeat(p) : '');
  }
  if (prec < 0) {
    const { digits, point } = shortestDigits(abs);
    return digits === '' ? '0' : gLayout(digits, point, 6, upper);
  }
  const p = prec === 0 ? 1 : Math.min(prec, 100);
  const [mant, exp] = abs.toExponential(p - 1).split('e') as [string, string];
  const digits = mant.replace('.', '').replace(/0+$/, '');
  if (digits === '') return '0';
  const point = Number(exp) + 1;
  const eprec = p > digits.length && digits.length >= point ? digits.length : p;
  return gLayout(digits, point, eprec, upper);
}

function formatFloat(verb: Verb, n: number): string {
  const body = floatBody(verb.mode, Math.abs(n), verb.prec);
  const sign = n < 0 ? '-' : !Number.isFinite(n) ? (verb.space ? ' ' : '+') : signOf(verb, false);
  const padding = Math.max(0, verb.width - sign.length - body.length);
  if (verb.zero && Number.isFinite(n)) return sign + '0'.repeat(padding) + body;
  if (verb.minus) return sign + body + ' '.repeat(padding);
  return ' '.repeat(padding) + sign + body;
}
