/**
 * `pot-nomad.toml`, the CLI's settings file. It is read with smol-toml: maintained, implements TOML
 * 1.1 and passes the toml-test suite, where @iarna/toml implements the 1.0.0-rc.1 draft and is no
 * longer maintained.
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { PLUGIN_CONFIG_SCHEMA, type FieldType } from '../driver/schema.js';
import type { NomadVersion } from '../hcl/job/spec/builders.js';
import { parseNomadVersion } from '../hcl/job/spec/versions.js';
import { closestName } from '../shared/suggest.js';
import { nomadVersionProblem } from './options.js';
import { tomlKeyLine } from './toml-lines.js';

export const CONFIG_FILE_NAME = 'pot-nomad.toml';

export type PluginValue = string | number | boolean | PluginValue[] | { [key: string]: PluginValue };

export interface PotNomadConfig {
  potBin?: string;
  dataDir?: string;
  emulatorRoot?: string;
  hostIp?: string;
  portRange?: { min: number; max: number };
  /** How the built-in emulator runs jails: `auto`, `none` or `namespaces`. */
  isolation?: 'auto' | 'none' | 'namespaces';
  /** The Nomad version jobs are meant for, unless `--nomad-version` says otherwise. */
  nomadVersion?: NomadVersion;
  /** The driver's plugin settings, keyed by the driver schema's field names. */
  plugin: Record<string, PluginValue>;
}

export interface LoadedConfig {
  file: string;
  config: PotNomadConfig;
}

export interface ConfigIssue {
  line?: number;
  column?: number;
  message: string;
}

/** A settings file that cannot be used; each issue names the file and, where known, the line. */
export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(issues.map((i) => `${file}${i.line === undefined ? '' : `:${i.line}`}${i.column === undefined ? '' : `:${i.column}`}: ${i.message}`).join('\n'));
    this.name = 'ConfigFileError';
  }
}

export interface ConfigLookup {
  /** `--config <file>`: must exist. */
  configPath?: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
}

/** Where the settings file is looked for, first match wins: `--config`, the working directory, the user's config dir. */
export function configCandidates(lookup: ConfigLookup): string[] {
  if (lookup.configPath !== undefined) return [resolve(lookup.cwd, lookup.configPath)];
  const xdg = lookup.env.XDG_CONFIG_HOME;
  const userDir = xdg && isAbsolute(xdg) ? xdg : join(lookup.homeDir, '.config');
  return [join(lookup.cwd, CONFIG_FILE_NAME), join(userDir, 'pot-nomad', CONFIG_FILE_NAME)];
}

/** Finds and reads the settings file; undefined when there is none (and none was asked for). */
export async function loadConfigFile(lookup: ConfigLookup): Promise<LoadedConfig | undefined> {
  for (const file of configCandidates(lookup)) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && lookup.configPath === undefined) continue;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
      throw new ConfigFileError(file, [{ message: `cannot read the settings file: ${why}` }]);
    }
    return { file, config: parseConfigText(text, file) };
  }
  return undefined;
}

const TOP_KEYS = ['pot_bin', 'data_dir', 'emulator_root', 'host_ip', 'port_range', 'nomad_version', 'isolation', 'plugin'];
const ISOLATIONS = ['auto', 'none', 'namespaces'] as const;
const PATH_KEYS = { pot_bin: 'potBin', data_dir: 'dataDir', emulator_root: 'emulatorRoot' } as const;

