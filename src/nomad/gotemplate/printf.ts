import { goExponent, gLayout, shortestDigits } from '../../hcl/functions/number-text.js';
import { formatValue, typeName, type Value } from './values.js';

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
  verb: string;
}

/**
 * Go's `fmt.Sprintf` for the verbs templates use: `%v %s %q %d %x %X %o %b %c %f %e %g %t %T %%`,
 * with flags, width and precision, and Go's `%!verb(type=value)` notes for missing, extra or
 * mismatched arguments.
 */
export function sprintf(format: string, args: readonly Value[]): string {
  let out = '';
  let argi = 0;
  const re = /%([-+# 0]*)(\d+)?(?:\.(\d*))?(.)?/y;
  for (let i = 0; i < format.length; ) {
    const pct = format.indexOf('%', i);
    if (pct === -1) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    re.lastIndex = pct;
    const m = re.exec(format)!;
    i = re.lastIndex;
    const flags = m[1] ?? '';
    const verb = m[4];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    const spec: Spec = {
      minus: flags.includes('-'),
      plus: flags.includes('+'),
      sharp: flags.includes('#'),
      space: flags.includes(' '),
      zero: flags.includes('0') && !flags.includes('-'),
      verb,
    };
    if (m[2] !== undefined) spec.width = Number(m[2]);
    if (m[3] !== undefined) spec.prec = m[3] === '' ? 0 : Number(m[3]);
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(args[argi++], spec);
  }
  if (argi < args.length) {
    out += `%!(EXTRA ${args
      .slice(argi)
      .map((a) => (a === null || a === undefined ? '<nil>' : `${typeName(a)}=${formatValue(a)}`))
      .join(', ')})`;
  }
  return out;
}

function formatArg(a: Value, spec: Spec): string {
  const v = spec.verb;
  if (v === 'T') return pad(typeName(a) === 'nil' ? '<nil>' : typeName(a), spec, false);
  if (v === 'v') return pad(spec.sharp && typeof a === 'string' ? goQuote(a) : formatValue(a === undefined ? null : a), spec, false);
  if (typeof a === 'string') {
    if (v === 's') return pad(spec.prec === undefined ? a : [...a].slice(0, spec.prec).join(''), spec, false);
    if (v === 'q') return pad(goQuote(a), spec, false);
    if (v === 'x' || v === 'X') return pad(hexBytes(a, v === 'X'), spec, false);
    return bad(a, v);
  }
  if (typeof a === 'boolean') return v === 't' ? pad(String(a), spec, false) : bad(a, v);
  if (typeof a === 'number') return formatNumberArg(a, spec);
  if (Array.isArray(a) && v === 's') return pad(`[${a.map((e) => (typeof e === 'string' ? e : bad(e, v))).join(' ')}]`, spec, false);
  return bad(a, v);
}

function formatNumberArg(n: number, spec: Spec): string {
  const v = spec.verb;
  const int = Number.isInteger(n);
  const sign = n < 0 || Object.is(n, -0) ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  const abs = Math.abs(n);
  const radix: Record<string, number> = { d: 10, x: 16, X: 16, o: 8, b: 2 };
  if (v in radix) {
    if (!int) return bad(n, v);
    let digits = BigInt(abs).toString(radix[v]);
    if (v === 'X') digits = digits.toUpperCase();
    if (spec.prec !== undefined) digits = digits.padStart(spec.prec, '0');
    if (spec.sharp) digits = ({ x: '0x', X: '0X', o: '0', b: '' }[v] ?? '') + digits;
    return pad(sign + digits, spec, true);
  }
  if (v === 'c') return int ? pad(String.fromCodePoint(abs), spec, false) : bad(n, v);
  if (v === 'q') return int ? pad(`'${String.fromCodePoint(abs)}'`, spec, false) : bad(n, v);
  const prec = spec.prec ?? 6;
  let body: string;
  if (v === 'f' || v === 'F') body = abs.toFixed(prec);
  else if (v === 'e' || v === 'E') {
    const [mant, exp] = abs.toExponential(prec).split('e') as [string, string];
    body = mant + goExponent(Number(exp), v === 'E');
  } else if (v === 'g' || v === 'G') {
    if (spec.prec === undefined) {
      const { digits, point } = shortestDigits(abs);
      body = digits === '' ? '0' : gLayout(digits, point, 6, v === 'G');
    } else {
      const p = Math.max(prec, 1);
      const [mant, exp] = abs.toExponential(p - 1).split('e') as [string, string];
      body = abs === 0 ? '0' : gLayout(mant.replace('.', '').replace(/0+$/, ''), Number(exp) + 1, p, v === 'G');
    }
  } else return bad(n, v);
  return pad(sign + body, spec, true);
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  const len = [...s].length;
  if (len >= width) return s;
  const fill = width - len;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero) {
    const signLen = numeric && /^[-+ ]/.test(s) ? 1 : 0;
    return s.slice(0, signLen) + '0'.repeat(fill) + s.slice(signLen);
  }
  return ' '.repeat(fill) + s;
}

function bad(a: Value, verb: string): string {
  return a === null || a === undefined ? `%!${verb}(<nil>)` : `%!${verb}(${typeName(a)}=${formatValue(a)})`;
}

function hexBytes(s: string, upper: boolean): string {
  const hex = Buffer.from(s, 'utf8').toString('hex');
  return upper ? hex.toUpperCase() : hex;
}

/** Go's `strconv.Quote`: printable characters stay, control characters become escapes. */
export function goQuote(s: string): string {
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"' };
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (named[ch]) out += named[ch];
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}
