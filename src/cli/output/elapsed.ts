/**
 * Times as the status views print them: instants in UTC to the second, spans in the two largest units
 * (`45s`, `3m12s`, `2h5m`, `3d4h`), which is as precise as a person reading a table needs.
 */
export function utcSeconds(time: string | Date): string {
  const date = typeof time === 'string' ? new Date(time) : time;
  return Number.isNaN(date.getTime()) ? '-' : `${date.toISOString().slice(0, 19)}Z`;
}

export function compactSpan(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const [d, h, m] = [Math.floor(s / 86_400), Math.floor((s % 86_400) / 3600), Math.floor((s % 3600) / 60)];
  if (d > 0) return h > 0 ? `${d}d${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h${m}m` : `${h}h`;
  if (m > 0) return s % 60 > 0 ? `${m}m${s % 60}s` : `${m}m`;
  return `${s}s`;
}

/** Milliseconds from `from` to `to`; undefined when `from` is missing or not a time. */
export function spanBetween(from: string | undefined, to: Date): number | undefined {
  if (from === undefined) return undefined;
  const start = Date.parse(from);
  return Number.isNaN(start) ? undefined : Math.max(0, to.getTime() - start);
}
