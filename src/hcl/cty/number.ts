import { BigFloat, Form, NaNError } from './bigfloat.js';
import { numberText } from './decimal.js';

export { BigFloat, NaNError } from './bigfloat.js';

/** cty's arithmetic on numbers (cty.Value's Add, Multiply, Modulo, ... and the stdlib functions behind HCL's operators). */

/** The precision cty parses numbers to (cty.ParseNumberVal). */
export const PARSE_PREC = 512;

const SMALL = /^[0-9]{1,15}$/;

/**
 * big.ParseFloat(s, 10, prec, ToNearestEven), as cty.ParseNumberVal calls it: an optional sign, decimal
 * digits with at most one point, an optional exponent (`e` decimal or `p` binary), or `Inf`. Go computes
 * digits × 5^e × 2^e with 5^e rounded to prec + 64 bits, and so does this. Undefined when s is not a number.
 */
export function parseNumber(s: string, prec = PARSE_PREC): BigFloat | undefined {
  if (SMALL.test(s)) return BigFloat.fromBigInt(BigInt(s), prec);
  if (s === 'Inf' || s === 'inf') return BigFloat.inf(false, prec);
  if (s.length === 4 && (s[0] === '+' || s[0] === '-') && (s.slice(1) === 'Inf' || s.slice(1) === 'inf')) {
    return BigFloat.inf(s[0] === '-', prec);
  }
  const m = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:([eEpP])([+-]?[0-9]+))?$/.exec(s);
  if (!m) return undefined;
  const [, sign, whole, frac = '', kind, expText] = m;
  const digits = whole! + frac;
  if (digits === '') return undefined;
  const neg = sign === '-';
  let exp = 0n;
  if (expText !== undefined) {
    exp = BigInt(expText);
    if (exp > 2n ** 63n - 1n || exp < -(2n ** 63n)) return undefined;
  }
  const mant = BigInt(digits);
  if (mant === 0n) return BigFloat.zero(prec, neg);
  let exp2 = -BigInt(frac.length);
  let exp5 = -BigInt(frac.length);
  if (kind === 'e' || kind === 'E') {
    exp5 += exp;
    exp2 += exp;
  } else if (kind !== undefined) {
    exp2 += exp;
  }
  // Go keeps the exponent of 0.mantissa in an int32.
  const goExp = exp2 + BigInt(mant.toString(2).length);
  if (goExp > 2n ** 31n - 1n || goExp < -(2n ** 31n)) return undefined;
  const z = BigFloat.finite(neg, mant, Number(exp2), Number.MAX_SAFE_INTEGER);
  if (exp5 === 0n) return z.withPrec(prec);
  const p = pow5(Number(exp5 < 0n ? -exp5 : exp5), prec + 64);
  return exp5 < 0n ? z.quo(p, prec) : z.mul(p, prec);
}

/** Go's pow5: 5^n at the given precision, by a table up to 5^27 and then by repeated squaring. */
function pow5(n: number, prec: number): BigFloat {
  if (n <= 27) return BigFloat.fromBigInt(5n ** BigInt(n), prec);
  let z = BigFloat.fromBigInt(5n ** 27n, prec);
  let f = BigFloat.fromBigInt(5n, prec + 64);
  let k = n - 27;
  while (k > 0) {
    if (k & 1) z = z.mul(f, prec);
    f = f.mul(f, prec + 64);
    k = Math.floor(k / 2);
  }
  return z;
}

/** cty.NumberIntVal: precision 64. */
export function intNumber(n: number | bigint): BigFloat {
  return BigFloat.fromBigInt(BigInt(n), 64);
}

/** cty.NumberFloatVal: precision 53. */
export function floatNumber(d: number): BigFloat {
  return BigFloat.fromFloat64(d);
}

export function add(a: BigFloat, b: BigFloat): BigFloat {
  return guard(() => a.add(b), "can't compute sum of opposing infinities");
}

export function subtract(a: BigFloat, b: BigFloat): BigFloat {
  return guard(() => a.add(b.neg_()), "can't subtract infinity from itself");
}

/** cty's Multiply: the product at 512 bits, kept at the larger of the operands' precision and the bits it needs. */
export function multiply(a: BigFloat, b: BigFloat): BigFloat {
  return guard(() => {
    const product = a.mul(b, 512);
    return product.withPrec(Math.max(a.prec, b.prec, product.minPrec()));
  }, "can't multiply zero by infinity");
}

export function divide(a: BigFloat, b: BigFloat): BigFloat {
  return guard(() => a.quo(b), "can't divide zero by zero or infinity by infinity");
}

/**
 * cty's Modulo: a zero divisor returns the dividend; otherwise a − b × trunc(a / b), in big.Float steps with
 * their roundings at a's precision. An infinite quotient has no integer part: Go dereferences nil there, and
 * the function call reports the panic.
 */
export function modulo(a: BigFloat, b: BigFloat): BigFloat {
  return guard(() => {
    if (b.isZero) return a;
    const truncated = a.quo(b).toBigInt();
    if (truncated === undefined) throw new NumberOpError(NIL_DEREFERENCE);
    let work = BigFloat.fromBigInt(truncated, a.prec);
    work = b.mul(work, work.prec);
    return a.sub(work, work.prec);
  }, "can't use modulo with zero and infinity");
}

/** What Go's function call reports when a cty function dereferences nil (the stack trace left out). */
export const NIL_DEREFERENCE = 'panic in function implementation: runtime error: invalid memory address or nil pointer dereference';

function guard(op: () => BigFloat, message: string): BigFloat {
  try {
    return op();
  } catch (err) {
    if (err instanceof NaNError) throw new NumberOpError(message);
    throw err;
  }
}

/** An arithmetic operation that has no result (Go panics with ErrNaN; cty turns that into this message). */
export class NumberOpError extends Error {}

/** cty's number equality: equal integers, or the same shortest decimal text; -0 equals 0. */
export function numbersEqual(a: BigFloat, b: BigFloat): boolean {
  if (a.sign !== b.sign) return false;
  const aInt = a.isInt();
  const bInt = b.isInt();
  if (aInt !== bInt) return false;
  if (aInt) return a.toBigInt() === b.toBigInt();
  if (a.isInf || b.isInf) return a.isInf && b.isInf && a.neg === b.neg;
  return numberText(a) === numberText(b);
}

export function isWhole(n: BigFloat): boolean {
  return n.form !== Form.Inf && n.isInt();
}

export { numberText };
