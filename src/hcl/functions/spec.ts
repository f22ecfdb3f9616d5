import type { Range } from '../source.js';
import type { Budget } from '../eval/budget.js';
import { BigFloat, intNumber } from '../cty/number.js';
import { ANY_LIST, BOOL, DYNAMIC, listOf, mapOf, NUMBER, setOf, STRING } from './types.js';
import type { Type } from '../cty/type.js';
import { bool as boolVal, num, str, type Val } from '../cty/value.js';
import { CallFailure } from './errors.js';

export { BOOL, DYNAMIC, listOf, mapOf, NUMBER, setOf, STRING, ANY_LIST };

/** What a function may touch outside its arguments. */
export interface FunctionContext {
  /** directory that relative paths resolve against (the job file's) */
  baseDir: string;
  /** the filesystem functions work only when true */
  allowFS: boolean;
  budget?: Budget;
  /** the call being evaluated, for the budget's messages */
  range?: Range;
}

/** A cty function parameter: arguments are converted to `type` before the function sees them. */
export interface Param {
  name: string;
  type: Type;
  allowNull?: boolean;
  allowUnknown?: boolean;
  allowDynamicType?: boolean;
}

export interface FunctionSpec {
  params: Param[];
  varParam?: Param;
  /** the result type for these arguments, or an ArgError / CallFailure (cty's Type callback) */
  type(args: Val[]): Type;
  /** the result, given known arguments (cty's Impl callback) */
  impl(args: Val[], retType: Type, ctx: FunctionContext): Val;
  /** needs the filesystem: refused unless the context allows it */
  fs?: boolean;
}

export type FunctionTable = Record<string, FunctionSpec>;

export function param(name: string, type: Type = DYNAMIC, flags: Omit<Param, 'name' | 'type'> = {}): Param {
  return { name, type, ...flags };
}

export const staticType =
  (t: Type) =>
  (): Type =>
    t;

const INT_RANGE = 'value must be a whole number, between -9223372036854775808 and 9223372036854775807';
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** gocty's conversion of a number to Go's int: whole and within int64, else cty's message. */
export function toInt(v: Val): number {
  if (v.isNull) throw new CallFailure('value must not be null');
  if (!v.isKnown) throw new CallFailure('value must be known');
  const n: BigFloat = v.num;
  if (!n.isInt() || n.isInf) throw new CallFailure(INT_RANGE);
  const i = n.toBigInt()!;
  if (i < INT64_MIN || i > INT64_MAX) throw new CallFailure(INT_RANGE);
  return Number(i);
}

export function intVal(n: number): Val {
  return num(intNumber(n));
}

/** A function of string parameters that returns a string or bool (most of go-cty-funcs' functions). */
export function stringsFn(names: string[], fn: (args: string[], ctx: FunctionContext) => string | boolean, fs = false): FunctionSpec {
  const spec: FunctionSpec = {
    params: names.map((n) => param(n, STRING)),
    type: () => STRING,
    impl: (args, _t, ctx) => {
      const out = fn(
        args.map((a) => a.str),
        ctx,
      );
      return typeof out === 'boolean' ? boolVal(out) : str(out);
    },
  };
  if (fs) spec.fs = true;
  return spec;
}
