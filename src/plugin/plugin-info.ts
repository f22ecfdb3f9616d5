/** Who this plugin says it is to Nomad. */
import { readFileSync } from 'node:fs';

/** The name jobs use in `driver = "pot"` and Nomad shows as `driver.pot`. */
export const PLUGIN_NAME = 'pot';
/** Nomad's driver API v0.1.0 is the only one any Nomad from 1.6 on accepts. */
export const PLUGIN_API_VERSIONS: readonly string[] = ['v0.1.0'];

// dist/src/plugin/ → package root, both in the source tree and in an installed package.
const PACKAGE_JSON = new URL('../../../package.json', import.meta.url);

let cachedVersion: string | undefined;

/** package.json's `version`; Nomad refuses a plugin whose version does not parse, so fall back to 0.0.0. */
export function pluginVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  let version = '0.0.0';
  try {
    const parsed = JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version?: unknown };
    if (typeof parsed.version === 'string' && parsed.version !== '') version = parsed.version;
  } catch {
    // An unreadable package.json leaves the fallback in place.
  }
  cachedVersion = version;
  return version;
}
