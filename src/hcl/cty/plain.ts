import { isObject, newObject, type Value } from '../value.js';
import { BigFloat } from './bigfloat.js';
import { numberText, parseNumber } from './number.js';
import { bool, list, map, nullOf, NULL_DYNAMIC, num, object, str, tuple, type Val } from './value.js';
import { DYNAMIC } from './type.js';

/**
 * Between cty values and the plain values the job decoder reads (strings, JS numbers, booleans, arrays,
 * null-prototype objects). A number becomes a JS number when the double holds it exactly as cty writes
 * it; otherwise (more digits than a double has, infinities) its exact decimal text, which every decoder
 * conversion takes back as that number, as HCL's decoding into Go fields converts between the two.
 */
export function toPlain(v: Val): Value {
  if (v.isNull || !v.isKnown) return null;
  switch (v.type.kind) {
    case 'string':
      return v.str;
    case 'bool':
      return v.bool;
    case 'number':
      return plainNumber(v.num);
    case 'list':
    case 'set':
    case 'tuple':
      return v.items.map(toPlain);
    case 'map':
    case 'object':
      return newObject([...v.entries].map(([k, e]) => [k, toPlain(e)] as const));
    default:
      return null;
  }
}

export function plainNumber(n: BigFloat): number | string {
  // An integer below 2^53 held with at least its own bits is written digit for digit: no decimal search needed.
  if (n.isZero) return n.neg ? '-0' : 0;
  if (n.isInt() && n.goExp <= 53 && n.prec >= n.goExp) return Number(n.toBigInt());
  const text = numberText(n);
  const d = n.toFloat64();
  if (Object.is(d, -0) || !Number.isFinite(d)) return text;
  return shortestText(d) === text ? d : text;
}

/** A double's shortest decimal text in cty's layout (no exponent). */
function shortestText(d: number): string {
  return numberText(BigFloat.fromFloat64(d).withPrec(53));
}

/** A plain value as cty would have it from a literal: arrays are tuples, objects are objects. */
export function fromPlain(v: Value): Val {
  if (v === null) return NULL_DYNAMIC;
  if (typeof v === 'string') return str(v);
  if (typeof v === 'boolean') return bool(v);
  if (typeof v === 'number') return num(parseNumber(String(v)) ?? BigFloat.fromFloat64(v));
  if (Array.isArray(v)) return tuple(v.map(fromPlain));
  if (isObject(v)) return object(Object.keys(v).map((k) => [k, fromPlain(v[k]!)] as const));
  return NULL_DYNAMIC;
}

export { list, map, nullOf, DYNAMIC };
