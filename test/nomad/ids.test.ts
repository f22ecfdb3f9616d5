import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { derivedAllocId, derivedInvocationId, newAllocId, newInvocationId, UUID_PATTERN, INVOCATION_PATTERN } from '../../src/nomad/ids.js';

describe('allocation and invocation ids', () => {
  it('a new allocation id is a random (version 4, RFC 9562 variant) UUID, a new one each time', () => {
    const ids = Array.from({ length: 50 }, () => newAllocId());
    for (const id of ids) {
      assert.match(id, UUID_PATTERN);
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    assert.equal(new Set(ids).size, ids.length);
  });

  it('a new invocation id is 8 hex characters', () => {
    assert.match(newInvocationId(), INVOCATION_PATTERN);
    assert.match(newInvocationId(), /^[0-9a-f]{8}$/);
  });

  it('derived ids are the SHA-256 of the seed and index, computed with node:crypto before, so plans print what they printed', () => {
    assert.equal(derivedAllocId('7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f', 1), '98438598-f977-4aff-bb4e-9c41139e560f');
    assert.equal(derivedInvocationId('7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f', 1), 'a14187ec');
  });
});
