import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FunctionCallError, functionNames, hasFunction } from '../../../src/hcl/functions/index.js';
import { callFunction } from './call-helper.js';

const ctx = { baseDir: '/nonexistent', allowFS: false };

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const NOMAD = JSON.parse(readFileSync(`${ROOT}fixtures/conformance/nomad-functions.json`, 'utf8')) as { functions: string[] };

test('the table is exactly Nomad\u2019s (can and try are provided by the evaluator)', () => {
  assert.deepEqual([...functionNames(), 'can', 'try'].sort(), [...NOMAD.functions].sort());
  assert.equal(hasFunction('upper'), true);
  for (const missing of ['timestamp', 'can', 'try', 'toString', 'tostring', 'tonumber', 'tobool', 'tolist', 'toset', 'tomap', 'fileescaped']) {
    assert.equal(hasFunction(missing), false, missing);
  }
});

test('arity and argument errors use HCL wording and point at the argument', () => {
  const cases: [string, unknown[], string, number | undefined][] = [
    ['upper', [], 'Not enough function arguments; Function "upper" expects 1 argument(s). Missing value for "str".', undefined],
    ['join', [], 'Not enough function arguments; Function "join" expects at least 1 argument(s). Missing value for "separator".', undefined],
    ['substr', ['a', 1], 'Not enough function arguments; Function "substr" expects 3 argument(s). Missing value for "length".', undefined],
    ['upper', ['a', 'b'], 'Too many function arguments; Function "upper" expects only 1 argument(s).', undefined],
    ['upper', [['a']], 'Invalid function argument; Invalid value for "str" parameter: string required, but have tuple.', 0],
    ['upper', [null], 'Invalid function argument; Invalid value for "str" parameter: argument must not be null.', 0],
    ['split', [',', { a: 1 }], 'Invalid function argument; Invalid value for "str" parameter: string required, but have object.', 1],
    ['compact', [['a', ['b']]], 'Invalid function argument; Invalid value for "list" parameter: element 1: string required, but have tuple.', 0],
    ['max', [1, 'x'], 'Invalid function argument; Invalid value for "numbers" parameter: a number is required.', 1],
    ['nosuch', [], 'Call to unknown function; There is no function named "nosuch".', undefined],
  ];
  for (const [name, args, message, argIndex] of cases) {
    assert.throws(
      () => callFunction(name, args as never, ctx),
      (e: unknown) => e instanceof FunctionCallError && e.message === message && e.argIndex === argIndex,
      `${name}(${JSON.stringify(args)})`,
    );
  }
});

test('errors carry summary and detail separately', () => {
  try {
    callFunction('upper', [], ctx);
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof FunctionCallError);
    assert.equal(e.summary, 'Not enough function arguments');
    assert.equal(e.detail, 'Function "upper" expects 1 argument(s). Missing value for "str".');
  }
});
