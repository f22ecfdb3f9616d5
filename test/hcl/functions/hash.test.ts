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

test('digests are hex of the UTF-8 bytes', () => {
  assert.equal(call('md5', 'hello world'), '5eb63bbbe01eeed093cb22bb8f5acdc3');
  assert.equal(call('sha1', 'hello world'), '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed');
  assert.equal(call('sha256', 'hello world'), 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9');
  assert.equal(
    call('sha512', 'hello world'),
    '309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f',
  );
});

test('uuids', () => {
  assert.match(call('uuidv4') as string, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(call('uuidv4'), call('uuidv4'));
  assert.equal(call('uuidv5', 'dns', 'www.terraform.io'), 'a5008fae-b28c-5ba5-96cd-82b4c53552d6');
  assert.equal(call('uuidv5', 'url', 'https://www.terraform.io/'), '9db6f67c-dd95-5ea0-aa5b-e70e5c5f7cf5');
  assert.equal(call('uuidv5', 'oid', '1.3.6.1.4'), 'af9d40a5-7a36-5c07-b23a-851cd99fbfa5');
  assert.equal(call('uuidv5', 'x500', 'CN=Example,C=GB'), '84e09961-4aa4-57f8-95b7-03edb1073253');
  assert.equal(call('uuidv5', '6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.terraform.io'), 'a5008fae-b28c-5ba5-96cd-82b4c53552d6');
  fails('uuidv5', ['nope', 'x'], 'Error in function call; Call to function "uuidv5" failed: uuidv5() doesn\'t support namespace nope (invalid UUID length: 4).');
  fails('uuidv4', ['x'], 'Too many function arguments; Function "uuidv4" expects only 0 argument(s).');
});

test('bcrypt and rsadecrypt are refused clearly', () => {
  fails('bcrypt', ['secret'], 'Error in function call; Call to function "bcrypt" failed: the bcrypt function is not supported by pot-nomad.');
  fails('rsadecrypt', ['a', 'b'], 'Error in function call; Call to function "rsadecrypt" failed: the rsadecrypt function is not supported by pot-nomad.');
});
