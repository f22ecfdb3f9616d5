import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionCallError } from '../../../src/hcl/functions/index.js';
import { callFunction } from './call-helper.js';
import { newObject, type Value } from '../../../src/hcl/value.js';

const ctx = { baseDir: '/nonexistent', allowFS: false };
const call = (name: string, ...args: Value[]): Value => callFunction(name, args, ctx);
const fmt = (format: string, ...args: Value[]): Value => callFunction('format', [format, ...args], ctx);
const fails = (name: string, args: Value[], message: string): void => {
  assert.throws(() => callFunction(name, args, ctx), (e: unknown) => e instanceof FunctionCallError && e.message === message);
};
const failed = (detail: string): string => `Error in function call; Call to function "format" failed: ${detail}.`;

test('string, boolean and default verbs', () => {
  assert.equal(fmt('Hello, %s!', 'Ander'), 'Hello, Ander!');
  assert.equal(fmt('%s|%8s|%-8s|%.3s', 'abc', 'abc', 'abc', 'abcdef'), 'abc|     abc|abc     |abc');
  assert.equal(fmt('%q', 'say "hi" <b>'), '"say \\"hi\\" \\u003cb\\u003e"');
  assert.equal(fmt('%t %t', true, 'false'), 'true false');
  assert.equal(fmt('%v %v %v %v', 'x', 1.5, true, null), 'x 1.5 true null');
  assert.equal(fmt('%v', [1, newObject([['b', 1], ['a', 'x']])]), '[1,{"a":"x","b":1}]');
  assert.equal(fmt('%#v', 'x'), '"x"');
  assert.equal(fmt('%v %v %v', 1000000, 123456, 0.00001), '1e+06 123456 1e-05');
  assert.equal(fmt('%s %s', 5, 1e21), '5 1000000000000000000000');
  assert.equal(fmt('100%%'), '100%');
  assert.equal(fmt('%5s|%-5v|', 'é', 'a'), '    é|a    |');
});

test('numeric verbs with width, precision and flags', () => {
  assert.equal(fmt('%d', 42), '42');
  assert.equal(fmt('%5d|%-5d|%05d|%+d|% d', 42, 42, 42, 42, 42), '   42|42   |00042|+42| 42');
  assert.equal(fmt('%d', '-7'), '-7');
  assert.equal(fmt('%.3d|%x|%X|%o|%b|%#x', 7, 255, 255, 8, 5, 255), '007|ff|FF|10|101|0xff');
  assert.equal(fmt('%f|%.2f|%8.3f|%-8.1f|%08.2f', 3.14159, 3.14159, 3.14159, 2.5, -3.5), '3.141590|3.14|   3.142|2.5     |-0003.50');
  assert.equal(fmt('%e|%E|%.2e', 123456.789, 0.000123, 5), '1.234568e+05|1.230000E-04|5.00e+00');
  assert.equal(fmt('%g|%g|%.3g|%g|%G', 123.456, 1e21, 1234.5678, 0.00001234, 1e-7), '123.456|1e+21|1.23e+03|1.234e-05|1E-07');
  assert.equal(fmt('%.2f', 1e22), '10000000000000000000000.00');
});

test('argument indexes; no star widths; every argument used', () => {
  assert.equal(fmt('%[2]s %[1]s', 'a', 'b'), 'b a');
  assert.equal(fmt('%[2]s %s', 'a', 'b', 'c'), 'b c');
  assert.equal(fmt('%5.1[2]f|%[1]d', 7, 2.25), '  2.2|7');
  fails('format', ['%*d', 4, 7], failed("unrecognized format character '*' at offset 1"));
  fails('format', ['%s', 'a', 'unused'], 'Invalid function argument; Invalid value for "args" parameter: too many arguments; only 1 used by format string.');
  fails('format', ['x', 'unused'], 'Invalid function argument; Invalid value for "args" parameter: too many arguments; no verbs in format string.');
});

test('format errors name the verb and its offset', () => {
  fails('format', ['%d', 1.5], failed('unsupported value for "%d" at 0: an integer is required'));
  fails('format', ['ab%d', 'x'], failed('unsupported value for "%d" at 2: a number is required'));
  fails('format', ['%s', null], failed('unsupported value for "%s" at 0: null value cannot be formatted'));
  fails('format', ['%s %s', 'a'], failed('not enough arguments for "%s" at 3: need index 2 but have 1 total'));
  fails('format', ['é%s %[3]s', 'a'], failed('not enough arguments for "%[3]s" at 5: need index 3 but have 1 total'));
  fails('format', ['%z', 1], failed('unsupported format verb \'z\' in "%z" at offset 0'));
  fails('format', ['abc%'], failed('invalid format string starting at offset 4'));
  fails('format', ['%!', 1], failed("unrecognized format character '!' at offset 1"));
  fails('format', ['%s', [1]], failed('unsupported value for "%s" at 0: string required, but have tuple'));
  fails('format', [], 'Not enough function arguments; Function "format" expects at least 1 argument(s). Missing value for "format".');
});

test('formatlist iterates over list arguments', () => {
  assert.deepEqual(call('formatlist', 'Hello, %s!', ['Valentina', 'Ander']), ['Hello, Valentina!', 'Hello, Ander!']);
  assert.deepEqual(call('formatlist', '%s, %s!', 'Salutations', ['Valentina', 'Ander']), ['Salutations, Valentina!', 'Salutations, Ander!']);
  assert.deepEqual(call('formatlist', '%s=%d', ['a', 'b'], [1, 2]), ['a=1', 'b=2']);
  assert.deepEqual(call('formatlist', '%s', []), []);
  assert.deepEqual(call('formatlist', 'x'), ['x']);
  fails('formatlist', ['%s %s', ['a'], ['b', 'c']], 'Invalid function argument; Invalid value for "args" parameter: argument 2 has length 2, which is inconsistent with argument 1 of length 1.');
  fails('formatlist', ['%d', ['a']], 'Error in function call; Call to function "formatlist" failed: error on format iteration 0: unsupported value for "%d" at 0: a number is required.');
});
