import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { status } from '@grpc/grpc-js';
import { ConfigError, TaskNotFoundError } from '../../src/driver/errors.js';
import { PayloadError, UnimplementedError } from '../../src/plugin/errors.js';
import { RECOVERABLE_ERROR_TYPE_URL } from '../../src/plugin/status-details.js';
import { MAX_DETAILS_CHARS, rpcStatusFromError } from '../../src/plugin/status.js';

/** Minimal protobuf reader: field number → raw values (varints as numbers, the rest as buffers). */
function fields(buf: Buffer): Map<number, Array<number | Buffer>> {
  const out = new Map<number, Array<number | Buffer>>();
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = buf[pos++] ?? 0;
      result += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7;
    }
  };
  while (pos < buf.length) {
    const key = varint();
    let value: number | Buffer;
    if ((key & 7) === 0) value = varint();
    else {
      const length = varint();
      value = buf.subarray(pos, pos + length);
      pos += length;
    }
    const list = out.get(key >> 3) ?? [];
    list.push(value);
    out.set(key >> 3, list);
  }
  return out;
}

describe('rpcStatusFromError', () => {
  test('config errors are INVALID_ARGUMENT with their message', () => {
    assert.deepEqual(rpcStatusFromError(new PayloadError('bad payload')), { code: status.INVALID_ARGUMENT, details: 'bad payload' });
    const issues = [{ path: ['image'], message: 'is required', severity: 'error' as const }];
    assert.deepEqual(rpcStatusFromError(new ConfigError(issues)), {
      code: status.INVALID_ARGUMENT,
      details: 'invalid task config: image: is required',
    });
  });

  test('unknown tasks are NOT_FOUND with Nomad’s wording', () => {
    assert.deepEqual(rpcStatusFromError(new TaskNotFoundError('a/b/c')), {
      code: status.NOT_FOUND,
      details: 'task not found for given id',
    });
    assert.deepEqual(rpcStatusFromError({ kind: 'not-found', message: 'no such task a/b/c' }), {
      code: status.NOT_FOUND,
      details: 'task not found for given id',
    });
  });

  test('retryable errors are FAILED_PRECONDITION with a RecoverableError detail matching the status', () => {
    for (const err of [Object.assign(new Error('pot is busy'), { kind: 'retryable' }), Object.assign(new Error('pot is busy'), { recoverable: true })]) {
      const st = rpcStatusFromError(err);
      assert.equal(st.code, status.FAILED_PRECONDITION);
      assert.equal(st.details, 'pot is busy');
      const [detail] = st.metadata?.get('grpc-status-details-bin') ?? [];
      assert.ok(Buffer.isBuffer(detail));
      const top = fields(detail);
      assert.deepEqual(top.get(1), [status.FAILED_PRECONDITION]);
      assert.deepEqual(top.get(2), [Buffer.from('pot is busy')]);
      const any = fields(top.get(3)?.[0] as Buffer);
      assert.deepEqual(any.get(1), [Buffer.from(RECOVERABLE_ERROR_TYPE_URL)]);
      assert.deepEqual(fields(any.get(2)?.[0] as Buffer).get(1), [1]);
    }
    assert.equal(RECOVERABLE_ERROR_TYPE_URL, 'type.googleapis.com/hashicorp.nomad.plugins.shared.structs.RecoverableError');
  });

  test('unimplemented operations are UNIMPLEMENTED', () => {
    assert.deepEqual(rpcStatusFromError(new UnimplementedError('no exec here')), { code: status.UNIMPLEMENTED, details: 'no exec here' });
  });

  test('everything else is INTERNAL with a readable, well-formed message', () => {
    assert.deepEqual(rpcStatusFromError(new Error('pot exited 1')), { code: status.INTERNAL, details: 'pot exited 1' });
    assert.deepEqual(rpcStatusFromError('plain text'), { code: status.INTERNAL, details: 'plain text' });
    assert.deepEqual(rpcStatusFromError(undefined), { code: status.INTERNAL, details: 'undefined' });
    assert.deepEqual(rpcStatusFromError(new Error('')), { code: status.INTERNAL, details: 'unknown error' });
    assert.deepEqual(rpcStatusFromError(new Error('bad \ud800 half')), { code: status.INTERNAL, details: 'bad \ufffd half' });
    assert.deepEqual(rpcStatusFromError({ kind: 'weird', message: 'x' }), { code: status.INTERNAL, details: '[object Object]' });
    const hostile = { toString: () => { throw new Error('no'); } };
    assert.deepEqual(rpcStatusFromError(hostile), { code: status.INTERNAL, details: 'unknown error' });
  });

  test('long messages are cut, so that the status still fits in the trailer', () => {
    assert.equal(rpcStatusFromError(new Error('x'.repeat(MAX_DETAILS_CHARS))).details, 'x'.repeat(MAX_DETAILS_CHARS));
    assert.deepEqual(rpcStatusFromError(new PayloadError(`${'x'.repeat(MAX_DETAILS_CHARS)}tail`)), {
      code: status.INVALID_ARGUMENT,
      details: `${'x'.repeat(MAX_DETAILS_CHARS)}… (4 more characters)`,
    });
    // A surrogate pair cut in half becomes one replacement character.
    const cutPair = rpcStatusFromError(new Error(`${'x'.repeat(MAX_DETAILS_CHARS - 1)}\ud83d\ude00`)).details;
    assert.equal(cutPair, `${'x'.repeat(MAX_DETAILS_CHARS - 1)}\ufffd… (1 more character)`);
  });
});
