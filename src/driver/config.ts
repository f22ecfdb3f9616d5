import { isIP } from 'node:net';
import { closestName } from '../shared/suggest.js';
import { decodeWithSchema, type Decoded } from './config-decode.js';
import { ConfigError, type ConfigIssue } from './errors.js';
import { attributeValueProblem, POT_ATTRIBUTES, READ_ONLY_ATTRIBUTES } from './pot-attributes.js';
import { attributeVersionProblem, type PotVersionContext } from './pot-versions.js';
import { TASK_CONFIG_SCHEMA } from './schema.js';
import type { PathPair, PotAttribute, PotConfig } from './task-config.js';

/** What the config is checked against beyond its own fields. */
export interface PotConfigContext {
  /** Port labels the task's group (or legacy task network) defines; unchecked when absent. */
  portLabels?: ReadonlySet<string>;
  /** The pot the task is for: attributes it is too old for are errors. Unchecked when absent. */
  potVersion?: PotVersionContext;
}

const NETWORK_MODES = ['host', 'inherit', 'public-bridge'];
const UNSUPPORTED_NETWORK_MODES: Record<string, string> = {
  alias:
    '"alias" cannot work with this driver: pot needs a static IP address for the jail (pot prepare -i <ip>), and Nomad gives a driver no address to assign; use "public-bridge" or "host"',
  'private-bridge':
    '"private-bridge" cannot work with this driver: pot needs the name of a bridge created beforehand (pot prepare -B <bridge>), and the driver has no option to pass one; use "public-bridge" or "host"',
};

/** Decodes and checks a task's `config {}`; returns every issue found, and the config when there is no error. */
export function checkPotConfig(raw: Readonly<Record<string, unknown>>, ctx: PotConfigContext = {}): { config?: PotConfig; issues: ConfigIssue[] } {
  const { values, issues } = decodeWithSchema(TASK_CONFIG_SCHEMA, raw);
  const refused = refuseNul(raw, issues);
  // An entry refused for its NUL byte is not checked further: that one message says what to change.
  const err = (path: (string | number)[], message: string): void => {
    if (!refused.some((r) => r.every((part, i) => path[i] === part))) issues.push({ path, message, severity: 'error' });
  };
  const warn = (path: (string | number)[], message: string): void => void issues.push({ path, message, severity: 'warning' });

  for (const name of ['image', 'pot', 'tag'] as const) {
    if (values[name] === '') err([name], `must not be empty; for example ${TASK_CONFIG_SCHEMA.fields.find((f) => f.name === name)!.example}`);
  }
  const command = values.command as string | undefined;
  const args = (values.args as string[] | undefined) ?? [];
  if (args.length > 0 && !command) {
    err(['args'], 'is set but "command" is empty; pot runs arguments only as part of a command, so set command = "..." or remove args');
  }

  const networkMode = values.network_mode as string | undefined;
  if (networkMode !== undefined && !NETWORK_MODES.includes(networkMode)) {
    const suggestion = closestName(networkMode, NETWORK_MODES);
    err(
      ['network_mode'],
      UNSUPPORTED_NETWORK_MODES[networkMode] ??
        `"${networkMode}" is not a network mode pot knows${suggestion ? `; did you mean "${suggestion}"?` : ''} (use "public-bridge", "host" or "inherit")`,
    );
  }

  const portMap = decodePortMap(raw.port_map, values.port_map as Record<string, string>[] | undefined, ctx, err);
  if (Object.keys(portMap).length > 0 && (networkMode === 'host' || networkMode === 'inherit')) {
    warn(['port_map'], `is ignored with network_mode "${networkMode}": the jail shares the host's network, so the task must listen on its host port (NOMAD_PORT_<label>) itself`);
  }

  const config: PotConfig = {
    image: values.image as string,
    pot: values.pot as string,
    tag: values.tag as string,
    args,
    portMap,
    copy: decodePairs('copy', values.copy, err, { mount: false }),
    mount: decodePairs('mount', values.mount, err, { mount: true }),
    mountReadOnly: decodePairs('mount_read_only', values.mount_read_only, err, { mount: true }),
    extraHosts: decodeHosts(values.extra_hosts, err),
    attributes: decodeAttributes(values.attributes, err, ctx.potVersion),
  };
  if (command) config.command = command;
  if (networkMode !== undefined) config.networkMode = networkMode;
  return issues.some((i) => i.severity === 'error') ? { issues } : { config, issues };
}

/** Like checkPotConfig, but throws a ConfigError listing every error. */
export function decodePotConfig(raw: Readonly<Record<string, unknown>>, ctx: PotConfigContext = {}): PotConfig {
  const { config, issues } = checkPotConfig(raw, ctx);
  if (!config) throw new ConfigError(issues.filter((i) => i.severity === 'error'));
  return config;
}

type Report = (path: (string | number)[], message: string) => void;

/** pot mount-in splits its `-d` and `-m` values at blanks, so it refuses paths that have them. */
export const BLANK_PATH_PROBLEM = 'pot mount-in does not accept paths with spaces';

/** Why a value cannot reach pot: no program can receive a NUL byte in its arguments. */
export const NUL_PROBLEM = 'contains a NUL byte, which no pot command can take; remove it';

export function hasNul(s: string): boolean {
  return s.includes('\u0000');
}

/**
 * Every string of the config's known fields (list entries and map keys too) that holds a NUL byte, as an
 * error at its entry; returns the paths refused. Checked on the raw config, so the paths are the ones the
 * decoder and the job file's spans use.
 */
