/**
 * Number-to-text rules shared by conversions and the encoders. HCL prints numbers in plain decimal
 * (never `1e+21`), while `format("%v")` uses Go's shortest `%g` form.
 */

interface Digits {
  negative: boolean;
  /** significant decimal digits without leading or trailing zeros ("" for zero) */
  digits: string;
  /** value = 0.digits × 10^point */
  point: number;
}

/** The shortest decimal digits that identify `n`, as Go's strconv would choose them. */
export function shortestDigits(n: number): Digits {
  const negative = n < 0 || Object.is(n, -0);
  if (n === 0) return { negative: false, digits: '', point: 0 };
  const [mant, exp] = Math.abs(n).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '').replace(/0+$/, '');
  return { negative, digits, point: Number(exp) + 1 };
}

/** Plain decimal text, the way cty turns a number into a string: 1e21 → "1000000000000000000000". */
export function numberToString(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const { negative, digits, point } = shortestDigits(n);
  if (digits === '') return '0';
  return (negative ? '-' : '') + plainDecimal(digits, point);
}

export function plainDecimal(digits: string, point: number): string {
  if (digits === '') return '0';
  if (point <= 0) return '0.' + '0'.repeat(-point) + digits;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return digits.slice(0, point) + '.' + digits.slice(point);
}

/** Go's exponent suffix: at least two digits, always signed ("e+06", "e-10"). */
export function goExponent(exp: number, upper = false): string {
  const abs = Math.abs(exp);
  return (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (abs < 10 ? '0' : '') + String(abs);
}

/** Go's `%g` with the shortest precision (what `%v` prints for a number). */
export function shortestG(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const { negative, digits, point } = shortestDigits(n);
  if (digits === '') return '0';
  return (negative ? '-' : '') + gLayout(digits, point, 6, false);
}

/** Lays out significant digits in `%g` style: exponent form when the exponent is < -4 or >= eprec. */
export function gLayout(digits: string, point: number, eprec: number, upper: boolean): string {
  const exp = point - 1;
  if (exp < -4 || exp >= eprec) {
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    return mant + goExponent(exp, upper);
  }
  return plainDecimal(digits, point);
}
