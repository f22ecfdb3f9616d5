import { randomBytes } from '../shared/random-bytes.js';
import { sha256 } from '../shared/sha256.js';

/** A fresh allocation id, a UUID as Nomad's. */
export function newAllocId(): string {
  const b = randomBytes(16);
  // Version 4 (random), variant 10 (RFC 9562), as randomUUID() makes them.
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Nomad's per-start invocation id: 8 hex characters. */
export function newInvocationId(): string {
  return randomBytes(4).toString('hex');
}

export function shortAllocId(allocId: string): string {
  return allocId.slice(0, 8);
}

/**
 * An id derived from a seed, for allocations after the first when the first one's id was given: the
 * plan stays reproducible without every id having to be spelt out.
 */
export function derivedAllocId(seed: string, index: number): string {
  const h = sha256(`${seed}/${index}`).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function derivedInvocationId(seed: string, index: number): string {
  return sha256(`${seed}/${index}/invocation`).toString('hex').slice(0, 8);
}

export { INVOCATION_PATTERN, UUID_PATTERN } from './id-format.js';
