import { BigFloat, bitLength, Form } from './bigfloat.js';

/**
 * Decimal text of a BigFloat the way Go's big.Float writes it (Text and Format with the verbs e, E, f, g and
 * G): the exact binary value is turned into decimal digits, then rounded half to even on those digits, or,
 * for the shortest form, to the fewest digits that still identify the value at its own precision.
 */

/** Decimal digits without trailing zeros; value = 0.digits × 10^exp. */
interface Decimal {
  mant: string;
  exp: number;
}

function exactDecimal(mant: bigint, exp: number): Decimal {
  if (mant === 0n) return { mant: '', exp: 0 };
  let digits: string;
  let point: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    point = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    point = digits.length + exp;
  }
  return trim({ mant: digits, exp: point });
}

function trim(d: Decimal): Decimal {
  let end = d.mant.length;
  while (end > 0 && d.mant[end - 1] === '0') end--;
  return end === 0 ? { mant: '', exp: 0 } : { mant: d.mant.slice(0, end), exp: d.exp };
}

function at(d: Decimal, i: number): string {
  return i >= 0 && i < d.mant.length ? d.mant[i]! : '0';
}

function shouldRoundUp(d: Decimal, n: number): boolean {
  if (d.mant[n] === '5' && n + 1 === d.mant.length) return n > 0 && (d.mant.charCodeAt(n - 1) - 48) % 2 === 1;
  return d.mant[n]! >= '5';
}

function round(d: Decimal, n: number): Decimal {
  if (n < 0 || n >= d.mant.length) return d;
  return shouldRoundUp(d, n) ? roundUp(d, n) : roundDown(d, n);
}

function roundUp(d: Decimal, n: number): Decimal {
  if (n < 0 || n >= d.mant.length) return d;
  let k = n;
  while (k > 0 && d.mant[k - 1]! >= '9') k--;
  if (k === 0) return { mant: '1', exp: d.exp + 1 };
  return { mant: d.mant.slice(0, k - 1) + String.fromCharCode(d.mant.charCodeAt(k - 1) + 1), exp: d.exp };
}

function roundDown(d: Decimal, n: number): Decimal {
  if (n < 0 || n >= d.mant.length) return d;
  return trim({ mant: d.mant.slice(0, n), exp: d.exp });
}

/**
 * The fewest digits that round back to x at x's precision. The digit-by-digit comparison with the bounds
 * x ± ½ulp is Go's, including that it compares digit positions without aligning the bounds' exponents.
 */
function roundShortest(d: Decimal, x: BigFloat): Decimal {
  if (d.mant.length === 0) return d;
  // mant × 2^exp with the lowest bit worth half an ulp at x's precision.
  const n = bitLength(x.mant);
  const s = n - (x.prec + 1);
  let mant = x.mant;
  let exp = x.exp;
  if (s < 0) mant <<= BigInt(-s);
  else if (s > 0) mant >>= BigInt(s);
  exp += s;
  const lower = exactDecimal(mant - 1n, exp);
  const upper = exactDecimal(mant + 1n, exp);
  const inclusive = (mant & 2n) === 0n;
  for (let i = 0; i < d.mant.length; i++) {
    const m = d.mant[i]!;
    const l = at(lower, i);
    const u = at(upper, i);
    const okdown = l !== m || (inclusive && i + 1 === lower.mant.length);
    const okup = m !== u && (inclusive || m.charCodeAt(0) + 1 < u.charCodeAt(0) || i + 1 < upper.mant.length);
    if (okdown && okup) return round(d, i + 1);
    if (okdown) return roundDown(d, i + 1);
    if (okup) return roundUp(d, i + 1);
  }
  return d;
}

function fmtE(fmt: string, prec: number, d: Decimal): string {
  let out = d.mant.length > 0 ? d.mant[0]! : '0';
  if (prec > 0) {
    out += '.';
    const m = Math.min(d.mant.length, prec + 1);
    out += d.mant.slice(1, m);
    for (let i = Math.max(m, 1); i <= prec; i++) out += '0';
  }
  out += fmt;
  let exp = d.mant.length > 0 ? d.exp - 1 : 0;
  let sign = '+';
  if (exp < 0) {
    sign = '-';
    exp = -exp;
  }
  return out + sign + (exp < 10 ? '0' : '') + String(exp);
}

function fmtF(prec: number, d: Decimal): string {
  let out = '';
  if (d.exp > 0) {
    const m = Math.min(d.mant.length, d.exp);
    out += d.mant.slice(0, m) + '0'.repeat(d.exp - m);
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += at(d, d.exp + i);
  }
  return out;
}

/** x.Text(fmt, prec): fmt is one of e E f g G; prec < 0 asks for the shortest exact form. */
export function formatBigFloat(x: BigFloat, fmt: 'e' | 'E' | 'f' | 'g' | 'G', precArg: number): string {
  const sign = x.neg ? '-' : '';
  if (x.form === Form.Inf) return x.neg ? '-Inf' : '+Inf';
  let d: Decimal = x.form === Form.Finite ? exactDecimal(x.mant, x.exp) : { mant: '', exp: 0 };
  let prec = precArg;
  const shortest = prec < 0;
  if (shortest) {
    d = roundShortest(d, x);
    if (fmt === 'e' || fmt === 'E') prec = d.mant.length - 1;
    else if (fmt === 'f') prec = Math.max(d.mant.length - d.exp, 0);
    else prec = d.mant.length;
  } else if (fmt === 'e' || fmt === 'E') {
    d = round(d, 1 + prec);
  } else if (fmt === 'f') {
    d = round(d, d.exp + prec);
  } else {
    if (prec === 0) prec = 1;
    d = round(d, prec);
  }
  if (fmt === 'e' || fmt === 'E') return sign + fmtE(fmt, prec, d);
  if (fmt === 'f') return sign + fmtF(prec, d);
  let eprec = prec;
  if (eprec > d.mant.length && d.mant.length >= d.exp) eprec = d.mant.length;
  if (shortest) eprec = 6;
  const exp = d.exp - 1;
  if (exp < -4 || exp >= eprec) {
    if (prec > d.mant.length) prec = d.mant.length;
    return sign + fmtE(fmt === 'g' ? 'e' : 'E', prec - 1, d);
  }
  if (prec > d.exp) prec = d.mant.length;
  return sign + fmtF(Math.max(prec - d.exp, 0), d);
}

/** How cty writes a number: plain decimal, as many digits as identify it, never an exponent. */
export function numberText(x: BigFloat): string {
  return formatBigFloat(x, 'f', -1);
}
