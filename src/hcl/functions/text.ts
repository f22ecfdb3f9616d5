/**
 * Text helpers with Go's (and so HCL's) notion of characters: lengths and offsets count grapheme
 * clusters, case mapping is per code point, and "space" is Go's unicode.IsSpace.
 */

import { toTitleRune } from './case.js';

// Made on first use: creating a segmenter initialises ICU, which costs more than the rest of start-up.
let segmenter: Intl.Segmenter | undefined;

export function graphemes(s: string): string[] {
  if (!/[^\x20-\x7e]/.test(s)) return [...s];
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

/** Byte-wise (UTF-8) ordering, which for valid strings equals code point order, as Go sorts. */
export function compareStrings(a: string, b: string): number {
  const ca = [...a];
  const cb = [...b];
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const d = ca[i]!.codePointAt(0)! - cb[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}

const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

export function isGoSpace(ch: string): boolean {
  return GO_SPACE.test(ch);
}

/** Go's strings.Title: title-case every letter that follows a separator. */
export function titleCase(s: string): string {
  let out = '';
  let prevSeparator = true;
  for (const ch of s) {
    out += prevSeparator ? String.fromCodePoint(toTitleRune(ch.codePointAt(0)!)) : ch;
    prevSeparator = isTitleSeparator(ch);
  }
  return out;
}

function isTitleSeparator(ch: string): boolean {
  if (/^[A-Za-z0-9_]$/.test(ch)) return false;
  if (ch.codePointAt(0)! < 0x80) return true;
  if (/^[\p{L}\p{Nd}]$/u.test(ch)) return false;
  return isGoSpace(ch);
}

/** Go's strings.Trim family: cut code points that appear in `cutset` from the chosen ends. */
export function trimCutset(s: string, cutset: string, left: boolean, right: boolean): string {
  const chars = [...s];
  const cut = new Set(cutset);
  let start = 0;
  let end = chars.length;
  if (left) while (start < end && cut.has(chars[start]!)) start++;
  if (right) while (end > start && cut.has(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}

export function trimGoSpace(s: string): string {
  const chars = [...s];
  let start = 0;
  let end = chars.length;
  while (start < end && isGoSpace(chars[start]!)) start++;
  while (end > start && isGoSpace(chars[end - 1]!)) end--;
  return chars.slice(start, end).join('');
}

/** Go's `%q`-free JSON string quoting, including its HTML-safe escapes of <, > and &. */
export function goJsonQuote(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
