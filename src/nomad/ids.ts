import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A fresh allocation id, a UUID as Nomad's. */
export function newAllocId(): string {
  return randomUUID();
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
  const h = createHash('sha256').update(`${seed}/${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function derivedInvocationId(seed: string, index: number): string {
  return createHash('sha256').update(`${seed}/${index}/invocation`).digest('hex').slice(0, 8);
}

export { INVOCATION_PATTERN, UUID_PATTERN } from './id-format.js';
