import { ConversionError, convert } from '../types.js';
import type { Value } from '../value.js';

/**
 * The primitive conversions HCL applies implicitly (operands, conditions, template parts, index
 * keys), with cty's rules and wording: "1" is a number, true is the string "true", 1 is no bool.
 */

export type PrimitiveKind = 'string' | 'number' | 'bool';

/** Why `v` cannot become a `kind` ("a number is required"), or undefined when it can. */
export function conversionProblem(v: Value, kind: PrimitiveKind): string | undefined {
  try {
    convert(v, { kind });
    return undefined;
  } catch (err) {
    if (err instanceof ConversionError) return err.message;
    throw err;
  }
}

function attempt(v: Value, kind: PrimitiveKind): Value | undefined {
  if (v === null) return undefined;
  try {
    return convert(v, { kind });
  } catch (err) {
    if (err instanceof ConversionError) return undefined;
    throw err;
  }
}

export function asNumber(v: Value): number | undefined {
  return attempt(v, 'number') as number | undefined;
}

export function asBool(v: Value): boolean | undefined {
  return attempt(v, 'bool') as boolean | undefined;
}

export function asString(v: Value): string | undefined {
  return attempt(v, 'string') as string | undefined;
}

/** HCL's deep equality: values of different kinds are never equal (`1 == "1"` is false). */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => valuesEqual(item, b[i]!));
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && valuesEqual(a[k]!, b[k]!));
}

/** Map and object keys in the order cty iterates them: lexically, not JS's integer-first order. */
export function sortedKeys(o: object): string[] {
  return Object.keys(o).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}
