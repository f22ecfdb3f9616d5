const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a Go duration string (`"30s"`, `"1m30s"`, `"250ms"`, `"1.5h"`) into milliseconds, as Nomad
 * decodes `kill_timeout`, `interval` and friends. Returns undefined for anything Go would reject.
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let i = s.startsWith('-') || s.startsWith('+') ? 1 : 0;
  const negative = s.startsWith('-');
  if (i === s.length) return undefined;
  while (i < s.length) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return undefined;
    total += Number(m[1]) * UNITS[m[2]!]!;
    i = re.lastIndex;
  }
  return negative ? -total : total;
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
