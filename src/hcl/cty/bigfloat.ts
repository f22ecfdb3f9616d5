/**
 * Binary floating-point numbers of any precision, with the semantics of Go's math/big.Float in its default
 * rounding mode (to nearest, ties to even), on top of the built-in BigInt. cty keeps every number as a
 * big.Float, and what a job file computes depends on it: literals are parsed to 512 bits, lengths and
 * indexes are 64-bit integers, and each operation rounds to the larger precision of its operands. So the
 * precision travels with the value, and every result is rounded exactly as Go rounds it.
 */

export const enum Form {
  Zero,
  Finite,
  Inf,
}

/** Thrown where Go's big.Float panics with ErrNaN (0 × ∞, ∞ − ∞, 0 / 0, ∞ / ∞). */
export class NaNError extends Error {}

/** Go's MinExp / MaxExp: the exponent range of a big.Float (value = 0.mantissa × 2^exp). */
const MAX_EXP = 2 ** 31 - 1;
const MIN_EXP = -(2 ** 31);

export class BigFloat {
  private constructor(
    readonly form: Form,
    readonly neg: boolean,
    /** finite: the significant bits, odd (trailing zeros moved into exp) */
    readonly mant: bigint,
    /** finite: value = mant × 2^exp */
    readonly exp: number,
    readonly prec: number,
  ) {}

  static zero(prec: number, neg = false): BigFloat {
    return new BigFloat(Form.Zero, neg, 0n, 0, prec);
  }

  static inf(neg: boolean, prec = 0): BigFloat {
    return new BigFloat(Form.Inf, neg, 0n, 0, prec);
  }

  /** mant × 2^exp rounded to prec bits; `sticky` says the true value lies just beyond |mant| (a remainder). */
  static finite(neg: boolean, mant: bigint, exp: number, prec: number, sticky = false): BigFloat {
    if (mant === 0n) return BigFloat.zero(prec, neg);
    let m = mant;
    let e = exp;
    const n = bitLength(m);
    if (n > prec || sticky) {
      const shift = Math.max(n - prec, 0);
      let q = m >> BigInt(shift);
      if (shift > 0) {
        const rem = m & ((1n << BigInt(shift)) - 1n);
        const half = 1n << BigInt(shift - 1);
        if (rem > half || (rem === half && (sticky || (q & 1n) === 1n))) q += 1n;
      }
      // A sticky remainder below the last kept bit never reaches half of it, so it cannot round up.
      if (bitLength(q) > prec) {
        q >>= 1n;
        e += 1;
      }
      m = q;
      e += shift;
    }
    const tz = trailingZeros(m);
    if (tz > 0) {
      m >>= BigInt(tz);
      e += tz;
    }
    if (e + bitLength(m) > MAX_EXP) return BigFloat.inf(neg, prec);
    if (e + bitLength(m) < MIN_EXP) return BigFloat.zero(prec, neg);
    return new BigFloat(Form.Finite, neg, m, e, prec);
  }

  /** SetInt64 / SetUint64 / SetInt: exact, with precision max(64, bits needed) unless given. */
  static fromBigInt(n: bigint, prec?: number): BigFloat {
    const neg = n < 0n;
    const abs = neg ? -n : n;
    const p = prec ?? Math.max(64, bitLength(abs));
    return BigFloat.finite(neg, abs, 0, p);
  }

  static fromInt(n: number): BigFloat {
    return BigFloat.fromBigInt(BigInt(n), 64);
  }

