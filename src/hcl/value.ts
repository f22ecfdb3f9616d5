/**
 * Values an HCL expression evaluates to. Lists, tuples and sets are arrays; maps and objects are plain
 * objects created with a null prototype (so keys such as `__proto__` or `constructor` are ordinary keys).
 */
export type Value = null | string | number | boolean | Value[] | ValueObject;
export interface ValueObject {
  [key: string]: Value;
}

export function isObject(v: Value | undefined): v is ValueObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function newObject(entries?: Iterable<readonly [string, Value]>): ValueObject {
  const o = Object.create(null) as ValueObject;
  if (entries) for (const [k, v] of entries) o[k] = v;
  return o;
}

/** HCL's name for the kind of a value, as used in its error messages ("a string is required"). */
export function typeName(v: Value | undefined): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}
