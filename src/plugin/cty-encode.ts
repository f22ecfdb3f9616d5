/**
 * Produces the bytes a Nomad agent would send for a config block, for tests and tools that play the agent:
 * go-cty's msgpack of an object holding every schema key (sorted bytewise, nil when absent), integers in their
 * smallest encoding, float64 for decimals a float64 holds exactly, and decimal strings for the rest (`0.1`).
 */
import type { FieldType, Schema } from '../driver/schema.js';

export function encodeCtyConfig(values: Readonly<Record<string, unknown>>, schema: Schema): Uint8Array {
  const known = new Set(schema.fields.map((f) => f.name));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) throw new Error(`"${key}" is not a field of the ${schema.block} schema`);
  }
  const out = new Writer();
  const fields = [...schema.fields].sort((a, b) => byteOrder(a.name, b.name));
  out.mapHeader(fields.length);
  for (const field of fields) {
    out.str(field.name);
    encodeValue(out, values[field.name], field.type, field.name);
  }
  return out.bytes();
}

function encodeValue(out: Writer, value: unknown, type: FieldType, where: string): void {
  if (value === null || value === undefined) return out.nil();
  const wrong = (): Error => new Error(`"${where}" should be a ${type.kind}, got ${JSON.stringify(value)}`);
  switch (type.kind) {
    case 'string':
      if (typeof value !== 'string') throw wrong();
      return out.str(value);
    case 'bool':
      if (typeof value !== 'boolean') throw wrong();
      return out.bool(value);
    case 'number':
      if (typeof value !== 'number' || Number.isNaN(value)) throw wrong();
      return encodeNumber(out, value);
    case 'list':
      if (!Array.isArray(value)) throw wrong();
      out.arrayHeader(value.length);
      value.forEach((item, i) => encodeValue(out, item, type.of, `${where}[${i}]`));
      return;
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) throw wrong();
      const keys = Object.keys(value).sort(byteOrder);
      out.mapHeader(keys.length);
      for (const key of keys) {
        out.str(key);
        encodeValue(out, (value as Record<string, unknown>)[key], type.of, `${where}.${key}`);
      }
    }
  }
}

const INT64_MIN = -(2 ** 63);
const INT64_LIMIT = 2 ** 63;

/** The number as the decimal the user would have written (`String(x)`), encoded the way go-cty does. */
function encodeNumber(out: Writer, value: number): void {
  if (!Number.isFinite(value)) return out.float64(value);
  if (Number.isInteger(value) && value >= INT64_MIN && value < INT64_LIMIT) return out.int(BigInt(value));
  if (!Number.isInteger(value) && holdsExactly(value)) return out.float64(value);
  out.str(plainDecimal(value));
}

/** Whether the float64 is exactly the decimal `String(value)`: a dyadic fraction with a 53-bit odd part. */
function holdsExactly(value: number): boolean {
  const { digits, exponent } = decimalParts(value);
  if (exponent >= 0) return true;
  const five = 5n ** BigInt(-exponent);
  if (digits % five !== 0n) return false;
  let odd = digits / five;
  while (odd !== 0n && odd % 2n === 0n) odd /= 2n;
  return odd < 2n ** 53n;
}

/** `String(value)` as `digits × 10^exponent`, digits without sign. */
function decimalParts(value: number): { digits: bigint; exponent: number } {
  const [mantissa = '0', exp = '0'] = Math.abs(value).toExponential().split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  return { digits: BigInt(whole + fraction), exponent: Number(exp) - fraction.length };
}

/** big.Float's `Text('f', -1)`: no exponent, no trailing zeros. */
function plainDecimal(value: number): string {
  const { digits, exponent } = decimalParts(value);
  const sign = value < 0 ? '-' : '';
  let text = digits.toString();
  if (exponent >= 0) return sign + text + '0'.repeat(exponent);
  const point = text.length + exponent;
  if (point <= 0) text = '0'.repeat(1 - point) + text;
  const at = text.length + exponent;
  return `${sign}${text.slice(0, at)}.${text.slice(at)}`;
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

class Writer {
  private readonly chunks: Buffer[] = [];

  nil(): void {
    this.chunks.push(Buffer.from([0xc0]));
  }

  bool(value: boolean): void {
    this.chunks.push(Buffer.from([value ? 0xc3 : 0xc2]));
  }

  int(value: bigint): void {
    if (value >= 0n && value < 0x80n) return this.fixed(1, (b) => b.writeUInt8(Number(value)));
    // Negative fixint is the int8 two's complement of -32..-1.
    if (value < 0n && value >= -32n) return this.fixed(1, (b) => b.writeInt8(Number(value)));
    if (value >= 0n) {
      if (value < 0x100n) return this.tagged(0xcc, 1, (b) => b.writeUInt8(Number(value)));
      if (value < 0x10000n) return this.tagged(0xcd, 2, (b) => b.writeUInt16BE(Number(value)));
      if (value < 0x100000000n) return this.tagged(0xce, 4, (b) => b.writeUInt32BE(Number(value)));
      return this.tagged(0xcf, 8, (b) => b.writeBigUInt64BE(value));
    }
    if (value >= -0x80n) return this.tagged(0xd0, 1, (b) => b.writeInt8(Number(value)));
    if (value >= -0x8000n) return this.tagged(0xd1, 2, (b) => b.writeInt16BE(Number(value)));
    if (value >= -0x80000000n) return this.tagged(0xd2, 4, (b) => b.writeInt32BE(Number(value)));
    this.tagged(0xd3, 8, (b) => b.writeBigInt64BE(value));
  }

  float64(value: number): void {
    this.tagged(0xcb, 8, (b) => b.writeDoubleBE(value));
  }

  str(value: string): void {
    const data = Buffer.from(value, 'utf8');
    const n = data.length;
    if (n < 32) this.chunks.push(Buffer.from([0xa0 | n]));
    else if (n < 0x100) this.chunks.push(Buffer.from([0xd9, n]));
    else if (n < 0x10000) this.chunks.push(Buffer.from([0xda, n >> 8, n & 0xff]));
    else this.tagged(0xdb, 4, (b) => b.writeUInt32BE(n));
    this.chunks.push(data);
  }

  arrayHeader(n: number): void {
    if (n < 16) this.chunks.push(Buffer.from([0x90 | n]));
    else if (n < 0x10000) this.chunks.push(Buffer.from([0xdc, n >> 8, n & 0xff]));
    else this.tagged(0xdd, 4, (b) => b.writeUInt32BE(n));
  }

  mapHeader(n: number): void {
    if (n < 16) this.chunks.push(Buffer.from([0x80 | n]));
    else if (n < 0x10000) this.chunks.push(Buffer.from([0xde, n >> 8, n & 0xff]));
    else this.tagged(0xdf, 4, (b) => b.writeUInt32BE(n));
  }

  bytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.chunks));
  }

  private fixed(length: number, fill: (b: Buffer) => unknown): void {
    const b = Buffer.alloc(length);
    fill(b);
    this.chunks.push(b);
  }

  /** A type byte followed by a big-endian payload of `length` bytes. */
  private tagged(tag: number, length: number, fill: (payload: Buffer) => unknown): void {
    const b = Buffer.alloc(1 + length);
    b.writeUInt8(tag);
    fill(b.subarray(1));
    this.chunks.push(b);
  }
}
