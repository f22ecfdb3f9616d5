/**
 * RFC 3339 timestamps and Go durations, with the error wording cty gives for them. Times are kept as
 * nanoseconds since the epoch (BigInt) plus the UTC offset they were written with, because Go keeps
 * that offset when adding to a time and prints it back.
 */
import { goParseDuration } from '../../shared/duration.js';

export interface Timestamp {
  epochNanos: bigint;
  /** minutes east of UTC */
  offset: number;
}

export class TimeSyntaxError extends Error {}

const NANOS_PER_MS = 1_000_000n;

interface Cursor {
  rest: string;
}

function fail(message: string): never {
  throw new TimeSyntaxError(`not a valid RFC3339 timestamp: ${message}`);
}

function number(c: Cursor, what: string, minDigits: number, maxDigits: number): number {
  const m = new RegExp(`^\\d{${minDigits},${maxDigits}}`).exec(c.rest);
  if (!m) fail(c.rest === '' ? `end of string before ${what}` : `cannot use ${JSON.stringify(c.rest)} as ${what}`);
  c.rest = c.rest.slice(m[0].length);
  return Number(m[0]);
}

function literal(c: Cursor, text: string): void {
  if (c.rest.startsWith(text)) {
    c.rest = c.rest.slice(text.length);
    return;
  }
  if (text === 'T') fail("missing required time introducer 'T'");
  fail(c.rest === '' ? `end of string where ${JSON.stringify(text)} is expected` : `found ${JSON.stringify(c.rest)} where ${JSON.stringify(text)} is expected`);
}

/** Date.UTC reads years 0-99 as 1900-1999, so set the full year explicitly. */
function utcMillis(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

function daysIn(year: number, month: number): number {
  return new Date(utcMillis(year, month + 1, 0)).getUTCDate();
}

export function parseTimestamp(text: string): Timestamp {
  const c: Cursor = { rest: text };
  const year = number(c, 'year', 4, 4);
  literal(c, '-');
  const month = number(c, 'month', 2, 2);
  if (month < 1 || month > 12) fail('month out of range');
  literal(c, '-');
  const day = number(c, 'day of month', 2, 2);
  literal(c, 'T');
  const hour = number(c, 'hour', 2, 2);
  if (hour > 23) fail('hour out of range');
  literal(c, ':');
  const minute = number(c, 'minute', 2, 2);
  if (minute > 59) fail('minute out of range');
  literal(c, ':');
  const second = number(c, 'second', 2, 2);
  if (second > 59) fail('second out of range');
  let nanos = 0n;
  const frac = /^\.(\d+)/.exec(c.rest);
  if (frac) {
    nanos = BigInt(frac[1]!.slice(0, 9).padEnd(9, '0'));
    c.rest = c.rest.slice(frac[0].length);
  }
  let offset = 0;
  if (c.rest.startsWith('Z')) {
    c.rest = c.rest.slice(1);
  } else {
    const m = /^([+-])(\d\d):(\d\d)/.exec(c.rest);
    if (!m) fail(c.rest === '' ? 'end of string before UTC offset' : `cannot use ${JSON.stringify(c.rest)} as UTC offset`);
    offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
    c.rest = c.rest.slice(m[0].length);
  }
  if (c.rest !== '') fail(`extra text: ${JSON.stringify(c.rest)}`);
  if (day < 1 || day > daysIn(year, month)) fail('day out of range');
  const ms = utcMillis(year, month, day, hour, minute, second) - offset * 60_000;
  return { epochNanos: BigInt(ms) * NANOS_PER_MS + nanos, offset };
}

/** The wall-clock fields of a timestamp in its own offset. */
export interface Fields {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  second: number;
}

export function fieldsOf(t: Timestamp): Fields {
  const ms = Number((t.epochNanos - (((t.epochNanos % NANOS_PER_MS) + NANOS_PER_MS) % NANOS_PER_MS)) / NANOS_PER_MS);
  const d = new Date(ms + t.offset * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function offsetText(offset: number, colon: boolean, zForUtc: boolean): string {
  if (offset === 0 && zForUtc) return 'Z';
  const abs = Math.abs(offset);
  const sign = offset < 0 ? '-' : '+';
  return sign + pad2(Math.floor(abs / 60)) + (colon ? ':' : '') + pad2(abs % 60);
}

/** Go's time.RFC3339 layout: whole seconds, `Z` for UTC. */
export function formatRfc3339(t: Timestamp): string {
  const f = fieldsOf(t);
  const date = `${String(f.year).padStart(4, '0')}-${pad2(f.month)}-${pad2(f.day)}`;
  return `${date}T${pad2(f.hour)}:${pad2(f.minute)}:${pad2(f.second)}${offsetText(t.offset, true, true)}`;
}

/** Go's time.ParseDuration, in nanoseconds: "1h30m", "-1.5s", "300ms". */
export function parseDuration(text: string): bigint {
  const parsed = goParseDuration(text);
  if ('error' in parsed) throw new TimeSyntaxError(parsed.error);
  return parsed.ns;
}
