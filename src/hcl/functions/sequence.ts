import { convert, ConversionError } from '../cty/convert.js';
import { unify } from '../cty/unify.js';
import { add, intNumber } from '../cty/number.js';
import { friendlyName, listOf, NUMBER, tupleOf, type Type } from '../cty/type.js';
import { DYNAMIC_VAL, list, num, tuple, type Val } from '../cty/value.js';
import { ArgError, CallFailure } from './errors.js';
import { param, staticType, type FunctionTable } from './spec.js';

/** concat and range (sequence.go). */

function concatType(args: Val[]): Type {
  if (args.length === 0) throw new CallFailure('at least one argument is required');
  if (args[0]!.type.kind === 'list' && args.every((a) => a.type.kind === 'list')) {
    const u = unify(
      args.map((a) => a.type),
      true,
    );
    if (u) return u.type;
  }
  const etys: Type[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.type;
    if (t.kind === 'tuple') etys.push(...t.elements);
    else if (t.kind === 'list') {
      if (!args[i]!.isKnown) return DYNAMIC_VAL.type;
      for (let j = 0; j < args[i]!.length; j++) etys.push(t.element);
    } else {
      throw new ArgError(i, `all arguments must be lists or tuples; got ${friendlyName(t)}`);
    }
  }
  return tupleOf(etys);
}

/** cty's range: start, end and step as cty numbers, each value the previous one plus step. */
function range(args: Val[]): Val {
  let start: Val;
  let end: Val;
  let step: Val;
  const zero = num(intNumber(0));
  if (args.length === 1) {
    [start, end, step] = [zero, args[0]!, num(intNumber(args[0]!.num.cmp(zero.num) < 0 ? -1 : 1))];
  } else if (args.length === 2) {
    [start, end, step] = [args[0]!, args[1]!, num(intNumber(args[1]!.num.cmp(args[0]!.num) < 0 ? -1 : 1))];
  } else if (args.length === 3) {
    [start, end, step] = args as [Val, Val, Val];
  } else {
    throw new CallFailure('must have one, two, or three arguments');
  }
  // cty's check for a zero step compares with its own Zero value, which no argument ever is: a step of 0
  // runs into the 1024-value limit instead.
  const down = step.num.sign < 0;
  if (down ? end.num.cmp(start.num) > 0 : end.num.cmp(start.num) < 0) {
    throw new ArgError(1, down ? 'end must be less than start when step is negative' : 'end must be greater than start when step is positive');
  }
  const vals: Val[] = [];
  for (let n = start; ; ) {
    const c = n.num.cmp(end.num);
    if (down ? c <= 0 : c >= 0) break;
    if (vals.length >= 1024) {
      throw new CallFailure('more than 1024 values were generated; either decrease the difference between start and end or use a smaller step');
    }
    vals.push(n);
    n = num(add(n.num, step.num));
  }
  return list(vals, NUMBER);
}

export const sequenceFunctions: FunctionTable = {
  concat: {
    params: [],
    varParam: param('seqs'),
    type: concatType,
    impl: (args, retType) => {
      if (retType.kind === 'list') {
        const vals: Val[] = [];
        args.forEach((l, i) => {
          try {
            vals.push(...convert(l, retType).items);
          } catch (err) {
            if (err instanceof ConversionError) throw new ArgError(i, err.message);
            throw err;
          }
        });
        return list(vals, retType.element);
      }
      return tuple(args.flatMap((s) => s.items));
    },
  },
  range: {
    params: [],
    varParam: param('params', NUMBER),
    type: staticType(listOf(NUMBER)),
    impl: range,
  },
};
