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

test('base64 and url encoding', () => {
  assert.equal(call('base64encode', 'Hello World'), 'SGVsbG8gV29ybGQ=');
  assert.equal(call('base64decode', 'SGVsbG8gV29ybGQ='), 'Hello World');
  assert.equal(call('base64decode', 'w6k=\n'), 'é');
  fails('base64decode', ['SGVsbG8'], failed('base64decode', "failed to decode base64 data 'SGVsbG8'"));
  fails('base64decode', ['/w=='], failed('base64decode', 'the result of decoding the the provided string is not valid UTF-8'));
  assert.equal(call('urlencode', 'Hello World!'), 'Hello+World%21');
  assert.equal(call('urlencode', 'é/~a-b_c.d'), '%C3%A9%2F~a-b_c.d');
});

test('jsonencode sorts keys and escapes like Go', () => {
  assert.equal(call('jsonencode', obj({ b: 1, a: [true, null, 'x<y&z'], c: 1e21 })), '{"a":[true,null,"x\\u003cy\\u0026z"],"b":1,"c":1000000000000000000000}');
  assert.equal(call('jsonencode', null), 'null');
  assert.equal(call('jsonencode', 0.5), '0.5');
  assert.equal(call('jsonencode', 'line\nbreak'), '"line\\nbreak"');
});

test('jsondecode values and errors', () => {
  assert.deepEqual(call('jsondecode', '{"hello": "world", "n": [1, 2.5, -3e2], "t": true, "z": null}'), obj({ hello: 'world', n: [1, 2.5, -300], t: true, z: null }));
  assert.deepEqual(call('jsondecode', '{"a":1,"a":2}'), obj({ a: 2 }), 'a repeated property of the same type: the last one wins');
  assert.equal(call('jsondecode', '"\\u00e9"'), 'é');
  fails('jsondecode', [''], failed('jsondecode', 'EOF'));
  fails('jsondecode', ['{"a":'], failed('jsondecode', 'EOF'));
  fails('jsondecode', ['{x}'], failed('jsondecode', "invalid character 'x'"));
  fails('jsondecode', ['{"a":1,x}'], failed('jsondecode', "invalid character 'x' looking for beginning of object key string"));
  fails('jsondecode', ['[1 2]'], failed('jsondecode', "invalid character '2' after array element"));
  fails('jsondecode', ['{"a" 1}'], failed('jsondecode', "invalid character '1' after object key"));
  fails('jsondecode', ['tru'], failed('jsondecode', 'unexpected EOF'));
  fails('jsondecode', ['nul!'], failed('jsondecode', "invalid character '!' in literal null (expecting 'l')"));
  fails('jsondecode', ['1 2'], failed('jsondecode', 'extraneous data after JSON object'));
  fails('jsondecode', ['{"a":1,"a":"x"}'], failed('jsondecode', 'duplicate "a" property in JSON object'));
});

test('csvdecode', () => {
  assert.deepEqual(call('csvdecode', 'a,b,c\n1,2,3\n4,5,6'), [obj({ a: '1', b: '2', c: '3' }), obj({ a: '4', b: '5', c: '6' })]);
  assert.deepEqual(call('csvdecode', 'name,note\r\n"Smith, J","said ""hi""\nthen left"\r\n\r\n'), [obj({ name: 'Smith, J', note: 'said "hi"\nthen left' })]);
  assert.deepEqual(call('csvdecode', 'a,b\n'), []);
  fails('csvdecode', [''], failed('csvdecode', 'missing header line'));
  fails('csvdecode', ['a,b\n1,2\n3\n'], failed('csvdecode', 'CSV parse error on line 3: wrong number of fields'));
  fails('csvdecode', ['a,a\n'], failed('csvdecode', 'duplicate column name "a"'));
  fails('csvdecode', ['a\nx"y\n'], failed('csvdecode', 'CSV parse error on line 2: bare " in non-quoted-field'));
  fails('csvdecode', ['a\n"x"y\n'], failed('csvdecode', 'CSV parse error on line 2: extraneous or missing " in quoted-field'));
});
