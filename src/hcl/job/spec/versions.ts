import type { NomadVersion, Versioned } from './builders.js';

/** The Nomad releases whose job specification the table holds: every one from the oldest to the newest. */
export const OLDEST_NOMAD: NomadVersion = '1.6.0';
export const NEWEST_NOMAD: NomadVersion = '2.0.5';

const VERSION_PATTERN = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/;

/** `1.9`, `1.9.3` or `v1.9.3` as a full version (`1.9` means `1.9.0`); undefined for anything else. */
export function parseNomadVersion(text: string): NomadVersion | undefined {
  const m = VERSION_PATTERN.exec(text.trim());
  if (!m) return undefined;
  return `${Number(m[1])}.${Number(m[2])}.${Number(m[3] ?? 0)}`;
}

export function compareVersions(a: NomadVersion, b: NomadVersion): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = pa[i]! - pb[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Why a field is not read by the targeted Nomad, if it is not: it came later, or it was removed. */
export type Availability = { ok: true } | { ok: false; since: NomadVersion } | { ok: false; until: NomadVersion };

export function availability(field: Versioned, target: NomadVersion): Availability {
  if (field.since !== undefined && compareVersions(target, field.since) < 0) return { ok: false, since: field.since };
  if (field.until !== undefined && compareVersions(target, field.until) >= 0) return { ok: false, until: field.until };
  return { ok: true };
}
