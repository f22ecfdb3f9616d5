import { isAbsolute } from 'node:path';
import { parseDuration } from '../shared/duration.js';
import { decodeWithSchema } from './config-decode.js';
import { ConfigError, type ConfigIssue } from './errors.js';
import { DEFAULT_POT_BIN, PLUGIN_CONFIG_SCHEMA } from './schema.js';

/** The plugin's agent config, decoded and checked. */
export interface DriverSettings {
  enabled: boolean;
  potBin: string;
  /** 0 means no limit. */
  prepareTimeoutMs: number;
  commandTimeoutMs: number;
}

export const DEFAULT_SETTINGS: Readonly<DriverSettings> = {
  enabled: true,
  potBin: DEFAULT_POT_BIN,
  prepareTimeoutMs: 10 * 60_000,
  commandTimeoutMs: 2 * 60_000,
};

/** Decodes the agent's `plugin "…" { config {} }` block; throws a ConfigError listing every problem. */
export function decodeDriverSettings(raw: Readonly<Record<string, unknown>>): DriverSettings {
  const { values, issues } = decodeWithSchema(PLUGIN_CONFIG_SCHEMA, raw);
  const potBin = values.pot_bin as string | undefined;
  if (potBin !== undefined && !isAbsolute(potBin)) {
    issues.push({ path: ['pot_bin'], severity: 'error', message: `"${potBin}" must be an absolute path, e.g. "${DEFAULT_POT_BIN}"` });
  }
  const prepareTimeoutMs = durationValue('prepare_timeout', values.prepare_timeout, issues);
  const commandTimeoutMs = durationValue('command_timeout', values.command_timeout, issues);
  if (issues.some((i) => i.severity === 'error')) {
    throw new ConfigError(issues.filter((i) => i.severity === 'error'), 'invalid plugin config');
  }
  return {
    enabled: (values.enabled as boolean | undefined) ?? DEFAULT_SETTINGS.enabled,
    potBin: potBin ?? DEFAULT_SETTINGS.potBin,
    prepareTimeoutMs: prepareTimeoutMs ?? DEFAULT_SETTINGS.prepareTimeoutMs,
    commandTimeoutMs: commandTimeoutMs ?? DEFAULT_SETTINGS.commandTimeoutMs,
  };
}

function durationValue(name: string, value: unknown, issues: ConfigIssue[]): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms < 0) {
    issues.push({ path: [name], severity: 'error', message: `"${value}" is not a duration; write it like "90s", "10m" or "1h30m" ("0" for no limit)` });
    return undefined;
  }
  return Math.round(ms);
}
