import { isAbsolute } from 'node:path';
import { parseDuration } from '../shared/duration.js';
import { closestName } from '../shared/suggest.js';
import { decodeWithSchema } from './config-decode.js';
import { ConfigError, type ConfigIssue } from './errors.js';
import { PLUGIN_DEFAULT_HOST_POLICY, UNRESTRICTED_HOST_POLICY, WEAKENING_ATTRIBUTES, type HostPolicy } from './host-policy.js';
import { DEFAULT_POT_BIN, PLUGIN_CONFIG_SCHEMA } from './schema.js';

/** The plugin's agent config, decoded and checked. */
export interface DriverSettings {
  enabled: boolean;
  potBin: string;
  /** 0 means no limit. */
  prepareTimeoutMs: number;
  commandTimeoutMs: number;
  /** What of the host tasks may reach, and which jail-weakening attributes they may set. */
  hostPolicy: HostPolicy;
}

/**
 * Settings of a driver that was never configured. The plugin always is (Nomad sends SetConfig, and with it the
 * plugin's restrictive defaults, before any task); a driver that is not is the CLI's, whose user is the
 * node's operator, so nothing is restricted.
 */
export const DEFAULT_SETTINGS: Readonly<DriverSettings> = {
  enabled: true,
  potBin: DEFAULT_POT_BIN,
  prepareTimeoutMs: 10 * 60_000,
  commandTimeoutMs: 2 * 60_000,
  hostPolicy: UNRESTRICTED_HOST_POLICY,
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
  const hostPolicy = decodeHostPolicy(values, issues);
  if (issues.some((i) => i.severity === 'error')) {
    throw new ConfigError(issues.filter((i) => i.severity === 'error'), 'invalid plugin config');
  }
  return {
    enabled: (values.enabled as boolean | undefined) ?? DEFAULT_SETTINGS.enabled,
    potBin: potBin ?? DEFAULT_SETTINGS.potBin,
    prepareTimeoutMs: prepareTimeoutMs ?? DEFAULT_SETTINGS.prepareTimeoutMs,
    commandTimeoutMs: commandTimeoutMs ?? DEFAULT_SETTINGS.commandTimeoutMs,
    hostPolicy,
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

/** The plugin's policy: each option as set, or its restrictive default. */
function decodeHostPolicy(values: Record<string, unknown>, issues: ConfigIssue[]): HostPolicy {
  const origin = { kind: 'plugin' } as const;
  const list = (name: string, fallback: readonly string[] | undefined): string[] => (values[name] as string[] | undefined) ?? [...(fallback ?? [])];
  const err = (path: (string | number)[], message: string): void => void issues.push({ path, severity: 'error', message });

  const hostPaths = list('allowed_host_paths', PLUGIN_DEFAULT_HOST_POLICY.hostPaths?.allowed);
  hostPaths.forEach((prefix, i) => {
    if (!isAbsolute(prefix)) err(['allowed_host_paths', i], `"${prefix}" must be an absolute path, e.g. "/data/www"`);
  });

  const weakening = Object.keys(WEAKENING_ATTRIBUTES);
  const attributes = list('allowed_jail_attributes', PLUGIN_DEFAULT_HOST_POLICY.jailAttributes?.allowed);
  attributes.forEach((name, i) => {
    if (weakening.includes(name)) return;
    if (name === 'devfs_ruleset') {
      err(['allowed_jail_attributes', i], '"devfs_ruleset" is allowed by ruleset number: list the numbers in devfs_rulesets, e.g. devfs_rulesets = ["4", "5"]');
      return;
    }
    const suggestion = closestName(name, weakening);
    err(
      ['allowed_jail_attributes', i],
      `"${name}" is not a jail attribute this option covers${suggestion ? `; did you mean "${suggestion}"?` : ''} (it takes ${weakening.join(', ')})`,
    );
  });

  const rulesets = list('devfs_rulesets', PLUGIN_DEFAULT_HOST_POLICY.devfsRulesets?.allowed);
  rulesets.forEach((ruleset, i) => {
    if (!/^\d+$/.test(ruleset)) err(['devfs_rulesets', i], `"${ruleset}" is not a devfs ruleset number; write it like "4"`);
  });

  return {
    hostPaths: { allowed: hostPaths, origin },
    jailAttributes: { allowed: attributes, origin },
    devfsRulesets: { allowed: rulesets, origin },
  };
}
