import { convert, type Type } from '../types.js';
import type { Value } from '../value.js';
import { ArgError, CallFailure } from './errors.js';
import { ANY, param, setOf, valuesEqual, type FunctionTable } from './spec.js';
import { typeOf, unify } from './type-unify.js';

/** Set algebra. Each argument already arrives as a set (deduplicated, primitives sorted). */

function commonSets(sets: Value[][]): Value[][] {
  const elementTypes = sets.filter((s) => s.length > 0).flatMap((s) => s.map(typeOf));
  const element = unify(elementTypes);
  if (!element) throw new CallFailure('given sets must all have compatible element types');
  const setType: Type = setOf(element);
  return sets.map((s) => convert(s, setType) as Value[]);
}

function union(sets: Value[][]): Value {
  const all = commonSets(sets).flat();
  return convert(all, setOf(ANY));
}

function intersection(sets: Value[][]): Value {
  const [first, ...others] = commonSets(sets);
  return first!.filter((item) => others.every((s) => s.some((x) => valuesEqual(x, item))));
}

/** Every combination, first argument varying slowest, as tuples. */
function product(sets: Value[]): Value {
  if (sets.length < 2) throw new CallFailure('at least two arguments are required');
  const lists = sets.map((s, i) => {
    if (!Array.isArray(s)) throw new ArgError(i, 'a set or a list is required');
    const element = unify(s.map(typeOf));
    if (!element) throw new ArgError(i, 'all elements must be of the same type');
    return s.map((x) => convert(x, element));
  });
  let out: Value[][] = [[]];
  for (const list of lists) out = out.flatMap((prefix) => list.map((x) => [...prefix, x]));
  return out;
}

export const setFunctions: FunctionTable = {
  setunion: {
    params: [param('first_set', setOf(ANY))],
    varParam: param('other_sets', setOf(ANY)),
    impl: (args) => union(args as Value[][]),
  },
  setintersection: {
    params: [param('first_set', setOf(ANY))],
    varParam: param('other_sets', setOf(ANY)),
    impl: (args) => intersection(args as Value[][]),
  },
  setproduct: { params: [], varParam: param('sets', ANY), impl: product },
};
