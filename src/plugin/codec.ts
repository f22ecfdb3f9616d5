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

const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function decodeConfig(bytes: Uint8Array, schema: Schema): Record<string, unknown> {
  const what = `the ${schema.block} block sent by Nomad`;
  if (bytes.byteLength === 0) return {};
  if (bytes.byteLength > MAX_PAYLOAD_BYTES) {
    throw new PayloadError(`${what} is ${bytes.byteLength} bytes, more than the ${MAX_PAYLOAD_BYTES} accepted`);
  }
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