  /** SetFloat64: exact, precision 53. */
  static fromFloat64(d: number): BigFloat {
    if (Number.isNaN(d)) throw new NaNError('NaN');
    if (d === 0) return BigFloat.zero(53, Object.is(d, -0));
    if (!Number.isFinite(d)) return BigFloat.inf(d < 0, 53);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, Math.abs(d));
    const bits = view.getBigUint64(0);
    const biased = Number(bits >> 52n);
    const fraction = bits & ((1n << 52n) - 1n);
    const mant = biased === 0 ? fraction : fraction | (1n << 52n);
    const exp = (biased === 0 ? 1 : biased) - 1075;
    return BigFloat.finite(d < 0, mant, exp, 53);
  }

  get isZero(): boolean {
    return this.form === Form.Zero;
  }

  get isInf(): boolean {
    return this.form === Form.Inf;
  }

  /** -1, 0 or 1 (zero of either sign is 0). */
  get sign(): number {
    return this.form === Form.Zero ? 0 : this.neg ? -1 : 1;
  }

  /** Go's exponent: value = 0.mantissa × 2^goExp with the mantissa in [0.5, 1). */
  get goExp(): number {
    return this.exp + bitLength(this.mant);
  }

  withPrec(prec: number): BigFloat {
    if (this.form !== Form.Finite) return new BigFloat(this.form, this.neg, 0n, 0, prec);
    return BigFloat.finite(this.neg, this.mant, this.exp, prec);
  }

  /** MinPrec: the bits needed to hold this value exactly. */
  minPrec(): number {
    return this.form === Form.Finite ? bitLength(this.mant) : 0;
  }

  neg_(): BigFloat {
    return new BigFloat(this.form, !this.neg, this.mant, this.exp, this.prec);
  }

  abs(): BigFloat {
    return this.neg ? this.neg_() : this;
  }

  isInt(): boolean {
    if (this.form === Form.Zero) return true;
    if (this.form === Form.Inf) return false;
    return this.exp >= 0;
  }

  /** Int(): truncated towards zero; undefined for infinities. */
  toBigInt(): bigint | undefined {
    if (this.form === Form.Inf) return undefined;
    if (this.form === Form.Zero) return 0n;
    const abs = this.exp >= 0 ? this.mant << BigInt(this.exp) : this.mant >> BigInt(-this.exp);
    return this.neg ? -abs : abs;
  }

  cmp(y: BigFloat): number {
    const sx = this.sign;
    const sy = y.sign;
    if (this.form === Form.Inf || y.form === Form.Inf) {
      const vx = this.form === Form.Inf ? sx * 2 : sx;
      const vy = y.form === Form.Inf ? sy * 2 : sy;
      return vx === vy ? 0 : vx < vy ? -1 : 1;
    }
    if (sx !== sy) return sx < sy ? -1 : 1;
    if (sx === 0) return 0;
    const mag = cmpMagnitude(this, y);
    return sx > 0 ? mag : -mag;
  }

  /** z.Add(x, y) with z's precision `prec` (Go: the larger operand precision when z is new). */
  add(y: BigFloat, prec = Math.max(this.prec, y.prec)): BigFloat {
    const x = this;
    if (x.form === Form.Finite && y.form === Form.Finite) {
      const e = Math.min(x.exp, y.exp);
      const mx = x.mant << BigInt(x.exp - e);
      const my = y.mant << BigInt(y.exp - e);
      const sum = (x.neg ? -mx : mx) + (y.neg ? -my : my);
      if (sum === 0n) return BigFloat.zero(prec, false);
      return BigFloat.finite(sum < 0n, sum < 0n ? -sum : sum, e, prec);
    }
    if (x.form === Form.Inf && y.form === Form.Inf && x.neg !== y.neg) throw new NaNError('addition of infinities with opposite signs');
    if (x.form === Form.Zero && y.form === Form.Zero) return BigFloat.zero(prec, x.neg && y.neg);
    if (x.form === Form.Inf || y.form === Form.Zero) return x.withPrec(prec);
    return y.withPrec(prec);
  }

  sub(y: BigFloat, prec = Math.max(this.prec, y.prec)): BigFloat {
    return this.add(y.neg_(), prec);
  }

  mul(y: BigFloat, prec = Math.max(this.prec, y.prec)): BigFloat {
    const x = this;
    const neg = x.neg !== y.neg;
    if (x.form === Form.Finite && y.form === Form.Finite) return BigFloat.finite(neg, x.mant * y.mant, x.exp + y.exp, prec);
    if ((x.form === Form.Zero && y.form === Form.Inf) || (x.form === Form.Inf && y.form === Form.Zero)) {
      throw new NaNError('multiplication of zero with infinity');
    }
    if (x.form === Form.Inf || y.form === Form.Inf) return BigFloat.inf(neg, prec);
    return BigFloat.zero(prec, neg);
  }

  quo(y: BigFloat, prec = Math.max(this.prec, y.prec)): BigFloat {
    const x = this;
    const neg = x.neg !== y.neg;
    if (x.form === Form.Finite && y.form === Form.Finite) {
      // Enough quotient bits for prec plus a rounding bit; the remainder is the sticky bit.
      const shift = Math.max(0, prec + 2 + bitLength(y.mant) - bitLength(x.mant));
      const num = x.mant << BigInt(shift);
      const q = num / y.mant;
      const r = num % y.mant;
      return BigFloat.finite(neg, q, x.exp - y.exp - shift, prec, r !== 0n);
    }
    if ((x.form === Form.Zero && y.form === Form.Zero) || (x.form === Form.Inf && y.form === Form.Inf)) {
      throw new NaNError('division of zero by zero or infinity by infinity');
    }
    if (x.form === Form.Zero || y.form === Form.Inf) return BigFloat.zero(prec, neg);
    return BigFloat.inf(neg, prec);
  }

  /** Float64(): the nearest float64, ties to even, with Go's overflow to ±Inf and gradual underflow. */
  toFloat64(): number {
    if (this.form === Form.Zero) return this.neg ? -0 : 0;
    if (this.form === Form.Inf) return this.neg ? -Infinity : Infinity;
    const e = this.goExp; // value in [2^(e-1), 2^e)
    let bits = 53;
    if (e < -1021) bits = 53 - (-1021 - e); // denormal: fewer mantissa bits are left
    if (bits <= 0) {
      // Below the smallest denormal: above half of it rounds up to it; half (a tie) and less round to zero.
      const d = this.abs().cmp(BigFloat.finite(false, 1n, -1075, 64)) > 0 ? 5e-324 : 0;
      return this.neg ? -d : d;
    }
    const r = BigFloat.finite(false, this.mant, this.exp, bits);
    if (r.form === Form.Inf || r.goExp > 1024) return this.neg ? -Infinity : Infinity;
    const value = Number(r.mant) * 2 ** r.exp;
    const exact = Number.isFinite(value) && value !== 0 ? value : scaleExact(r.mant, r.exp);
    return this.neg ? -exact : exact;
  }
}

