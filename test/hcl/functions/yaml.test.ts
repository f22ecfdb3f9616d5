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
const obj = (o: Record<string, Value>): Value => newObject(Object.entries(o));

test('yamlencode writes block style with quoted strings and sorted keys', () => {
  assert.equal(call('yamlencode', obj({ a: 'b', c: 'd' })), '"a": "b"\n"c": "d"\n');
  assert.equal(call('yamlencode', obj({ foo: [1, 2, 3], bar: 'baz' })), '"bar": "baz"\n"foo":\n- 1\n- 2\n- 3\n');
  assert.equal(
    call('yamlencode', obj({ foo: [1, obj({ a: 'b', c: 'd' }), 3], bar: 'baz' })),
    '"bar": "baz"\n"foo":\n- 1\n- "a": "b"\n  "c": "d"\n- 3\n',
  );
  assert.equal(call('yamlencode', obj({ m: obj({ n: obj({ o: true }) }), e: [], f: obj({}), g: null })), '"e": []\n"f": {}\n"g": null\n"m":\n  "n":\n    "o": true\n');
  assert.equal(call('yamlencode', [['a', 'b'], 'c']), '- - "a"\n  - "b"\n- "c"\n');
  assert.equal(call('yamlencode', 'x'), '"x"\n');
  assert.equal(call('yamlencode', 'tab\there "q"'), '"tab\\there \\"q\\""\n');
  assert.equal(call('yamlencode', obj({ s: 'line1\nline2\n' })), '"s": |\n  line1\n  line2\n');
  assert.equal(call('yamlencode', ['one\ntwo']), '- |-\n  one\n  two\n');
});

test('yamldecode reads block and flow styles', () => {
  const src = [
    '# a comment',
    '---',
    'name: web # trailing comment',
    'count: 3',
    'ratio: 0.5',
    'enabled: true',
    'nothing: ~',
    'quoted: "a\\tb"',
    "single: 'it''s'",
    'tags:',
    '- x',
    '- y: 1',
    '  z: [1, "two", {k: v}]',
    'nested:',
    '  deeper:',
    '    leaf: "1"',
    'script: |',
    '  echo hi',
    '    indented',
    'folded: >-',
    '  one',
    '  two',
    'multi: this is',
    '  continued',
    'hex: 0x1F',
    'word: yes',
  ].join('\n');
  assert.deepEqual(
    call('yamldecode', src),
    obj({
      name: 'web',
      count: 3,
      ratio: 0.5,
      enabled: true,
      nothing: null,
      quoted: 'a\tb',
      single: "it's",
      tags: ['x', obj({ y: 1, z: [1, 'two', obj({ k: 'v' })] })],
      nested: obj({ deeper: obj({ leaf: '1' }) }),
      script: 'echo hi\n  indented\n',
      folded: 'one two',
      multi: 'this is continued',
      hex: 31,
      word: 'yes',
    }),
  );
  assert.deepEqual(call('yamldecode', '- - 1\n  - 2\n- 3'), [[1, 2], 3]);
  assert.deepEqual(call('yamldecode', '[a, b,\n  c]'), ['a', 'b', 'c']);
  assert.equal(call('yamldecode', ''), null);
  assert.equal(call('yamldecode', '"hi"'), 'hi');
});

test('yamldecode errors', () => {
  const failed = (detail: string): string => `Error in function call; Call to function "yamldecode" failed: ${detail}.`;
  fails('yamldecode', ['a: 1\nb: 2\n---\nc: 3'], failed('yaml: line 3: multiple documents are not supported'));
  fails('yamldecode', ['a: &x 1'], failed('yaml: line 1: anchors, aliases and tags are not supported'));
  fails('yamldecode', ['a: 1\na: 2'], failed('yaml: line 2: mapping key "a" already defined'));
  fails('yamldecode', ['a: [1, 2'], failed('yaml: line 1: did not find expected \',\' or \']\''));
});
