import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { randomBytes } from '../../src/shared/random-bytes.js';
import { sha256 } from '../../src/shared/sha256.js';

describe('sha256', () => {
  it('is FIPS 180-4 SHA-256: the standard examples', () => {
    assert.equal(sha256('').toString('hex'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(sha256('abc').toString('hex'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq').toString('hex'), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with node:crypto on every length across the block and padding boundaries, and on UTF-8 text', () => {
    for (let n = 0; n <= 200; n++) {
      const text = 'ab€'.repeat(n).slice(0, n);
      assert.equal(sha256(text).toString('hex'), createHash('sha256').update(text, 'utf8').digest('hex'), `length ${n}`);
    }
  });
});

describe('randomBytes', () => {
  it('gives the bytes asked for, different each time', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    assert.equal(a.length, 32);
    assert.notDeepEqual(a, b);
    assert.equal(randomBytes(0).length, 0);
  });
});
