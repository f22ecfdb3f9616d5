import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionCallError } from '../../../src/hcl/functions/index.js';
import { callFunction } from './call-helper.js';
import { newObject, type Value } from '../../../src/hcl/value.js';

const ctx = { baseDir: '/nonexistent', allowFS: false };
const call = (name: string, ...args: Value[]): Value => callFunction(name, args, ctx);
const fails = (name: string, args: Value[], message: string): void => {
  assert.throws(() => callFunction(name, args, ctx), (e: unknown) => e instanceof FunctionCallError && e.message === message);
};
const failed = (name: string, detail: string): string => `Error in function call; Call to function "${name}" failed: ${detail}.`;
const obj = (o: Record<string, Value>): Value => newObject(Object.entries(o));

test('chunklist, compact, concat, contains, distinct', () => {
  assert.deepEqual(call('chunklist', ['a', 'b', 'c', 'd', 'e'], 2), [['a', 'b'], ['c', 'd'], ['e']]);
  assert.deepEqual(call('chunklist', ['a', 'b'], 0), [['a', 'b']]);
  assert.deepEqual(call('chunklist', [], 3), []);
  fails('chunklist', [['a'], -1], failed('chunklist', 'the size argument must be positive'));
  assert.deepEqual(call('compact', ['a', '', 'b', null, 'c']), ['a', 'b', 'c']);
  assert.deepEqual(call('concat', ['a', ''], ['b', 'c'], [1]), ['a', '', 'b', 'c', 1]);
  fails('concat', [['a'], 'b'], 'Invalid function argument; Invalid value for "seqs" parameter: all arguments must be lists or tuples; got string.');
  fails('concat', [], failed('concat', 'at least one argument is required'));
  assert.equal(call('contains', ['a', 'b', 'c'], 'a'), true);
  assert.equal(call('contains', ['a', 'b', 'c'], 'd'), false);
  assert.equal(call('contains', [1, 2], '1'), false, 'equality does not convert between kinds');
  assert.equal(call('contains', [obj({ a: [1] })], obj({ a: [1] })), true);
  fails('contains', ['abc', 'a'], failed('contains', 'argument must be list, tuple, or set'));
  assert.deepEqual(call('distinct', ['a', 'b', 'a', 'c', 'd', 'b']), ['a', 'b', 'c', 'd']);
  assert.deepEqual(call('distinct', [1, '1']), ['1'], 'elements are first unified to one type');
});

test('element wraps around; index reads by key', () => {
  assert.equal(call('element', ['a', 'b', 'c'], 1), 'b');
  assert.equal(call('element', ['a', 'b', 'c'], 3), 'a');
  assert.equal(call('element', ['a', 'b', 'c'], 7), 'b');
  assert.equal(call('element', ['a', 'b', 'c'], -1), 'c', 'negative indices count from the end (cty 1.15)');
  fails('element', [[], 0], failed('element', 'cannot use element function with an empty list'));
  fails('element', ['abc', 0], failed('element', 'cannot read elements from string'));
  fails('element', [['a'], 0.5], failed('element', 'invalid index: value must be a whole number, between -9223372036854775808 and 9223372036854775807'));
  assert.equal(call('index', ['a', 'b'], 1), 'b');
  fails('index', [obj({ k: 'v' }), 'k'], failed('index', 'collection must be a list, a map or a tuple'));
  fails('index', [['a'], 3], failed('index', 'key must be between 0 and 1 inclusive'));
  fails('index', [['a'], 'a'], failed('index', 'key for tuple must be number'));
});

test('flatten, length, range, slice, sort', () => {
  assert.deepEqual(call('flatten', [['a', 'b'], [], ['c', ['d', []]], 'e']), ['a', 'b', 'c', 'd', 'e']);
  fails('flatten', ['x'], failed('flatten', 'can only flatten lists, sets and tuples'));
  assert.equal(call('length', []), 0);
  assert.equal(call('length', ['a', 'b']), 2);
  fails('length', [obj({ a: 1, b: 2 })], failed('length', 'collection must be a list, a map or a tuple'));
  fails('length', ['abc'], failed('length', 'collection must be a list, a map or a tuple'));
  fails('length', [null], 'Invalid function argument; Invalid value for "collection" parameter: argument must not be null.');
  assert.deepEqual(call('range', 3), [0, 1, 2]);
  assert.deepEqual(call('range', -3), [0, -1, -2]);
  assert.deepEqual(call('range', 1, 4), [1, 2, 3]);
  assert.deepEqual(call('range', 4, 1), [4, 3, 2]);
  assert.deepEqual(call('range', 1, 8, 2), [1, 3, 5, 7]);
  assert.deepEqual(call('range', 0, 1, 0.25), [0, 0.25, 0.5, 0.75]);
  assert.deepEqual(call('range', 0), []);
  fails('range', [1, 2, 0], failed('range', 'more than 1024 values were generated; either decrease the difference between start and end or use a smaller step'));
  fails('range', [1, 0, 1], 'Invalid function argument; Invalid value for "params" parameter: end must be greater than start when step is positive.');
  fails('range', [], failed('range', 'must have one, two, or three arguments'));
  fails('range', [2000], failed('range', 'more than 1024 values were generated; either decrease the difference between start and end or use a smaller step'));
  assert.deepEqual(call('slice', ['a', 'b', 'c', 'd'], 1, 3), ['b', 'c']);
  assert.deepEqual(call('slice', ['a'], 1, 1), []);
  fails('slice', [['a'], 0, 2], 'Invalid function argument; Invalid value for "end_index" parameter: end index must not be greater than the length of the list.');
  fails('slice', [['a', 'b'], 2, 1], 'Invalid function argument; Invalid value for "start_index" parameter: start index must not be greater than end index.');
  assert.deepEqual(call('sort', ['e', 'd', 'a', 'x', 'B', 'é']), ['B', 'a', 'd', 'e', 'x', 'é']);
  assert.deepEqual(call('sort', [3, 20, 1]), ['1', '20', '3'], 'numbers sort as strings');
  fails('sort', [['a', null]], failed('sort', 'given list element 1 is null; a null string cannot be sorted'));
});

