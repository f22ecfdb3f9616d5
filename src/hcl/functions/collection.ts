import { friendlyName } from '../types.js';
import { isObject, type Value } from '../value.js';
import { ArgError, CallFailure } from './errors.js';
import { ANY, listOf, NUMBER, param, STRING, valuesEqual, wholeNumber, type FunctionTable } from './spec.js';
import { compareStrings } from './text.js';
import { typeOf } from './type-unify.js';

/** Lists, tuples and sets: the sequence functions of cty's stdlib. */

function kindName(v: Value): string {
  return friendlyName(typeOf(v));
}

function whole(n: number, what: string, argIndex?: number): number {
  try {
    return wholeNumber(n);
  } catch (e) {
    const message = `${what}: ${(e as Error).message}`;
    throw argIndex === undefined ? new CallFailure(message) : new ArgError(argIndex, message);
  }
}

function chunklist(list: Value[], sizeArg: number): Value {
  const size = whole(sizeArg, 'invalid size');
  if (size < 0) throw new CallFailure('the size argument must be positive');
  if (list.length === 0) return [];
  if (size === 0) return [list];
  const out: Value[] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function element(list: Value, indexArg: number): Value {
  const index = whole(indexArg, 'invalid index');
  if (index < 0) throw new CallFailure('cannot use element function with a negative index');
  if (!Array.isArray(list)) throw new CallFailure(`cannot read elements from ${kindName(list)}`);
  if (list.length === 0) throw new CallFailure('cannot use element function with an empty list');
  return list[index % list.length]!;
}

function flatten(list: Value): Value[] {
  if (!Array.isArray(list)) throw new CallFailure('can only flatten lists, sets and tuples');
  return list.flatMap((item) => (Array.isArray(item) ? flatten(item) : [item]));
}

/** cty's index(): `collection[key]` as a function (Nomad's table binds this, not Terraform's search). */
function index(collection: Value, key: Value): Value {
  if (Array.isArray(collection)) {
    if (typeof key !== 'number') throw new CallFailure('key for tuple must be number');
    const i = whole(key, 'invalid key for tuple');
    if (i < 0 || i >= collection.length) throw new CallFailure(`key must be between 0 and ${collection.length - 1} inclusive`);
    return collection[i]!;
  }
  if (isObject(collection)) {
    if (typeof key !== 'string') throw new CallFailure('key for map must be string');
    if (!(key in collection)) throw new CallFailure('invalid index');
    return collection[key]!;
  }
  throw new CallFailure('collection must be a list, a map or a tuple');
}

function length(collection: Value): number {
  if (Array.isArray(collection)) return collection.length;
  if (isObject(collection)) return Object.keys(collection).length;
  throw new CallFailure('collection must be a list, a map or a tuple');
}

function range(args: Value[]): Value {
  const nums = args as number[];
  let start = 0;
  let end: number;
  let step: number;
  if (nums.length === 1) {
    end = nums[0]!;
    step = end < 0 ? -1 : 1;
  } else if (nums.length === 2) {
    [start, end] = nums as [number, number];
    step = end < start ? -1 : 1;
  } else if (nums.length === 3) {
    [start, end, step] = nums as [number, number, number];
  } else {
    throw new CallFailure('must have one, two, or three arguments');
  }
  if (step === 0) throw new ArgError(2, 'step must not be zero');
  const down = step < 0;
  if (down && end > start) throw new ArgError(1, 'end must be less than start when step is negative');
  if (!down && end < start) throw new ArgError(1, 'end must be greater than start when step is positive');
  const out: number[] = [];
  for (let n = start; down ? n > end : n < end; n += step) {
    if (out.length >= 1024) {
      throw new CallFailure('more than 1024 values were generated; either decrease the difference between start and end or use a smaller step');
    }
    out.push(n);
  }
  return out;
}

function slice(list: Value, startArg: number, endArg: number): Value {
  if (!Array.isArray(list)) throw new ArgError(0, 'must be a list or tuple value');
  const start = whole(startArg, 'invalid start index', 1);
  const end = whole(endArg, 'invalid end index', 2);
  if (start < 0) throw new ArgError(1, 'start index must not be less than zero');
  if (start > list.length) throw new ArgError(1, 'start index must not be greater than the length of the list');
  if (end < 0) throw new ArgError(2, 'end index must not be less than zero');
  if (end > list.length) throw new ArgError(2, 'end index must not be greater than the length of the list');
  if (start > end) throw new ArgError(1, 'start index must not be greater than end index');
  return list.slice(start, end);
}

function sortStrings(list: Value[]): Value {
  list.forEach((v, i) => {
    if (v === null) throw new CallFailure(`given list element ${i} is null; a null string cannot be sorted`);
  });
  return [...(list as string[])].sort(compareStrings);
}

function concat(seqs: Value[]): Value {
  if (seqs.length === 0) throw new CallFailure('at least one argument is required');
  return seqs.flatMap((seq, i) => {
    if (!Array.isArray(seq)) throw new ArgError(i, `all arguments must be lists or tuples; got ${kindName(seq)}`);
    return seq;
  });
}

function contains(list: Value, value: Value): boolean {
  if (!Array.isArray(list)) throw new CallFailure('argument must be list, tuple, or set');
  return list.some((item) => valuesEqual(item, value));
}

function distinct(list: Value[]): Value {
  const out: Value[] = [];
  for (const item of list) if (!out.some((x) => valuesEqual(x, item))) out.push(item);
  return out;
}

const list = param('list', ANY);

export const collectionFunctions: FunctionTable = {
  chunklist: {
    params: [param('list', listOf(ANY)), param('size', NUMBER)],
    impl: ([l, size]) => chunklist(l as Value[], size as number),
  },
  compact: {
    params: [param('list', listOf(STRING))],
    impl: ([l]) => (l as Value[]).filter((x) => x !== null && x !== ''),
  },
  concat: { params: [], varParam: param('seqs', ANY), impl: concat },
  contains: { params: [list, param('value', ANY)], impl: ([l, v]) => contains(l!, v!) },
  distinct: { params: [param('list', listOf(ANY))], impl: ([l]) => distinct(l as Value[]) },
  element: { params: [list, param('index', NUMBER)], impl: ([l, i]) => element(l!, i as number) },
  flatten: { params: [list], impl: ([l]) => flatten(l!) },
  index: { params: [param('collection', ANY), param('key', ANY)], impl: ([c, k]) => index(c!, k!) },
  length: { params: [param('collection', ANY)], impl: ([c]) => length(c!) },
  range: { params: [], varParam: param('params', NUMBER), impl: range },
  slice: {
    params: [list, param('start_index', NUMBER), param('end_index', NUMBER)],
    impl: ([l, s, e]) => slice(l!, s as number, e as number),
  },
  sort: { params: [param('list', listOf(STRING))], impl: ([l]) => sortStrings(l as Value[]) },
};
