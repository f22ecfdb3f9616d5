/** Go's duration units, in nanoseconds; micro is spelt with either of Unicode's two mu. */
const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n,
  'μs': 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const INT64_MAX = 9_223_372_036_854_775_807n;

/**
 * Go's `time.ParseDuration`, with its error messages: `"30s"`, `"1m30s"`, `"-1.5h"`, `"0"`. Nothing is
 * trimmed and every number needs a unit, as in Go.
 */
export function goParseDuration(text: string): { ns: bigint; ms: number } | { error: string } {
  const quoted = JSON.stringify(text);
  const invalid = { error: `time: invalid duration ${quoted}` };
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return { ns: 0n, ms: 0 };
  if (rest === '') return invalid;
  let total = 0n;
  while (rest !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(rest)!;
    const whole = num[1]!;
    const frac = num[2] ?? '';
    if (whole === '' && frac === '') return invalid;
    rest = rest.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === '') return { error: `time: missing unit in duration ${quoted}` };
    const scale = UNITS[unit];
    if (scale === undefined) return { error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}` };
    rest = rest.slice(unit.length);
    total += BigInt(whole === '' ? '0' : whole) * scale;
    if (frac !== '') total += (BigInt(frac) * scale) / 10n ** BigInt(frac.length);
    if (total > INT64_MAX + (negative ? 1n : 0n)) return invalid;
  }
  const ns = negative ? -total : total;
  return { ns, ms: Number(ns) / 1e6 };
}

/**
 * A Go duration string (`"30s"`, `"1m30s"`, `"250ms"`, `"1.5h"`) in milliseconds, as Nomad decodes
 * `kill_timeout`, `interval` and friends; undefined for anything Go would reject.
 */
export function parseDuration(text: string): number | undefined {
  const parsed = goParseDuration(text);
  return 'error' in parsed ? undefined : parsed.ms;
}

/**
 * Go's `time.Duration.String()` for a duration in milliseconds (fractions allowed down to
 * nanoseconds): `30m0s`, `1h0m0s`, `1.5s`, `250ms`. Nomad prints durations this way in messages.
 */
export function formatDuration(ms: number): string {
  let ns = BigInt(Math.round(ms * 1e6));
  const negative = ns < 0n;
  if (negative) ns = -ns;
  const sign = negative ? '-' : '';
  if (ns === 0n) return '0s';
  if (ns < 1_000_000_000n) {
    const [unit, scale] = ns < 1000n ? ['ns', 1n] : ns < 1_000_000n ? ['µs', 1000n] : ['ms', 1_000_000n];
    return `${sign}${withFraction(ns, scale)}${unit}`;
  }
  const seconds = withFraction(ns % 60_000_000_000n, 1_000_000_000n);
  const totalMinutes = ns / 60_000_000_000n;
  if (totalMinutes === 0n) return `${sign}${seconds}s`;
  const hours = totalMinutes / 60n;
  const minutes = totalMinutes % 60n;
  return `${sign}${hours > 0n ? `${hours}h` : ''}${minutes}m${seconds}s`;
}

/** `value / scale` in decimal, without trailing zeros in the fraction. */
function withFraction(value: bigint, scale: bigint): string {
  const whole = value / scale;
  const frac = value % scale;
  if (frac === 0n) return String(whole);
  const digits = String(scale).length - 1;
  return `${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`;
}
