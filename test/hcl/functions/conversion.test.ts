import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callFunction, FunctionCallError } from '../../../src/hcl/functions/index.js';
import { newObject, type Value } from '../../../src/hcl/value.js';

const ctx = { baseDir: '/nonexistent', allowFS: false };
const call = (name: string, ...args: Value[]): Value => callFunction(name, args, ctx);
const fails = (name: string, args: Value[], message: string): void => {
  assert.throws(() => callFunction(name, args, ctx), (e: unknown) => e instanceof FunctionCallError && e.message === message);
};
const invalid = (detail: string): string => `Invalid function argument; Invalid value for "v" parameter: ${detail}.`;
const obj = (o: Record<string, Value>): Value => newObject(Object.entries(o));

test('primitive conversions', () => {
  assert.equal(call('tostring', 5), '5');
  assert.equal(call('tostring', 0.1), '0.1');
  assert.equal(call('tostring', true), 'true');
  assert.equal(call('tostring', null), null);
  assert.equal(call('tonumber', '42'), 42);
  assert.equal(call('tonumber', '-1.5e3'), -1500);
  assert.equal(call('tobool', 'true'), true);
  assert.equal(call('tobool', false), false);
  fails('tonumber', ['abc'], invalid('cannot convert "abc" to number; given string must be a decimal representation of a number'));
  fails('tobool', ['yes'], invalid('cannot convert "yes" to bool; only the strings "true" or "false" are allowed'));
  fails('tostring', [['a']], invalid('cannot convert tuple to string'));
  fails('tonumber', [true], invalid('cannot convert bool to number'));
});

test('collection conversions', () => {
  assert.deepEqual(call('tolist', ['a', 'b', 3]), ['a', 'b', '3']);
  assert.deepEqual(call('toset', ['c', 'b', 'b', 'a']), ['a', 'b', 'c']);
  assert.deepEqual(call('toset', [3, 1, 2, 1]), [1, 2, 3]);
  assert.deepEqual(call('tomap', obj({ a: 1, b: 'x' })), obj({ a: '1', b: 'x' }));
  fails('tolist', [[1, true]], invalid('cannot convert tuple to list of any single type'));
  fails('tomap', [['a']], invalid('cannot convert tuple to map of any single type'));
  fails('tomap', [obj({ a: 1, b: ['x'] })], invalid('cannot convert object to map of any single type'));
});

test('convert needs the evaluator to read its type argument', () => {
  fails('convert', ['a', 'string'], 'Invalid function argument; Invalid value for "type" parameter: must be a type expression, such as list(string).');
});
