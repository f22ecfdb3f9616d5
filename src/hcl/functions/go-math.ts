/**
 * Go's math.Pow, whose algorithm differs from JavaScript's: the integer part of the exponent by repeated
 * squaring of a normalised mantissa (so pow(1e6, 7) is exactly 1e42, not 9.999999999999999e41), the
 * fractional part through exp and log.
 */

function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let e = 0;
  let f = x;
  if (Math.abs(f) < 2 ** -1022) {
    f *= 2 ** 52;
    e = -52;
  }
  const exp = Math.floor(Math.log2(Math.abs(f)));
  let frac = f / 2 ** exp;
  let k = exp;
  // Correct Math.log2's rounding near powers of two so that |frac| lands in [1, 2).
  while (Math.abs(frac) >= 2) {
    frac /= 2;
    k++;
  }
  while (Math.abs(frac) < 1) {
    frac *= 2;
    k--;
  }
  return [frac / 2, k + 1 + e];
}

function ldexp(frac: number, exp: number): number {
  let v = frac;
  let e = exp;
  // Scale in steps that stay exact until the last one, so that a subnormal result is rounded once.
  while (e > 1000) {
    v *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    if (Math.abs(v) < 2 ** -50) break;
    v *= 2 ** -1000;
    e += 1000;
  }
  if (e < -1000) {
    v *= 2 ** -1000;
    e += 1000;
  }
  return v * 2 ** e;
}

function isOddInt(y: number): boolean {
  return Number.isInteger(y) && Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1;
}

export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0) {
    if (y < 0) return isOddInt(y) ? (Object.is(x, -0) ? -Infinity : Infinity) : Infinity;
    if (y > 0) return isOddInt(y) ? x : 0;
  }
  if (!Number.isFinite(y)) {
    if (x === -1) return 1;
    if (Math.abs(x) < 1 === (y > 0)) return 0;
    return Infinity;
  }
  if (!Number.isFinite(x)) {
    if (x < 0) return goPow(1 / x, -y);
    if (y < 0) return 0;
    if (y > 0) return Infinity;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 2 ** 63) {
    if (x === -1) return 1;
    if (Math.abs(x) < 1 === y > 0) return 0;
    return Infinity;
  }
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = Math.exp(yf * Math.log(x));
  }
  let [x1, xe] = frexp(x);
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}
