import { ArgError, CallFailure } from './errors.js';
import { fieldsOf, formatRfc3339, offsetText, parseDuration, parseTimestamp, TimeSyntaxError, type Timestamp } from './rfc3339.js';
import { stringsFn, type FunctionTable } from './spec.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const isLetter = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z]$/.test(c);

/** Splits a formatdate spec into quoted literals, runs of one letter, and other text. */
function tokens(format: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    let j = i + 1;
    if (c === "'") {
      if (format[j] === "'") {
        j++;
      } else {
        while (j < format.length) {
          if (format[j] === "'" && format[j + 1] === "'") j += 2;
          else if (format[j] === "'") {
            j++;
            break;
          } else j++;
        }
      }
    } else if (isLetter(c)) {
      while (format[j] === c) j++;
    } else {
      while (j < format.length && format[j] !== "'" && !isLetter(format[j])) j++;
    }
    out.push(format.slice(i, j));
    i = j;
  }
  return out;
}

function badVerb(tok: string, why: string): never {
  throw new ArgError(0, `invalid date format verb ${JSON.stringify(tok)}: ${why}`);
}

function numeric(tok: string, value: number, why: string): string {
  if (tok.length === 1) return String(value);
  if (tok.length === 2) return String(value).padStart(2, '0');
  return badVerb(tok, why);
}

function formatVerb(tok: string, t: Timestamp): string {
  const f = fieldsOf(t);
  switch (tok[0]) {
    case 'Y':
      if (tok.length === 2) return String(f.year % 100).padStart(2, '0');
      if (tok.length === 4) return String(f.year).padStart(4, '0');
      return badVerb(tok, 'year must either be "YY" or "YYYY"');
    case 'M':
      if (tok.length === 3) return MONTHS[f.month - 1]!.slice(0, 3);
      if (tok.length === 4) return MONTHS[f.month - 1]!;
      return numeric(tok, f.month, 'month must be "M", "MM", "MMM", or "MMMM"');
    case 'D':
      return numeric(tok, f.day, 'day of month must either be "D" or "DD"');
    case 'E':
      if (tok.length === 3) return DAYS[f.weekday]!.slice(0, 3);
      if (tok.length === 4) return DAYS[f.weekday]!;
      return badVerb(tok, 'day of week must either be "EEE" or "EEEE"');
    case 'h':
      return numeric(tok, f.hour, '24-hour must either be "h" or "hh"');
    case 'H':
      return numeric(tok, f.hour % 12 === 0 ? 12 : f.hour % 12, '12-hour must either be "H" or "HH"');
    case 'A':
    case 'a': {
      if (tok.length !== 2) badVerb(tok, `must be "${tok[0]}${tok[0]}"`);
      const marker = f.hour < 12 ? 'AM' : 'PM';
      return tok[0] === 'A' ? marker : marker.toLowerCase();
    }
    case 'm':
      return numeric(tok, f.minute, 'minute must either be "m" or "mm"');
    case 's':
      return numeric(tok, f.second, 'second must either be "s" or "ss"');
    case 'Z':
      if (tok.length === 1) return offsetText(t.offset, true, true);
      if (tok.length === 3) return t.offset === 0 ? 'UTC' : offsetText(t.offset, false, false);
      if (tok.length === 4) return offsetText(t.offset, false, false);
      if (tok.length === 5) return offsetText(t.offset, true, false);
      return badVerb(tok, 'timezone must be Z, ZZZZ, or ZZZZZ');
    default:
      throw new ArgError(0, `invalid date format verb ${JSON.stringify(tok)}`);
  }
}

function formatdate(format: string, time: string): string {
  let t: Timestamp;
  try {
    t = parseTimestamp(time);
  } catch (e) {
    if (e instanceof TimeSyntaxError) throw new ArgError(1, e.message);
    throw e;
  }
  let out = '';
  for (const tok of tokens(format)) {
    if (tok[0] === "'") {
      if (tok.length === 1 || !tok.endsWith("'")) throw new ArgError(0, "unterminated literal '");
      out += tok.length === 2 ? "'" : tok.slice(1, -1).replaceAll("''", "'");
    } else if (isLetter(tok[0])) {
      out += formatVerb(tok, t);
    } else {
      out += tok;
    }
  }
  return out;
}

function timeadd(timestamp: string, duration: string): string {
  try {
    const t = parseTimestamp(timestamp);
    return formatRfc3339({ epochNanos: t.epochNanos + parseDuration(duration), offset: t.offset });
  } catch (e) {
    if (e instanceof TimeSyntaxError) throw new CallFailure(e.message);
    throw e;
  }
}

export const datetimeFunctions: FunctionTable = {
  formatdate: stringsFn(['format', 'time'], ([f, t]) => formatdate(f!, t!)),
  timeadd: stringsFn(['timestamp', 'duration'], ([t, d]) => timeadd(t!, d!)),
};