/** Parses and checks a settings file's text; relative paths are taken from the file's directory. */
export function parseConfigText(text: string, file: string): PotNomadConfig {
  let doc: Record<string, unknown>;
  try {
    doc = parse(text);
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    const reason = (e.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
    throw new ConfigFileError(file, [{ line: e.line, column: e.column, message: `invalid TOML: ${reason}` }]);
  }
  const issues: ConfigIssue[] = [];
  const at = (path: string[]): number | undefined => tomlKeyLine(text, path) ?? (path.length > 1 ? tomlKeyLine(text, path.slice(0, -1)) : undefined);
  const issue = (path: string[], message: string): void => {
    const line = at(path);
    issues.push(line === undefined ? { message } : { line, message });
  };
  const unknown = (path: string[], known: readonly string[]): void => {
    const key = path[path.length - 1]!;
    const hint = closestName(key, known);
    issue(path, `unknown key "${path.join('.')}"${hint ? `; did you mean "${hint}"?` : ''}`);
  };

  const config: PotNomadConfig = { plugin: {} };
  const base = dirname(file);
  for (const [key, value] of Object.entries(doc)) {
    if (!TOP_KEYS.includes(key)) {
      unknown([key], TOP_KEYS);
      continue;
    }
    if (key in PATH_KEYS) {
      if (typeof value !== 'string' || value === '') {
        issue([key], `"${key}" must be a non-empty string, not ${tomlType(value)}`);
        continue;
      }
      const keepBare = key === 'pot_bin' && !value.includes('/');
      config[PATH_KEYS[key as keyof typeof PATH_KEYS]] = keepBare ? value : resolve(base, value);
    } else if (key === 'host_ip') {
      if (typeof value !== 'string' || isIP(value) === 0) issue([key], `"host_ip" must be an IP address such as "127.0.0.1", not ${describe(value)}`);
      else config.hostIp = value;
    } else if (key === 'nomad_version') {
      const problem = typeof value === 'string' ? nomadVersionProblem(value) : `expects a string such as "1.9.3", not ${tomlType(value)}`;
      if (problem !== undefined) issue([key], `"nomad_version" ${problem}`);
      else config.nomadVersion = parseNomadVersion(value as string)!;
    } else if (key === 'isolation') {
      const known = ISOLATIONS.find((i) => i === value);
      if (known === undefined) issue([key], `"isolation" must be "auto", "none" or "namespaces", not ${describe(value)}`);
      else config.isolation = known;
    } else if (key === 'port_range') {
      const range = portRange(value, issue, unknown);
      if (range) config.portRange = range;
    } else {
      config.plugin = pluginTable(value, issue, unknown);
    }
  }
  if (issues.length > 0) throw new ConfigFileError(file, issues);
  return config;
}

type Report = (path: string[], message: string) => void;
type Unknown = (path: string[], known: readonly string[]) => void;

function portRange(value: unknown, issue: Report, unknown: Unknown): { min: number; max: number } | undefined {
  if (!isTable(value)) {
    issue(['port_range'], `"port_range" must be a table such as { min = 20000, max = 32000 }, not ${tomlType(value)}`);
    return undefined;
  }
  const out: Partial<Record<'min' | 'max', number>> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k !== 'min' && k !== 'max') {
      unknown(['port_range', k], ['min', 'max']);
      continue;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535) issue(['port_range', k], `"port_range.${k}" must be an integer from 1 to 65535, not ${describe(v)}`);
    else out[k] = v;
  }
  if (out.min === undefined || out.max === undefined) {
    if (!('min' in value) || !('max' in value)) issue(['port_range'], '"port_range" needs both "min" and "max"');
    return undefined;
  }
  if (out.min > out.max) {
    issue(['port_range'], `"port_range.min" (${out.min}) must not be greater than "port_range.max" (${out.max})`);
    return undefined;
  }
  return { min: out.min, max: out.max };
}

function pluginTable(value: unknown, issue: Report, unknown: Unknown): Record<string, PluginValue> {
  const out: Record<string, PluginValue> = {};
  if (!isTable(value)) {
    issue(['plugin'], `"plugin" must be a table ([plugin]), not ${tomlType(value)}`);
    return out;
  }
  const fields = PLUGIN_CONFIG_SCHEMA.fields;
  const names = fields.map((f) => f.name);
  for (const [k, v] of Object.entries(value)) {
    const field = fields.find((f) => f.name === k);
    if (!field) {
      unknown(['plugin', k], names);
      continue;
    }
    if (!matches(v, field.type)) {
      issue(['plugin', k], `"plugin.${k}" must be ${typeText(field.type)}, not ${tomlType(v)}; e.g. ${field.example}`);
      continue;
    }
    out[k] = v;
  }
  return out;
}

function matches(v: unknown, t: FieldType): v is PluginValue {
  switch (t.kind) {
    case 'string':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number';
    case 'list':
      return Array.isArray(v) && v.every((e) => matches(e, t.of));
    case 'map':
      return isTable(v) && Object.values(v).every((e) => matches(e, t.of));
  }
}

function typeText(t: FieldType): string {
  switch (t.kind) {
    case 'string':
      return 'a string';
    case 'bool':
      return 'a boolean';
    case 'number':
      return 'a number';
    case 'list':
      return `an array of ${typeText(t.of).replace(/^an? /, '')}s`;
    case 'map':
      return `a table of ${typeText(t.of).replace(/^an? /, '')}s`;
  }
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** The TOML name of a value's type, for messages. */
function tomlType(v: unknown): string {
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'boolean') return 'a boolean';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a float';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Date) return 'a date-time';
  return 'a table';
}

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' ? String(v) : tomlType(v);
}
