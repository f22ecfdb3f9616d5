/**
 * Decodes the config payloads Nomad sends (`TaskConfig.msgpack_driver_config`, `SetConfigRequest.msgpack_config`):
 * go-cty's msgpack of the block decoded with our hclspec. Every schema key is present, absent ones as nil;
 * numbers arrive as any int width, float64, or as decimal strings when float64 cannot hold them exactly;
 * unknown values (msgpack ext) do not occur in practice and are treated as absent. The result is a plain
 * object with every null dropped; validating it against the schema is the driver core's job.
 */
import { decode, ExtData } from '@msgpack/msgpack';
import type { FieldType, Schema } from '../driver/schema.js';
import { PayloadError } from './errors.js';

/** Far above any real config block, and gRPC's own 4 MiB message limit. */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;
/** Our deepest field is `list(map(string))`: three levels under the top map. */
export const MAX_DEPTH = 32;

/**
 * Payloads nested deeper than this are refused before decoding: 4 MiB of array headers would otherwise become
 * millions of nested arrays (seconds, hundreds of MB) only to be refused afterwards. Up to it, the decoded value
 * is checked against MAX_DEPTH, with the path of the offending value in the message.
 */
const SCAN_DEPTH = 4 * MAX_DEPTH;

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function decodeConfig(bytes: Uint8Array, schema: Schema): Record<string, unknown> {
  const what = `the ${schema.block} block sent by Nomad`;
  if (bytes.byteLength === 0) return {};
  if (bytes.byteLength > MAX_PAYLOAD_BYTES) {
    throw new PayloadError(`${what} is ${bytes.byteLength} bytes, more than the ${MAX_PAYLOAD_BYTES} accepted`);
  }
  if (nestsDeeperThan(bytes, SCAN_DEPTH)) throw new PayloadError(`${what} nests deeper than ${MAX_DEPTH} levels`);
  let raw: unknown;
  try {
    raw = decode(bytes, {
      useBigInt64: true,
      // No item can be longer than the payload itself; saying so stops huge headers allocating early.
      maxStrLength: bytes.byteLength,
      maxBinLength: bytes.byteLength,
      maxArrayLength: bytes.byteLength,
      maxMapLength: bytes.byteLength,
      maxExtLength: bytes.byteLength,
    });
  } catch (err) {
    throw new PayloadError(`${what} is not valid msgpack: ${messageOf(err)}`);
  }
  if (!isPlainMap(raw)) {
    throw new PayloadError(`${what} should be a msgpack map of settings, but is ${describe(raw)}`);
  }
  const types = new Map(schema.fields.map((f) => [f.name, f.type]));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const normalised = normalise(value, types.get(key), key, 1, what);
    if (normalised !== undefined) out[key] = normalised;
  }
  return out;
}

/** `undefined` means: drop this value (null or unknown). */
function normalise(value: unknown, type: FieldType | undefined, where: string, depth: number, what: string): unknown {
  if (depth > MAX_DEPTH) throw new PayloadError(`${what} nests deeper than ${MAX_DEPTH} levels at "${where}"`);
  if (value === null || value === undefined || value instanceof ExtData) return undefined;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) throw new PayloadError(`${what} holds raw bytes at "${where}", where a value was expected`);
  if (type?.kind === 'number' && typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) {
    return Number(value.trim());
  }
  if (Array.isArray(value)) {
    const of = type?.kind === 'list' ? type.of : undefined;
    const items: unknown[] = [];
    value.forEach((item, i) => {
      const n = normalise(item, of, `${where}[${i}]`, depth + 1, what);
      if (n !== undefined) items.push(n);
    });
    return items;
  }
  if (isPlainMap(value)) {
    const of = type?.kind === 'map' ? type.of : undefined;
    const entries: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const n = normalise(item, of, `${where}.${key}`, depth + 1, what);
      if (n !== undefined) entries[key] = n;
    }
    return entries;
  }
  return value;
}

/**
 * Whether some item of the msgpack bytes sits inside more than `limit` arrays and maps. Walks the item headers
 * only, without building values; malformed bytes are left for the decoder to report.
 */
function nestsDeeperThan(bytes: Uint8Array, limit: number): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u8 = (at: number): number => (at < bytes.length ? view.getUint8(at) : 0);
  const u16 = (at: number): number => (at + 2 <= bytes.length ? view.getUint16(at) : 0);
  const u32 = (at: number): number => (at + 4 <= bytes.length ? view.getUint32(at) : 0);
  // Items still to come in each open array or map (a map's entries count twice: key and value).
  const open: number[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    if (open.length > 0) open[open.length - 1]!--;
    const b = u8(pos);
    let items = 0;
    if (b <= 0x7f || b >= 0xe0 || b === 0xc0 || b === 0xc1 || b === 0xc2 || b === 0xc3) pos += 1;
    else if (b <= 0x8f) [items, pos] = [2 * (b & 0x0f), pos + 1];
    else if (b <= 0x9f) [items, pos] = [b & 0x0f, pos + 1];
    else if (b <= 0xbf) pos += 1 + (b & 0x1f);
    else if (b === 0xc4 || b === 0xd9) pos += 2 + u8(pos + 1);
    else if (b === 0xc5 || b === 0xda) pos += 3 + u16(pos + 1);
    else if (b === 0xc6 || b === 0xdb) pos += 5 + u32(pos + 1);
    else if (b === 0xc7) pos += 3 + u8(pos + 1);
    else if (b === 0xc8) pos += 4 + u16(pos + 1);
    else if (b === 0xc9) pos += 6 + u32(pos + 1);
    else if (b === 0xdc) [items, pos] = [u16(pos + 1), pos + 3];
    else if (b === 0xdd) [items, pos] = [u32(pos + 1), pos + 5];
    else if (b === 0xde) [items, pos] = [2 * u16(pos + 1), pos + 3];
    else if (b === 0xdf) [items, pos] = [2 * u32(pos + 1), pos + 5];
    else pos += FIXED_SIZES[b - 0xca] ?? 1;
    if (items > 0) {
      if (open.length >= limit) return true;
      open.push(items);
    } else {
      while (open.length > 0 && open[open.length - 1] === 0) open.pop();
    }
  }
  return false;
}

/** Sizes, header included, of the fixed-width items 0xca (float32) to 0xd8 (fixext16). */
const FIXED_SIZES: readonly number[] = [5, 9, 2, 3, 5, 9, 2, 3, 5, 9, 3, 4, 6, 10, 18];

function isPlainMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof ExtData);
}

function describe(value: unknown): string {
  if (value === null) return 'nil';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'raw bytes';
  if (value instanceof ExtData) return 'an extension value';
  return `a ${typeof value}`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