test('maps: keys, values, lookup, merge, zipmap', () => {
  const m = obj({ b: 2, a: 1, c: 3 });
  assert.deepEqual(call('keys', m), ['a', 'b', 'c']);
  assert.deepEqual(call('values', m), [1, 2, 3]);
  fails('keys', [['a']], 'Invalid function argument; Invalid value for "inputMap" parameter: must have map or object type.');
  fails('values', ['a'], failed('values', 'values() requires a map as the first argument'));
  assert.equal(call('lookup', obj({ a: 'ay', b: 'bee' }), 'a', 'what?'), 'ay');
  assert.equal(call('lookup', obj({ a: 'ay', b: 'bee' }), 'c', 'what?'), 'what?');
  fails('lookup', [obj({ a: 'ay' }), 'c', null], 'Invalid function argument; Invalid value for "default" parameter: argument must not be null.');
  fails('lookup', [obj({ a: 'ay' }), 'c'], 'Not enough function arguments; Function "lookup" expects 3 argument(s). Missing value for "default".');
  fails('lookup', [['a'], 'c', 'd'], 'Invalid function argument; Invalid value for "inputMap" parameter: lookup() requires a map as the first argument.');
  assert.deepEqual(call('merge', obj({ a: 'b', c: 'd' }), obj({ e: 'f', c: 'z' })), obj({ a: 'b', c: 'z', e: 'f' }));
  assert.deepEqual(call('merge', obj({ a: 1 }), null), obj({ a: 1 }));
  assert.deepEqual(call('merge'), obj({}));
  assert.deepEqual(call('merge', null, null), obj({}));
  fails('merge', [obj({}), ['x']], failed('merge', 'arguments must be maps or objects, got "tuple"'));
  assert.deepEqual(call('zipmap', ['a', 'b'], [1, ['x']]), obj({ a: 1, b: ['x'] }));
  fails('zipmap', [['a'], [1, 2]], failed('zipmap', 'number of keys (1) does not match number of values (2)'));
});

test('coalescing', () => {
  assert.equal(call('coalesce', 'a', 'b'), 'a');
  assert.equal(call('coalesce', null, 'b'), 'b');
  assert.equal(call('coalesce', '', 'b'), '', "cty's coalesce skips nulls only");
  assert.equal(call('coalesce', 1, 'two'), '1', 'the result has the arguments\u2019 common type');
  fails('coalesce', [1, true], failed('coalesce', 'all arguments must have the same type'));
  fails('coalesce', [null], failed('coalesce', 'no non-null arguments'));
  assert.deepEqual(call('coalescelist', [], ['c', 'd']), ['c', 'd']);
  fails('coalescelist', [null, ['a']], failed('coalescelist', 'coalescelist arguments must be lists or tuples'));
  fails('coalescelist', [[], []], failed('coalescelist', 'no non-null arguments'));
  fails('coalescelist', ['a'], failed('coalescelist', 'coalescelist arguments must be lists or tuples'));
});

test('sets', () => {
  assert.deepEqual(call('setunion', ['b', 'a'], ['c', 'a']), ['a', 'b', 'c']);
  assert.deepEqual(call('setunion', [1], ['x']), ['1', 'x']);
  assert.deepEqual(call('setintersection', ['a', 'b', 'c'], ['b', 'c', 'd'], ['c', 'b']), ['b', 'c']);
  assert.deepEqual(call('setintersection', [3, 1, 2], []), []);
  fails('setunion', [['a'], [['b']]], failed('setunion', 'given sets must all have compatible element types'));
  assert.deepEqual(call('setproduct', ['development', 'staging'], ['app1', 'app2']), [
    ['development', 'app1'],
    ['development', 'app2'],
    ['staging', 'app1'],
    ['staging', 'app2'],
  ]);
  assert.deepEqual(call('setproduct', ['a'], [1, 'x'], [true]), [['a', '1', true], ['a', 'x', true]]);
  assert.deepEqual(call('setproduct', ['a'], []), []);
  fails('setproduct', [['a']], failed('setproduct', 'at least two arguments are required'));
  fails('setproduct', [['a'], 'b'], 'Invalid function argument; Invalid value for "sets" parameter: a set or a list is required.');
});
