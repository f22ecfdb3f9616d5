import { convert, ConversionError } from '../cty/convert.js';
import { unify } from '../cty/unify.js';
import { DYNAMIC, setOf, type Type } from '../cty/type.js';
import { equals, hashString, set, unknown, type Val } from '../cty/value.js';
import { ArgError, CallFailure } from './errors.js';
import { param, type FunctionSpec, type FunctionTable } from './spec.js';

/** setunion and setintersection: every argument converted to one set type first. */

function setOperationType(args: Val[]): Type {
  const etys: Type[] = [];
  for (const arg of args) {
    const ety = (arg.type as { element: Type }).element;
    if (arg.isKnown && arg.length === 0 && ety.kind === 'any') continue;
    etys.push(ety);
  }
  if (etys.length === 0) return setOf(DYNAMIC);
  const u = unify(etys, true);
  if (!u) throw new CallFailure('given sets must all have compatible element types');
  return setOf(u.type);
}

function has(s: readonly Val[], v: Val): boolean {
  const h = hashString(v);
  return s.some((x) => hashString(x) === h && equals(x, v).v === true);
}

function setOperation(combine: (a: readonly Val[], b: readonly Val[]) => Val[], allowUnknowns: boolean): FunctionSpec['impl'] {
  return (args, retType) => {
    const ety = (retType as { element: Type }).element;
    let acc: readonly Val[] = [];
    for (let i = 0; i < args.length; i++) {
      let s: Val;
      try {
        s = convert(args[i]!, retType);
      } catch (err) {
        if (err instanceof ConversionError) throw new ArgError(i, err.message);
        throw err;
      }
      if (!allowUnknowns && !s.isWhollyKnown) return unknown(retType);
      acc = i === 0 ? s.items : combine(acc, s.items);
    }
    return set(acc, ety);
  };
}

const setParams = { params: [param('first_set', setOf(DYNAMIC), { allowDynamicType: true })], varParam: param('other_sets', setOf(DYNAMIC), { allowDynamicType: true }) };

export const setFunctions: FunctionTable = {
  setunion: {
    ...setParams,
    type: setOperationType,
    impl: setOperation((a, b) => [...a, ...b.filter((x) => !has(a, x))], true),
  },
  setintersection: {
    ...setParams,
    type: setOperationType,
    impl: setOperation((a, b) => a.filter((x) => has(b, x)), false),
  },
};
