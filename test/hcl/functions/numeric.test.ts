import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionCallError } from '../../../src/hcl/functions/index.js';
import { callFunction } from './call-helper.js';
import type { Value } from '../../../src/hcl/value.js';

const ctx = { baseDir: '/nonexistent', allowFS: false };
const call = (name: string, ...args: Value[]): Value => callFunction(name, args, ctx);
const fails = (name: string, args: Value[], message: string): void => {
  assert.throws(() => callFunction(name, args, ctx), (e: unknown) => e instanceof FunctionCallError && e.message === message);
};

test('arithmetic helpers', () => {
  assert.equal(call('abs', -12.4), 12.4);
  assert.equal(call('abs', '-3'), 3, 'numeric strings convert');
  assert.equal(call('ceil', 5.1), 6);
  assert.equal(call('ceil', -5.1), -5);
  assert.equal(call('floor', 4.9), 4);
  assert.equal(call('floor', -4.1), -5);
  assert.equal(call('log', 50, 10), Math.log(50) / Math.log(10));
  assert.equal(call('log', 16, 2), 4);
  assert.equal(call('pow', 3, 2), 9);
  assert.equal(call('pow', 4, 0.5), 2);
  assert.equal(call('signum', -13), -1);
  assert.equal(call('signum', 0), 0);
  assert.equal(call('signum', 344), 1);
  assert.equal(call('max', 12, 54, 3), 54);
  assert.equal(call('min', 12, 54, 3), 3);
  assert.equal(call('max', ...([5, '17'] as Value[])), 17);
  fails('max', [], 'Error in function call; Call to function "max" failed: must pass at least one number.');
  fails('abs', ['x'], 'Invalid function argument; Invalid value for "num" parameter: a number is required.');
  fails('abs', [true], 'Invalid function argument; Invalid value for "num" parameter: number required, but have bool.');
});

test('parseint', () => {
  assert.equal(call('parseint', '100', 10), 100);
  assert.equal(call('parseint', 'FF', 16), 255);
  assert.equal(call('parseint', '-10', 2), -2);
  assert.equal(call('parseint', '+zz', 36), 1295);
  assert.equal(call('parseint', 'Z', 62), 61);
  fails('parseint', ['12', 1], 'Invalid function argument; Invalid value for "base" parameter: base must be a whole number between 2 and 62 inclusive.');
  fails('parseint', ['12x', 10], 'Invalid function argument; Invalid value for "number" parameter: cannot parse "12x" as a base 10 integer.');
  fails('parseint', [12, 10], 'Invalid function argument; Invalid value for "number" parameter: first argument must be a string, not number.');
});
