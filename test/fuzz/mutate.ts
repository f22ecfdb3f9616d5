/**
 * Mutation operators for fuzzing: small edits of realistic inputs (job files, msgpack payloads, protobuf
 * messages) reach far deeper into a decoder than random noise does, which mostly fails at the first byte.
 */
import type { Random } from './random.js';

export type Mutation<T> = (input: T, random: Random) => T;

/** Applies 1 to `maxEdits` mutations, each picked at random from `mutations`. */
export function mutate<T>(input: T, random: Random, mutations: readonly Mutation<T>[], maxEdits: number): T {
  let out = input;
  for (let edits = 1 + random.int(maxEdits); edits > 0; edits--) out = random.pick(mutations)(out, random);
  return out;
}

// ---- text ----

/** Deletes 1 to `maxLength` characters. */
export function deleteRun(maxLength: number): Mutation<string> {
  return (text, random) => {
    const at = random.int(text.length + 1);
    return text.slice(0, at) + text.slice(at + 1 + random.int(maxLength));
  };
}

/** Inserts one of `fragments` anywhere. */
export function insertFragment(fragments: readonly string[]): Mutation<string> {
  return (text, random) => {
    const at = random.int(text.length + 1);
    return text.slice(0, at) + random.pick(fragments) + text.slice(at);
  };
}

/** Copies up to `maxLength` characters of the text to another place in it. */
export function copyRun(maxLength: number): Mutation<string> {
  return (text, random) => {
    const at = random.int(text.length + 1);
    const from = random.int(text.length + 1);
    return text.slice(0, at) + text.slice(from, from + random.int(maxLength)) + text.slice(at);
  };
}

/** Inserts up to `maxLength` characters taken from one of `others` (a splice between files). */
export function spliceFrom(others: readonly string[], maxLength: number): Mutation<string> {
  return (text, random) => {
    const other = random.pick(others);
    const at = random.int(text.length + 1);
    const from = random.int(other.length + 1);
    return text.slice(0, at) + other.slice(from, from + random.int(maxLength)) + text.slice(at);
  };
}

/** Code units a text decoder rarely expects: NUL, controls, a BOM, lone surrogates, the replacement character. */
const ODD_CHARS = ['\0', '\x01', '\x7f', '\r', '\t', '\v', '\f', '\u00a0', '\u2028', '\ufeff', '\ud800', '\udfff', '\ufffd'];

/** Replaces one character by an odd one, or flips a bit of its code unit. */
export const replaceChar: Mutation<string> = (text, random) => {
  if (text.length === 0) return random.pick(ODD_CHARS);
  const at = random.int(text.length);
  const replacement = random.chance(0.5) ? random.pick(ODD_CHARS) : String.fromCharCode(text.charCodeAt(at) ^ (1 << random.int(16)));
  return text.slice(0, at) + replacement + text.slice(at + 1);
};

const TOKEN = /[A-Za-z0-9_]+|\s+|[^A-Za-z0-9_\s]/g;

function tokenAt(text: string, random: Random): { start: number; end: number } | undefined {
  const spans: Array<{ start: number; end: number }> = [];
  for (const m of text.matchAll(TOKEN)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans.length === 0 ? undefined : random.pick(spans);
}

/** Deletes one token (a word, a run of blanks, or one punctuation character). */
export const deleteToken: Mutation<string> = (text, random) => {
  const t = tokenAt(text, random);
  return t ? text.slice(0, t.start) + text.slice(t.end) : text;
};

/** Writes one token twice. */
export const duplicateToken: Mutation<string> = (text, random) => {
  const t = tokenAt(text, random);
  return t ? text.slice(0, t.end) + text.slice(t.start, t.end) + text.slice(t.end) : text;
};

/** Cuts the text short. */
export const truncateText: Mutation<string> = (text, random) => text.slice(0, random.int(text.length + 1));

// ---- bytes ----

/** Byte values that mean the most to msgpack and protobuf decoders: type tags, length prefixes, varint bits. */
const ODD_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xc0, 0xc1, 0xc4, 0xc7, 0xd4, 0xd9, 0xdb, 0xdc, 0xdd, 0xde, 0xdf, 0x0a, 0x12, 0x1a, 0x08];

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const flipBit: Mutation<Uint8Array> = (bytes, random) => {
  if (bytes.length === 0) return bytes;
  const out = bytes.slice();
  const at = random.int(out.length);
  out[at] = (out[at] as number) ^ (1 << random.int(8));
  return out;
};

export const setOddByte: Mutation<Uint8Array> = (bytes, random) => {
  if (bytes.length === 0) return Uint8Array.of(random.pick(ODD_BYTES));
  const out = bytes.slice();
  out[random.int(out.length)] = random.pick(ODD_BYTES);
  return out;
};

export const insertBytes: Mutation<Uint8Array> = (bytes, random) => {
  const at = random.int(bytes.length + 1);
  const inserted = random.chance(0.5) ? Uint8Array.of(random.pick(ODD_BYTES)) : random.bytes(1 + random.int(8));
  return concat(bytes.subarray(0, at), inserted, bytes.subarray(at));
};

export const deleteBytes: Mutation<Uint8Array> = (bytes, random) => {
  const at = random.int(bytes.length + 1);
  return concat(bytes.subarray(0, at), bytes.subarray(at + 1 + random.int(8)));
};

export const duplicateBytes: Mutation<Uint8Array> = (bytes, random) => {
  const at = random.int(bytes.length + 1);
  const from = random.int(bytes.length + 1);
  return concat(bytes.subarray(0, at), bytes.subarray(from, from + random.int(32)), bytes.subarray(at));
};

export const truncateBytes: Mutation<Uint8Array> = (bytes, random) => bytes.slice(0, random.int(bytes.length + 1));

export const BYTE_MUTATIONS: readonly Mutation<Uint8Array>[] = [flipBit, setOddByte, insertBytes, deleteBytes, duplicateBytes, truncateBytes];
