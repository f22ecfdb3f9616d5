/**
 * The `grpc-status-details-bin` trailer Nomad reads to tell a retryable start failure from a fatal one: a
 * `google.rpc.Status` whose first detail is an `Any` holding `hashicorp.nomad.plugins.shared.structs.RecoverableError`.
 * Three tiny messages, so they are encoded by hand rather than loading googleapis protos for them.
 */

export const RECOVERABLE_ERROR_TYPE_URL =
  'type.googleapis.com/hashicorp.nomad.plugins.shared.structs.RecoverableError';

/** google.rpc.Status{1: code, 2: message, 3: [Any{1: type_url, 2: RecoverableError{1: recoverable=true}}]} */
export function recoverableStatusDetails(code: number, message: string): Buffer {
  const recoverable = Buffer.from([0x08, 0x01]);
  const any = Buffer.concat([lengthDelimited(1, Buffer.from(RECOVERABLE_ERROR_TYPE_URL, 'utf8')), lengthDelimited(2, recoverable)]);
  return Buffer.concat([
    varintField(1, code),
    lengthDelimited(2, Buffer.from(message, 'utf8')),
    lengthDelimited(3, any),
  ]);
}

function varintField(field: number, value: number): Buffer {
  return value === 0 ? Buffer.alloc(0) : Buffer.concat([varint(field << 3), varint(value)]);
}

function lengthDelimited(field: number, payload: Buffer): Buffer {
  if (payload.length === 0) return Buffer.alloc(0);
  return Buffer.concat([varint((field << 3) | 2), varint(payload.length), payload]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value >>> 0;
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return Buffer.from(bytes);
}
