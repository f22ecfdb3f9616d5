/**
 * Whether Nomad's cron library (hashicorp/cronexpr) parses a periodic job's `cron`/`crons` entry, with
 * its error otherwise: 5 to 7 fields (an optional leading seconds field and trailing year field),
 * names for months and weekdays, `L`, `W`, `#` and the `@daily` family of shorthands.
 */

interface Field {
  name: string;
  min: number;
  max: number;
  value: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const LONG_DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The library's number table: 0-59 with optional leading zero for one digit, and the years 1970-2099. */
function number(s: string): number {
  if (/^0?[0-9]$|^[1-5][0-9]$/.test(s)) return Number(s);
  if (/^(19[789][0-9]|20[0-9]{2})$/.test(s)) return Number(s);
  return 0;
}

const SECOND: Field = { name: 'second', min: 0, max: 59, value: '0?[0-9]|[1-5][0-9]' };
const MINUTE: Field = { name: 'minute', min: 0, max: 59, value: '0?[0-9]|[1-5][0-9]' };
const HOUR: Field = { name: 'hour', min: 0, max: 23, value: '0?[0-9]|1[0-9]|2[0-3]' };
const DOM: Field = { name: 'day-of-month', min: 1, max: 31, value: '0?[1-9]|[12][0-9]|3[01]' };
const MONTH: Field = {
  name: 'month',
  min: 1,
  max: 12,
  value: `0?[1-9]|1[012]|${MONTHS.join('|')}|january|february|march|april|march|april|june|july|august|september|october|november|december`,
};
const DOW: Field = {
  name: 'day-of-week',
  min: 0,
  max: 6,
  value: `0?[0-7]|${DAYS.join('|')}|${LONG_DAYS.join('|')}`,
};
const YEAR: Field = { name: 'year', min: 1970, max: 2099, value: '19[789][0-9]|20[0-9]{2}' };

const SHORTHANDS: [string, string][] = [
  ['@yearly', '0 0 0 1 1 * *'],
  ['@annually', '0 0 0 1 1 * *'],
  ['@monthly', '0 0 0 1 * * *'],
  ['@weekly', '0 0 0 * * 0 *'],
  ['@daily', '0 0 0 * * * *'],
  ['@hourly', '0 0 * * * * *'],
];

/** Go's strings.Replacer: at each position the first listed pattern that matches is replaced. */
function normalize(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; ) {
    const hit = SHORTHANDS.find(([from]) => line.startsWith(from, i));
    if (hit) {
      out += hit[1];
      i += hit[0].length;
    } else out += line[i++];
  }
  return out;
}

/** The library's error for a cron line, or undefined when it parses. */
export function cronError(line: string): string | undefined {
  const fields = normalize(line).match(/[^\t\n\f\r ]+/g) ?? [];
  if (fields.length < 5) return 'missing field(s)';
  const count = Math.min(fields.length, 7);
  const order = count === 7 ? [SECOND, MINUTE, HOUR, DOM, MONTH, DOW, YEAR] : [MINUTE, HOUR, DOM, MONTH, DOW, YEAR].slice(0, count);
  for (const [i, field] of order.entries()) {
    const error = fieldError(fields[i]!, field);
    if (error) return error;
  }
  return undefined;
}

function fieldError(text: string, field: Field): string | undefined {
  const entries = text.match(/[^,]+/g) ?? [];
  if (entries.length === 0) return `${field.name} field: missing directive`;
  const v = field.value;
  const layouts = {
    wildcard: /^\*$|^\?$/,
    value: new RegExp(`^(${v})$`),
    range: new RegExp(`^(${v})-(${v})$`),
    wildcardStep: /^\*\/([0-9]+)$/,
    valueStep: new RegExp(`^(${v})/([0-9]+)$`),
    rangeStep: new RegExp(`^(${v})-(${v})/([0-9]+)$`),
  };
  const kinds: { kind: 'all' | 'ok' | 'none'; entry: string }[] = [];
  for (const entry of entries) {
    const s = entry.toLowerCase();
    if (layouts.wildcard.test(s)) kinds.push({ kind: 'all', entry });
    else if (layouts.value.test(s) || layouts.range.test(s)) kinds.push({ kind: 'ok', entry });
    else {
      const step = layouts.wildcardStep.exec(s)?.[1] ?? layouts.valueStep.exec(s)?.[2] ?? layouts.rangeStep.exec(s)?.[3];
      if (step === undefined) kinds.push({ kind: 'none', entry });
      else if (number(step) < 1 || number(step) > field.max) return `invalid interval ${s}`;
      else kinds.push({ kind: 'ok', entry });
    }
  }
  // The entries are then taken in order: an entry fitting no layout is refused, except that in the
  // plain fields a wildcard ends the reading, and day-of-month and day-of-week have special forms.
  const special = field === DOM || field === DOW;
  for (const { kind, entry } of kinds) {
    if (kind === 'all' && !special) return undefined;
    if (kind !== 'none') continue;
    const s = entry.toLowerCase();
    if (field === DOM && (/^l$/.test(s) || /^lw$/.test(s) || new RegExp(`^(${v})w$`).test(s))) continue;
    if (field === DOW && (new RegExp(`^(${v})l$`).test(s) || new RegExp(`^(${v})#([1-5])$`).test(s))) continue;
    return `syntax error in ${field.name} field: '${entry}'`;
  }
  return undefined;
}
