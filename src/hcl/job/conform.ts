import { ConversionError, convert, type Type } from '../types.js';
import { goParseDuration } from '../../shared/duration.js';
import type { Value } from '../value.js';
import type { AttrSpec, AttrType } from './spec/builders.js';

/** An argument's value as Nomad's decoder leaves it: durations in milliseconds. */
export type Conformed = string | number | boolean | string[] | number[] | Record<string, string>;

/** `value` is undefined when the argument is set to null where that means "not set". */
export type Conformance = { ok: true; value: Conformed | undefined } | { ok: false; summary: string; detail: string };

const STRING: Type = { kind: 'string' };
const NUMBER: Type = { kind: 'number' };
const CTY_TYPES: Record<Exclude<AttrType, 'duration'>, Type> = {
  string: STRING,
  bool: { kind: 'bool' },
  float: NUMBER,
  int: NUMBER,
  int8: NUMBER,
  int64: NUMBER,
  uint8: NUMBER,
  uint16: NUMBER,
  uint32: NUMBER,
  uint64: NUMBER,
  'list(string)': { kind: 'list', element: STRING },
  'list(uint16)': { kind: 'list', element: NUMBER },
  'map(string)': { kind: 'map', element: STRING },
};

/** Go's integer ranges, as its conversion names them in its messages. */
const INTEGER_RANGES: Partial<Record<AttrType, { min: bigint; max: bigint; unsigned: boolean }>> = {
  int: { min: -(2n ** 63n), max: 2n ** 63n - 1n, unsigned: false },
  int64: { min: -(2n ** 63n), max: 2n ** 63n - 1n, unsigned: false },
  int8: { min: -128n, max: 127n, unsigned: false },
  uint8: { min: 0n, max: 255n, unsigned: true },
  uint16: { min: 0n, max: 65535n, unsigned: true },
  'list(uint16)': { min: 0n, max: 65535n, unsigned: true },
  uint32: { min: 0n, max: 2n ** 32n - 1n, unsigned: true },
  uint64: { min: 0n, max: 2n ** 64n - 1n, unsigned: true },
};

/**
 * Converts an argument's value the way Nomad's decoder does: first cty's conversion to the type the Go
 * field implies (strings from numbers, numbers from numeric strings, ...), then Go's own rules (no null
 * in a plain Go value or inside a list, integers whole and within their width). Durations take Nomad's
 * own rule: a Go duration string, or a whole number of nanoseconds.
 */
export function conform(value: Value, spec: AttrSpec): Conformance {
  if (spec.type === 'duration') return conformDuration(value);
  if (value === null) return spec.nullable ? { ok: true, value: undefined } : unsuitable('null value is not allowed');
  let converted: Value;
  try {
    converted = convert(value, CTY_TYPES[spec.type]);
  } catch (err) {
    if (err instanceof ConversionError) return unsuitable(err.message);
    throw err;
  }
  if (Array.isArray(converted) && converted.some((item) => item === null)) return unsuitable('null value is not allowed');
  if (typeof converted === 'object' && converted !== null && !Array.isArray(converted)) {
    if (Object.values(converted).some((item) => item === null)) return unsuitable('null value is not allowed');
  }
  const range = INTEGER_RANGES[spec.type];
  if (range) {
    const numbers = Array.isArray(converted) ? (converted as number[]) : [converted as number];
    if (!numbers.every((n) => fitsInteger(n, range.min, range.max))) {
      return unsuitable(`value must be a whole number, between ${range.min} and ${range.max}${range.unsigned ? ' inclusive' : ''}`);
    }
  }
  return { ok: true, value: converted as Conformed };
}

function conformDuration(value: Value): Conformance {
  if (value === null) return { ok: false, summary: 'Unsuitable value', detail: 'Unsuitable duration value: nil' };
  if (typeof value === 'string') {
    const parsed = goParseDuration(value);
    if ('error' in parsed) return { ok: false, summary: 'Unsuitable value type', detail: `Unsuitable duration value: ${parsed.error}` };
    return { ok: true, value: parsed.ms };
  }
  if (typeof value !== 'number') {
    return unsuitable(`expected a string but found ${Array.isArray(value) ? 'tuple' : typeof value === 'object' ? 'object' : typeof value}`);
  }
  // A number is taken as nanoseconds, Go's unit for durations.
  if (!fitsInteger(value, -(2n ** 63n), 2n ** 63n - 1n)) {
    return unsuitable('value must be a whole number, between -9223372036854775808 and 9223372036854775807');
  }
  return { ok: true, value: value / 1e6 };
}

function fitsInteger(n: number, min: bigint, max: bigint): boolean {
  if (!Number.isInteger(n)) return false;
  const big = BigInt(n);
  return big >= min && big <= max;
}

function unsuitable(message: string): Conformance {
  return { ok: false, summary: 'Unsuitable value type', detail: `Unsuitable value: ${message}` };
}
