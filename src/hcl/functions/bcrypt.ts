import { randomBytes } from 'node:crypto';

/**
 * bcrypt as Go's golang.org/x/crypto/bcrypt writes it ($2a$, cost 10 by default): Blowfish's expensive key
 * schedule over the password with its trailing NUL, then "OrpheanBeholderScryDoubt" encrypted 64 times.
 * Blowfish's initial tables are the hexadecimal digits of pi; they are computed on first use rather than
 * written out.
 */

const MIN_COST = 4;
const MAX_COST = 31;
const DEFAULT_COST = 10;
const ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class BcryptError extends Error {}

let piWords: Uint32Array | undefined;

/** The first 1042 32-bit words of pi's fractional part (18 for P, 4 × 256 for the S-boxes), by Machin's formula. */
function piTables(): Uint32Array {
  if (piWords) return piWords;
  const words = 18 + 4 * 256;
  const bits = BigInt(words * 32 + 64);
  const one = 1n << bits;
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let power = one / x;
    const x2 = x * x;
    for (let k = 1n; power !== 0n; k += 2n) {
      sum += ((k / 2n) % 2n === 0n ? 1n : -1n) * (power / k);
      power /= x2;
    }
    return sum;
  };
  const pi = 16n * arctanInv(5n) - 4n * arctanInv(239n);
  const frac = pi - 3n * one;
  const out = new Uint32Array(words);
  for (let i = 0; i < words; i++) out[i] = Number((frac >> (bits - BigInt(32 * (i + 1)))) & 0xffffffffn);
  piWords = out;
  return out;
}

class Blowfish {
  readonly p: Uint32Array;
  readonly s: Uint32Array;

  constructor() {
    const pi = piTables();
    this.p = pi.slice(0, 18);
    this.s = pi.slice(18);
  }

  private f(x: number): number {
    const s = this.s;
    return ((((s[x >>> 24]! + s[256 + ((x >>> 16) & 0xff)]!) >>> 0) ^ s[512 + ((x >>> 8) & 0xff)]!) + s[768 + (x & 0xff)]!) >>> 0;
  }

  encrypt(l0: number, r0: number): [number, number] {
    let l = l0;
    let r = r0;
    for (let i = 0; i < 16; i += 2) {
      l = (l ^ this.p[i]!) >>> 0;
      r = (r ^ this.f(l)) >>> 0;
      r = (r ^ this.p[i + 1]!) >>> 0;
      l = (l ^ this.f(r)) >>> 0;
    }
    l = (l ^ this.p[16]!) >>> 0;
    r = (r ^ this.p[17]!) >>> 0;
    return [r, l];
  }

  /** Blowfish's key expansion, mixing `salt` into the encryptions when given (bcrypt's ExpandKey). */
  expand(key: Uint8Array, salt?: Uint8Array): void {
    let pos = 0;
    const word = (data: Uint8Array): number => {
      let w = 0;
      for (let i = 0; i < 4; i++) {
        w = ((w << 8) | data[pos % data.length]!) >>> 0;
        pos++;
      }
      return w;
    };
    for (let i = 0; i < 18; i++) this.p[i] = (this.p[i]! ^ word(key)) >>> 0;
    pos = 0;
    let l = 0;
    let r = 0;
    const next = (): void => {
      if (salt) {
        l = (l ^ word(salt)) >>> 0;
        r = (r ^ word(salt)) >>> 0;
      }
      [l, r] = this.encrypt(l, r);
    };
    for (let i = 0; i < 18; i += 2) {
      next();
      this.p[i] = l;
      this.p[i + 1] = r;
    }
    for (let i = 0; i < 1024; i += 2) {
      next();
      this.s[i] = l;
      this.s[i + 1] = r;
    }
  }
}

function encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    out += ALPHABET[b0 >>> 2]! + ALPHABET[((b0 & 3) << 4) | (b1 >>> 4)]!;
    if (i + 1 < bytes.length) out += ALPHABET[((b1 & 15) << 2) | (b2 >>> 6)]!;
    if (i + 2 < bytes.length) out += ALPHABET[b2 & 63]!;
  }
  return out;
}

/** The hash of `password` with the given 16-byte salt. */
export function bcryptWithSalt(password: Uint8Array, cost: number, salt: Uint8Array): string {
  const key = new Uint8Array(password.length + 1);
  key.set(password);
  const bf = new Blowfish();
  bf.expand(key, salt);
  for (let i = 0; i < 2 ** cost; i++) {
    bf.expand(key);
    bf.expand(salt);
  }
  const magic = Buffer.from('OrpheanBeholderScryDoubt');
  const words = [0, 1, 2, 3, 4, 5].map((i) => magic.readUInt32BE(i * 4));
  for (let n = 0; n < 64; n++) {
    for (let i = 0; i < 6; i += 2) [words[i], words[i + 1]] = bf.encrypt(words[i]!, words[i + 1]!);
  }
  const ctext = Buffer.alloc(24);
  words.forEach((w, i) => ctext.writeUInt32BE(w, i * 4));
  return `$2a$${String(cost).padStart(2, '0')}$${encode(salt)}${encode(ctext.subarray(0, 23))}`;
}

/** Go's GenerateFromPassword: a cost below 4 means the default, one above 31 is refused, as are long passwords. */
export function bcrypt(password: string, costArg?: number): string {
  const bytes = Buffer.from(password, 'utf8');
  if (bytes.length > 72) throw new BcryptError('bcrypt: password length exceeds 72 bytes');
  let cost = costArg ?? DEFAULT_COST;
  if (cost < MIN_COST) cost = DEFAULT_COST;
  if (cost > MAX_COST) throw new BcryptError(`crypto/bcrypt: cost ${cost} is outside allowed range (${MIN_COST},${MAX_COST})`);
  return bcryptWithSalt(bytes, cost, randomBytes(16));
}