function refuseNul(raw: Readonly<Record<string, unknown>>, issues: ConfigIssue[]): (string | number)[][] {
  const refused: (string | number)[][] = [];
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      if (hasNul(value)) {
        refused.push(path);
        issues.push({ path, severity: 'error', message: NUL_PROBLEM });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (!hasNul(key)) {
          visit(item, [...path, key]);
          continue;
        }
        refused.push([...path, key]);
        issues.push({ path, severity: 'error', message: `the key ${JSON.stringify(key)} ${NUL_PROBLEM}` });
      }
    }
  };
  for (const field of TASK_CONFIG_SCHEMA.fields) visit(raw[field.name], [field.name]);
  return refused;
}

function decodePortMap(raw: unknown, maps: Record<string, string>[] | undefined, ctx: PotConfigContext, err: Report): Record<string, string> {
  const out: Record<string, string> = {};
  (maps ?? []).forEach((map, i) => {
    for (const [label, value] of Object.entries(map)) {
      const path = Array.isArray(raw) ? ['port_map', i, label] : ['port_map', label];
      if (ctx.portLabels && !ctx.portLabels.has(label)) {
        const known = [...ctx.portLabels];
        const suggestion = closestName(label, known);
        err(
          path,
          `label "${label}" is not a port of this task's network${suggestion ? `; did you mean "${suggestion}"?` : ''} ` +
            (known.length ? `(ports: ${known.join(', ')})` : `(the group defines no ports; add network { port "${label}" {} })`),
        );
      }
      if (!/^((tcp|udp):)?\d+$/.test(value) || !validPort(value.replace(/^(tcp|udp):/, ''))) {
        err(path, `"${value}" is not a port inside the jail; use a number from 1 to 65535, optionally prefixed with "tcp:" or "udp:"`);
      }
      out[label] = value;
    }
  });
  return out;
}

function validPort(s: string): boolean {
  const n = Number(s);
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

function decodePairs(field: string, value: Decoded | undefined, err: Report, opts: { mount: boolean }): PathPair[] {
  const out: PathPair[] = [];
  ((value as string[] | undefined) ?? []).forEach((entry, i) => {
    const path = [field, i];
    const example = `"/host/dir:/jail/dir"`;
    const colon = entry.indexOf(':');
    if (colon < 0) {
      err(path, `"${entry}" has no ":"; write "<host path>:<jail path>", e.g. ${example}`);
      return;
    }
    const source = entry.slice(0, colon);
    const destination = entry.slice(colon + 1);
    const problems: string[] = [];
    if (!source.startsWith('/')) problems.push(`the host path "${source}" must be absolute`);
    else if (source.split('/').includes('..')) problems.push(`the host path "${source}" must not contain ".."`);
    if (!destination.startsWith('/')) problems.push(`the jail path "${destination}" must be absolute`);
    else if (opts.mount && destination.replace(/\/+$/, '') === '') problems.push('"/" cannot be a mount point');
    if (opts.mount && /\s/.test(entry)) problems.push(BLANK_PATH_PROBLEM);
    if (problems.length > 0) {
      err(path, `"${entry}": ${problems.join('; ')}`);
      return;
    }
    out.push({ source, destination });
  });
  return out;
}

function decodeHosts(value: Decoded | undefined, err: Report): string[] {
  const hosts = (value as string[] | undefined) ?? [];
  hosts.forEach((entry, i) => {
    const colon = entry.indexOf(':');
    const name = colon < 0 ? '' : entry.slice(0, colon);
    const ip = colon < 0 ? '' : entry.slice(colon + 1);
    if (colon < 0) err(['extra_hosts', i], `"${entry}" has no ":"; write "<hostname>:<IP>", e.g. "db.internal:10.0.0.5"`);
    else if (!/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(name)) err(['extra_hosts', i], `"${name}" is not a valid hostname`);
    else if (isIP(ip) === 0) err(['extra_hosts', i], `"${ip}" is not an IP address; write "<hostname>:<IP>", e.g. "db.internal:10.0.0.5"`);
  });
  return hosts;
}

function decodeAttributes(value: Decoded | undefined, err: Report, pot: PotVersionContext | undefined): PotAttribute[] {
  const out: PotAttribute[] = [];
  ((value as string[] | undefined) ?? []).forEach((entry, i) => {
    const path = ['attributes', i];
    const colon = entry.indexOf(':');
    if (colon < 0) {
      err(path, `"${entry}" has no ":"; write "<attribute>:<value>", e.g. "devfs_ruleset:4"`);
      return;
    }
    const name = entry.slice(0, colon);
    const attrValue = entry.slice(colon + 1);
    const type = POT_ATTRIBUTES[name];
    if (READ_ONLY_ATTRIBUTES.includes(name)) {
      err(path, `"${name}" is read-only in pot and cannot be set`);
      return;
    }
    if (!type) {
      const suggestion = closestName(name, Object.keys(POT_ATTRIBUTES));
      err(path, `"${name}" is not a pot attribute${suggestion ? `; did you mean "${suggestion}"?` : ''} (see pot help set-attr)`);
      return;
    }
    const problem = attributeValueProblem(type, attrValue);
    if (problem) {
      err(path, `attribute "${name}" needs ${problem}, not "${attrValue}"`);
      return;
    }
    const tooOld = pot === undefined ? undefined : attributeVersionProblem(name, pot);
    if (tooOld !== undefined) {
      err(path, tooOld);
      return;
    }
    out.push({ name, value: attrValue });
  });
  return out;
}
