import { PotOutputError } from '../errors.js';

export interface PotVersion {
  /** As printed, e.g. `0.16.0`. */
  version: string;
  major: number;
  minor: number;
  patch: number;
}

const VERSION = /^(?:pot version: )?((\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.-]+)?)$/;

/** Reads `pot version` (`pot version: 0.16.0`) or `pot version -q` (`0.16.0`). */
export function parseVersion(text: string): PotVersion {
  const match = VERSION.exec(text.trim());
  if (match === null) throw new PotOutputError('version', 'no version number found', text);
  const [, version = '', major = '', minor = '', patch = ''] = match;
  return { version, major: Number(major), minor: Number(minor), patch: Number(patch) };
}

/** Orders versions by major, minor, patch (a suffix such as `-rc1` is ignored): -1, 0 or 1. */
export function compareVersions(a: string | PotVersion, b: string | PotVersion): -1 | 0 | 1 {
  const x = typeof a === 'string' ? parseVersion(a) : a;
  const y = typeof b === 'string' ? parseVersion(b) : b;
  const diff = x.major - y.major || x.minor - y.minor || x.patch - y.patch;
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}
