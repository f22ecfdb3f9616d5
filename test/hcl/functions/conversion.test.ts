import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionCallError } from '../../../src/hcl/functions/index.js';
import { callFunction } from './call-helper.js';
import type { Value } from '../../../src/hcl/value.js';

const ctx = { baseDir: '/nonexistent', allowFS: false };
const fails = (name: string, args: Value[], message: string): void => {
  assert.throws(() => callFunction(name, args, ctx), (e: unknown) => e instanceof FunctionCallError && e.message === message);
};

test('convert needs the evaluator to read its type argument', () => {
  fails('convert', ['a', 'string'], 'Invalid function argument; Invalid value for "type" parameter: must be a type expression, such as list(string).');
});