/** mant × 2^exp for a mantissa that fits a double, where 2^exp alone over- or underflows. */
function scaleExact(mant: bigint, exp: number): number {
  let v = Number(mant);
  let e = exp;
  while (e > 0) {
    const step = Math.min(e, 1000);
    v *= 2 ** step;
    e -= step;
  }
  while (e < 0) {
    const step = Math.max(e, -1000);
    v *= 2 ** step;
    e -= step;
  }
  return v;
}

function cmpMagnitude(x: BigFloat, y: BigFloat): number {
  const ex = x.goExp;
  const ey = y.goExp;
  if (ex !== ey) return ex < ey ? -1 : 1;
  const e = Math.min(x.exp, y.exp);
  const mx = x.mant << BigInt(x.exp - e);
  const my = y.mant << BigInt(y.exp - e);
  return mx === my ? 0 : mx < my ? -1 : 1;
}

export function bitLength(n: bigint): number {
  if (n === 0n) return 0;
  // toString(16) is linear; the leading digit gives the last few bits.
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

export function trailingZeros(n: bigint): number {
  if (n === 0n) return 0;
  let count = 0;
  let m = n;
  while ((m & 0xffffffffn) === 0n) {
    m >>= 32n;
    count += 32;
  }
  let low = Number(m & 0xffffffffn);
  while ((low & 1) === 0) {
    low >>>= 1;
    count++;
  }
  return count;
}
