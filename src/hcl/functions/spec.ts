import type { Type } from '../types.js';
import { isObject, type Value } from '../value.js';
import { ANY } from './type-unify.js';
import { ArgError, CallFailure } from './errors.js';
import { compareStrings } from './text.js';

export { ANY, BOOL, NUMBER, STRING } from './type-unify.js';

/** What a function may touch outside its arguments. */
export interface FunctionContext {
  /** directory that relative paths resolve against (the job file's) */
  baseDir: string;
  /** the filesystem functions work only when true */
  allowFS: boolean;
}

export interface Param {
  name: string;
  /** arguments are converted to this type before the implementation sees them */
  type: Type;
  allowNull?: boolean;
}

export interface FunctionSpec {
  params: Param[];
  varParam?: Param;
  /** needs the filesystem: refused unless the context allows it */
  fs?: boolean;
  impl(args: Value[], ctx: FunctionContext): Value;
}

export type FunctionTable = Record<string, FunctionSpec>;

export function param(name: string, type: Type = ANY, allowNull = false): Param {
  return allowNull ? { name, type, allowNull } : { name, type };
}

export const listOf = (element: Type): Type => ({ kind: 'list', element });
export const setOf = (element: Type): Type => ({ kind: 'set', element });

/** Go's int conversion of a number argument, which refuses fractions. */
export function wholeNumber(n: number, argIndex?: number): number {
  if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return n;
  const message = 'value must be a whole number, between -9223372036854775808 and 9223372036854775807';
  throw argIndex === undefined ? new CallFailure(message) : new ArgError(argIndex, message);
}

/** cty equality: same kind and same content, with no conversion between kinds. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]!));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => k in b && valuesEqual(a[k]!, b[k]!));
}

/** Object keys in cty's iteration order (lexicographic by bytes). */
export function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort(compareStrings);
}
