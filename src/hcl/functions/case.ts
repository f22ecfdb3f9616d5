/**
 * Go's unicode.ToUpper / ToLower / ToTitle: simple, one-to-one mappings of Unicode 15 (the tables of the Go
 * that Nomad is built with). JavaScript's own mappings are used where they are one code point and agree;
 * the tables below hold where they do not: special casing (one code point becomes several in JS, while
 * Go keeps the simple mapping), title case, and letters newer than Unicode 15.
 */

const UPPER = new Map<number, number>([
  [0x1fb3, 0x1fbc],
  [0x1fc3, 0x1fcc],
  [0x1ff3, 0x1ffc],
]);
for (const base of [0x1f80, 0x1f90, 0x1fa0]) for (let i = 0; i < 8; i++) UPPER.set(base + i, base + 8 + i);

const LOWER = new Map<number, number>([[0x130, 0x69]]);

const TITLE = new Map<number, number>();
for (const [from, to] of [
  [0x1c4, 0x1c5],
  [0x1c7, 0x1c8],
  [0x1ca, 0x1cb],
]) {
  for (let i = 0; i < 3; i++) TITLE.set(from! + i, to!);
}
for (let c = 0x1f1; c <= 0x1f3; c++) TITLE.set(c, 0x1f2);
// Georgian Mkhedruli letters have Mtavruli capitals, but are their own title case.
for (let c = 0x10d0; c <= 0x10ff; c++) if (c !== 0x10fb && c !== 0x10fc) TITLE.set(c, c);

/** Letters (and case pairs) added after Unicode 15, which Go's tables do not map. */
const NEWER: [number, number][] = [
  [0x19b, 0x19b],
  [0x264, 0x264],
  [0x1c89, 0x1c8a],
  [0xa7cb, 0xa7cf],
  [0xa7d2, 0xa7d5],
  [0xa7da, 0xa7dc],
  [0x10d50, 0x10d85],
  [0x16ea0, 0x16ed3],
];

function newer(c: number): boolean {
  return NEWER.some(([lo, hi]) => c >= lo && c <= hi);
}

function single(ch: string, mapped: string): number | undefined {
  const first = mapped.codePointAt(0);
  if (first === undefined) return undefined;
  return mapped.length === (first > 0xffff ? 2 : 1) ? first : undefined;
}

export function toUpperRune(c: number): number {
  const t = UPPER.get(c);
  if (t !== undefined) return t;
  if (c < 0x80) return c >= 0x61 && c <= 0x7a ? c - 32 : c;
  if (newer(c)) return c;
  const ch = String.fromCodePoint(c);
  const m = single(ch, ch.toUpperCase());
  return m !== undefined && !newer(m) ? m : c;
}

export function toLowerRune(c: number): number {
  const t = LOWER.get(c);
  if (t !== undefined) return t;
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  if (newer(c)) return c;
  const ch = String.fromCodePoint(c);
  const m = single(ch, ch.toLowerCase());
  return m !== undefined && !newer(m) ? m : c;
}

export function toTitleRune(c: number): number {
  return TITLE.get(c) ?? toUpperRune(c);
}

function mapRunes(s: string, fn: (c: number) => number): string {
  let out = '';
  for (const ch of s) out += String.fromCodePoint(fn(ch.codePointAt(0)!));
  return out;
}

export function goUpper(s: string): string {
  return mapRunes(s, toUpperRune);
}

export function goLower(s: string): string {
  return mapRunes(s, toLowerRune);
}
