import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FunctionCallError } from '../../../src/hcl/functions/index.js';
import { callFunction } from './call-helper.js';
import { bcryptWithSalt } from '../../../src/hcl/functions/bcrypt.js';
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

// A throwaway 1024-bit key and a ciphertext made with it by Go's crypto/rsa (EncryptPKCS1v15).
const TEST_KEY = `-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDVsTaUAr5p/L2oHVpe99gfdlRGch0O9m6FlhHBLxtwS+574fmX
jDzPNoxw09f/HEy3soFX02grEi3dpodbpwXBTCpSbB2q9AVUrTdDuyNsrNjYBXh9
ATJMkqP9rRnTeByl/UiqoIkja6jgO7af6Q2RabV1md9+M+bm46x+XUTRGQIDAQAB
AoGAQ9joQ0Y7vtsIPIBVWSHH9PVU/KjuoPmNTczABl42kAkLxzmQTZWxGPlwzcH1
KoKJuSlr976frE0xUta001zMbmaAgGD/unrnacRxds/JKm2waTKrgzTpNVRMuZtZ
tO/1c6FE/NUlxQjU7YkGL5xSn5fzJ5osqTI0pX1Uu101FIECQQDsQqvzeETe5zUz
jThM7YQTBC1FOSRnYPGMGKyY+36Es8IsEnm6tc+aknxtW+FXkwoBIBhntECG3sqL
PYIuIgclAkEA54vVsjj90cXHiRO2LiMVGj0btBVYZhdOp6N0zjJoH3lhhR9hS8Kq
vfgYcFBm8LmrM/3MDcxRq3vDJjXK2Zmp5QJABqw/ZQoBj/Yhx4n2jB2tPEhC6xCZ
GZ5gVB+iSFPaF+9nzYzcCUz3RxtaDlCpBasufiek6NDrfaOvPs2G7ryhTQJBAKh1
u08EWd6CF68qcTRV/+dsKDi4Au2b7XTX3oaac9jaVdIlx4L4KYM2+ojUZmCjpOSZ
tRkg2xZ5X7zwDBqOyuUCQQDTaVLtFryLj0ZzPiktxvFzpayNUmSN7JH8gfDLOn9j
P53UDx0BDompT6IfzwNDhKyysyUJHCcuxwWsP7LsjHi7
-----END RSA PRIVATE KEY-----`;
const CIPHERTEXT = 'sgPt7PnhwVpLGPue14tdaQjCZ7Y669S4M3Dwppeq0IE4aCEfqVMhwr4pgjgoWoHezYGrH33Ajf1a01pMyKwisDOJMYnt1E6aOAU4QdKxiRB60LIfmr7wkcb+pIsReGhBpqoqoV41q6V3CGeaf2F80DfzEpMpTyGHaX79mRM2pKg=';

test('bcrypt hashes as Go\u2019s x/crypto/bcrypt does', () => {
  // Checked with Go's bcrypt.CompareHashAndPassword.
  assert.equal(bcryptWithSalt(Buffer.from('nomad pot'), 4, Buffer.from('0123456789abcdef')), '$2a$04$KBCwKxOzLha2MUDgW0PjXePCvIP17KyDhNawUDTiw0pHL3j6E2ZdS');
  assert.match(call('bcrypt', 'secret') as string, /^\$2a\$10\$[./A-Za-z0-9]{53}$/);
  assert.match(call('bcrypt', 'secret', 5) as string, /^\$2a\$05\$[./A-Za-z0-9]{53}$/);
  assert.match(call('bcrypt', 'secret', 3) as string, /^\$2a\$10\$/, 'a cost below 4 means the default');
  assert.notEqual(call('bcrypt', 'secret', 4), call('bcrypt', 'secret', 4), 'every hash has its own salt');
  fails('bcrypt', ['secret', 32], 'Error in function call; Call to function "bcrypt" failed: error occured generating password crypto/bcrypt: cost 32 is outside allowed range (4,31).');
  fails('bcrypt', ['x'.repeat(73)], 'Error in function call; Call to function "bcrypt" failed: error occured generating password bcrypt: password length exceeds 72 bytes.');
  fails('bcrypt', ['secret', 4, 5], 'Error in function call; Call to function "bcrypt" failed: bcrypt() takes no more than two arguments.');
});

test('rsadecrypt decrypts PKCS #1 v1.5 with a PKCS #1 key', () => {
  assert.equal(call('rsadecrypt', CIPHERTEXT, TEST_KEY), 'db-password-42');
  fails('rsadecrypt', ['not base64!', TEST_KEY], 'Error in function call; Call to function "rsadecrypt" failed: failed to decode input "not base64!": cipher text must be base64-encoded.');
  fails('rsadecrypt', [CIPHERTEXT, 'no key here'], 'Error in function call; Call to function "rsadecrypt" failed: failed to parse key: no key found.');
  fails('rsadecrypt', ['AAAA', TEST_KEY], 'Error in function call; Call to function "rsadecrypt" failed: crypto/rsa: decryption error.');
  const encrypted = TEST_KEY.replace('-----BEGIN RSA PRIVATE KEY-----\n', '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\n');
  fails('rsadecrypt', [CIPHERTEXT, encrypted], 'Error in function call; Call to function "rsadecrypt" failed: failed to parse key: password protected keys are not supported. Please decrypt the key prior to use.');
});
