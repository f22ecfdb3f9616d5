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

test('case functions map per character', () => {
  assert.equal(call('upper', 'hello wörld'), 'HELLO WÖRLD');
  assert.equal(call('lower', 'HELLO ÄB'), 'hello äb');
  assert.equal(call('upper', 'straße'), 'STRAßE');
  assert.equal(call('title', "hello world, it's o'neil_x-y"), "Hello World, It'S O'Neil_x-Y");
  assert.equal(call('upper', 42), '42', 'numbers convert to strings as cty does');
});

test('length, reversal and substrings count grapheme clusters', () => {
  assert.equal(call('strlen', 'héllo'), 5);
  assert.equal(call('strlen', 'e\u0301👍🏽'), 2);
  assert.equal(call('strrev', 'hello'), 'olleh');
  assert.equal(call('strrev', 'ae\u0301b'), 'b\u00e9a', 'strings are in normal form C first');
  assert.equal(call('reverse', 'abc'), 'cba', "Nomad binds reverse to cty's string reversal");
  assert.equal(call('substr', 'hello world', 1, 4), 'ello');
  assert.equal(call('substr', 'hello world', -5, 3), 'wor');
  assert.equal(call('substr', 'hello', 2, -1), 'llo');
  assert.equal(call('substr', '🤔🤷x', 1, 1), '🤷');
  assert.equal(call('substr', 'hello', 10, 2), '');
  fails('substr', ['hello', 1.5, 1], 'Error in function call; Call to function "substr" failed: value must be a whole number, between -9223372036854775808 and 9223372036854775807.');
  fails('reverse', [['a']], 'Invalid function argument; Invalid value for "str" parameter: string required, but have tuple.');
});

test('trimming follows Go', () => {
  assert.equal(call('trim', '?!hello?!', '!?'), 'hello');
  assert.equal(call('trimprefix', 'helloworld', 'hello'), 'world');
  assert.equal(call('trimprefix', 'helloworld', 'x'), 'helloworld');
  assert.equal(call('trimsuffix', 'helloworld', 'world'), 'hello');
  assert.equal(call('trimspace', '\t  hello \n\u00a0'), 'hello');
  assert.equal(call('trimspace', '\ufeffx'), '\ufeffx');
  assert.equal(call('chomp', 'hello\r\n\n\r'), 'hello');
  assert.equal(call('chomp', 'a\nb'), 'a\nb');
  assert.equal(call('indent', 2, 'a\nb\nc'), 'a\n  b\n  c');
});

test('split and join', () => {
  assert.deepEqual(call('split', ',', 'a,b,,c'), ['a', 'b', '', 'c']);
  assert.deepEqual(call('split', ',', ''), ['']);
  assert.deepEqual(call('split', '', 'aé'), ['a', 'é']);
  assert.equal(call('join', ', ', ['a', 'b'], ['c']), 'a, b, c');
  assert.equal(call('join', '-', [1, true]), '1-true');
  assert.equal(call('join', '-', []), '');
  fails('join', ['-'], 'Error in function call; Call to function "join" failed: at least one list is required.');
  fails('join', ['-', ['a', null]], 'Invalid function argument; Invalid value for "lists" parameter: element 1 is null; cannot concatenate null values.');
  fails('join', ['-', ['a'], [null]], 'Invalid function argument; Invalid value for "lists" parameter: element 0 of list 2 is null; cannot concatenate null values.');
  fails('join', ['-', [['a']]], 'Invalid function argument; Invalid value for "lists" parameter: element 0: string required, but have tuple.');
});

test('replace is literal, regex_replace is RE2 with Go templates', () => {
  assert.equal(call('replace', '1 + 2 + 3', '+', '-'), '1 - 2 - 3');
  assert.equal(call('replace', 'abc', '', '-'), '-a-b-c-');
  assert.equal(call('replace', 'hello world', '/w.*d/', 'everybody'), 'hello world', "Nomad's replace is cty's, not Terraform's: no /regex/");
  assert.equal(call('replace', 'a/w/b', '/w/', '-'), 'a-b');
  assert.equal(call('regex_replace', 'a1b22', '(\\d+)', '<$1>'), 'a<1>b<22>');
  assert.equal(call('regex_replace', 'a1', '(\\d)', '$1x|${1}x|$$'), 'a|1x|$');
  assert.equal(call('regex_replace', 'Hello', '(?i)h', 'j'), 'jello');
  assert.equal(call('regex_replace', 'aaa', 'a*', '-'), '-', 'an empty match right after a match is skipped, as in Go');
  assert.equal(call('regex_replace', 'aa', 'a{2}', 'b'), 'b');
  assert.equal(call('regex_replace', 'key=value', '(?P<k>\\w+)=(?P<v>\\w+)', '${v}=${k}'), 'value=key');
  assert.equal(call('regex_replace', 'a.b-c', '[[:punct:]]', '_'), 'a_b_c');
  assert.equal(call('regex_replace', 'ab\nab', 'b\\z', 'X'), 'ab\naX');
  assert.equal(call('regex_replace', 'x{1}', 'x\\{', 'y'), 'y1}');
  assert.equal(call('regex_replace', '1-2', '\\-', '+'), '1+2');
  fails('regex_replace', ['a', '(', 'b'], 'Error in function call; Call to function "regex_replace" failed: error parsing regexp: missing closing ): `(`.');
  fails('regex_replace', ['aa', '(a)\\1', 'b'], 'Error in function call; Call to function "regex_replace" failed: error parsing regexp: invalid escape sequence: `\\1`.');
  fails('regex_replace', ['a', '(?=a)', 'b'], 'Error in function call; Call to function "regex_replace" failed: error parsing regexp: invalid or unsupported Perl syntax: `(?=`.');
});
