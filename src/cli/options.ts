import type { VariableInput } from '../hcl/eval/job-file.js';
import { INVOCATION_PATTERN, UUID_PATTERN } from '../nomad/id-format.js';
import { parsePotVersion, type PotVersionContext } from '../driver/pot-versions.js';
import type { NomadVersion } from '../hcl/job/spec/builders.js';
import { compareVersions, OLDEST_NOMAD, parseNomadVersion } from '../hcl/job/spec/versions.js';
import { UsageError } from './errors.js';

/** `--var NAME=VALUE`, repeatable. */
export function collectVar(raw: string, previous: VariableInput[] = []): VariableInput[] {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new UsageError(`--var expects NAME=VALUE, e.g. --var pot_tag=1.1.13; got "${raw}"`);
  return [...previous, { kind: 'var', name: raw.slice(0, eq), value: raw.slice(eq + 1) }];
}

/** `--var-file FILE`, repeatable. */
export function collectVarFile(raw: string, previous: VariableInput[] = []): VariableInput[] {
  return [...previous, { kind: 'var-file', path: raw }];
}

/**
 * The variable inputs in the order Nomad applies them, the last one winning: every var file (in the order
 * given) before every `--var` (in the order given), wherever they stand on the command line.
 */
export function variableInputs(opts: { var?: VariableInput[]; varFile?: VariableInput[] }): VariableInput[] {
  return [...(opts.varFile ?? []), ...(opts.var ?? [])];
}

export function collectPort(raw: string, previous: Map<string, number> = new Map()): Map<string, number> {
  const m = /^([^=]+)=(\d+)$/.exec(raw);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new UsageError(`--port expects LABEL=PORT with a port from 1 to 65535, e.g. --port http=27415; got "${raw}"`);
  return new Map(previous).set(m[1]!, port);
}

export function parseAllocId(raw: string): string {
  if (!UUID_PATTERN.test(raw)) throw new UsageError(`--alloc-id expects a lower-case UUID such as 7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f; got "${raw}"`);
  return raw;
}

export function parseInvocationId(raw: string): string {
  if (!INVOCATION_PATTERN.test(raw)) throw new UsageError(`--invocation-id expects 8 lower-case hex characters such as 0a1b2c3d; got "${raw}"`);
  return raw;
}

export function parseOutput(raw: string): 'text' | 'json' {
  if (raw !== 'text' && raw !== 'json') throw new UsageError(`-o/--output expects "text" or "json"; got "${raw}"`);
  return raw;
}

export function parseAbsolutePath(flag: string) {
  return (raw: string): string => {
    if (!raw.startsWith('/')) throw new UsageError(`${flag} expects an absolute path; got "${raw}"`);
    return raw.length > 1 ? raw.replace(/\/+$/, '') : raw;
  };
}

/** `--allow-host-path`, repeatable: the host path prefixes pot tasks may use. */
export function collectHostPath(raw: string, previous: string[] = []): string[] {
  if (!raw.startsWith('/')) throw new UsageError(`--allow-host-path expects an absolute path such as /data/www; got "${raw}"`);
  return [...previous, raw];
}

export function parseIsolation(raw: string): 'auto' | 'none' | 'namespaces' {
  if (raw !== 'auto' && raw !== 'none' && raw !== 'namespaces') throw new UsageError(`--isolation expects "namespaces", "none" or "auto"; got "${raw}"`);
  return raw;
}

export function parseIp(raw: string): string {
  if (!isIpAddress(raw)) throw new UsageError(`--host-ip expects an IP address such as 127.0.0.1; got "${raw}"`);
  return raw;
}

/** IPv4 in dotted quads, or IPv6 as a URL host accepts it; node:net would cost start-up time for one check. */
function isIpAddress(raw: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(raw);
  if (v4) return v4.slice(1).every((octet) => Number(octet) <= 255 && !/^0\d/.test(octet));
  if (!raw.includes(':')) return false;
  try {
    return new URL(`http://[${raw}]/`).hostname !== '';
  } catch {
    return false;
  }
}

/** `--pot-version`: the pot release the job is checked for. */
export function parsePotVersionOption(raw: string): PotVersionContext {
  const parsed = parsePotVersion(raw);
  if ('problem' in parsed) throw new UsageError(`--pot-version: ${parsed.problem}`);
  return { version: parsed.version, described: `--pot-version is ${parsed.version.version}` };
}

/** `--nomad-version`: the Nomad release the job is meant for, `1.9` or `1.9.3`. */
export function parseNomadVersionOption(raw: string): NomadVersion {
  const problem = nomadVersionProblem(raw);
  if (problem !== undefined) throw new UsageError(`--nomad-version ${problem}`);
  return parseNomadVersion(raw)!;
}

/** What is wrong with a Nomad version as given by a user, if anything. */
export function nomadVersionProblem(raw: string): string | undefined {
  const version = parseNomadVersion(raw);
  if (version === undefined) return `expects a Nomad version such as 1.9 or 1.10.3; got "${raw}"`;
  if (compareVersions(version, OLDEST_NOMAD) < 0) return `must be ${OLDEST_NOMAD} or later, the oldest Nomad whose job files pot-nomad reads; got "${raw}"`;
  return undefined;
}
