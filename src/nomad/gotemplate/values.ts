import { shortestG } from '../../hcl/functions/number-text.js';

/**
 * Values a template works with. `undefined` is Go's "no value" (a missing map key, or nil data) and
 * prints as `<no value>`; `null` is an explicit nil.
 */
export type Value = string | number | boolean | null | undefined | Value[] | ValueMap;
export interface ValueMap {
  [key: string]: Value;
}

export function isMap(v: Value): v is ValueMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go's truth for `if`, `with`, `and`, `or`, `not`: false, 0, nil and empty values are false. */
export function truthy(v: Value): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v !== '';
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v).length > 0;
}

/** The Go type name used in messages (`string`, `int`, `float64`, `[]interface {}`). */
export function typeName(v: Value): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** What `fmt.Sprint` prints for a value, which is what an action writes. */
export function formatValue(v: Value): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(nested).join(' ')}]`;
  return `map[${sortedKeys(v)
    .map((k) => `${k}:${nested(v[k])}`)
    .join(' ')}]`;
}

function nested(v: Value): string {
  return v === undefined || v === null ? '<nil>' : formatValue(v);
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? String(n) : shortestG(n);
}

export function sortedKeys(m: ValueMap): string[] {
  return Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Go's `fmt.Sprint`: operands are separated by a space when neither side is a string. */
export function sprint(args: readonly Value[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatValue(a);
  });
  return out;
}

/** Go's basic-kind comparison for `eq`/`lt`/…; values of different kinds cannot be compared. */
export function compare(a: Value, b: Value, op: string): number {
  const kind = (v: Value): string => (typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'other');
  const ka = kind(a);
  const kb = kind(b);
  if (ka !== kb) throw new Error('incompatible types for comparison');
  if (ka === 'other') throw new Error(`invalid type for comparison`);
  if (ka === 'bool' && op !== 'eq') throw new Error('invalid type for comparison');
  return a === b ? 0 : (a as string | number) < (b as string | number) ? -1 : 1;
}
