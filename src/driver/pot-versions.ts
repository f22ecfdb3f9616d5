/**
 * What each pot version can do, as far as the driver's options are concerned. The driver works with pot 0.15.0
 * and later; some attributes arrived later, and an older pot refuses them half-way through building the jail
 * ("stop_timeout is not a valid attribute") or takes them and does nothing.
 */
import { compareVersions, parseVersion, type PotVersion } from '../pot/index.js';
import type { ConfigIssue } from './errors.js';
import type { PotConfig } from './task-config.js';

/** pot's `signal`, `exec` and `last-run-stats`, which the driver relies on, came with 0.15.0. */
export const MIN_POT_VERSION = '0.15.0';

/** The newest pot release the driver knows; what `validate` and `plan` assume unless told otherwise. */
export const NEWEST_POT_VERSION = '0.16.1';

/** The first pot version in which setting the attribute works; attributes not listed work in every supported version. */
export const ATTRIBUTE_SINCE: Readonly<Record<string, string>> = {
  // Accepted since 0.15.0, but ignored until 0.15.4.
  'no-etc-hosts': '0.15.4',
  raw_sockets: '0.15.4',
  sysvshm: '0.15.5',
  sysvsem: '0.15.5',
  sysvmsg: '0.15.5',
  mlock: '0.15.5',
  devfs_ruleset: '0.15.5',
  // Accepted since 0.11.4, but ignored ("not implemented") until 0.16.0.
  nullfs: '0.16.0',
  exec_stop: '0.16.0',
  stop_timeout: '0.16.0',
};

/** The pot version options are checked against, and how messages name where it came from. */
export interface PotVersionContext {
  version: PotVersion;
  /** e.g. `this node's pot is 0.15.6`, or `--pot-version is 0.15.6`. */
  described: string;
}

/** Why the attribute cannot be set with this pot, or undefined when it can. */
export function attributeVersionProblem(name: string, pot: PotVersionContext): string | undefined {
  const since = ATTRIBUTE_SINCE[name];
  if (since === undefined || compareVersions(pot.version, since) >= 0) return undefined;
  return `attribute "${name}" needs pot ${since} or later, and ${pot.described}; upgrade pot on the node or remove the attribute`;
}

/** The newest version any of these attributes needs; MIN_POT_VERSION when none needs more. */
export function neededPotVersion(attributeNames: Iterable<string>): string {
  let needed = MIN_POT_VERSION;
  for (const name of attributeNames) {
    const since = ATTRIBUTE_SINCE[name];
    if (since !== undefined && compareVersions(since, needed) > 0) needed = since;
  }
  return needed;
}

/** A version as a user writes it (`0.15.6`), or why it is not one the driver can target. */
export function parsePotVersion(text: string): { version: PotVersion } | { problem: string } {
  let version: PotVersion;
  try {
    version = parseVersion(text);
  } catch {
    return { problem: `"${text}" is not a pot version; write it like ${NEWEST_POT_VERSION}` };
  }
  if (compareVersions(version, MIN_POT_VERSION) < 0) return { problem: `pot ${version.version} is too old: the driver needs pot ${MIN_POT_VERSION} or later` };
  return { version };
}

/** Every attribute of a decoded config that this pot cannot set, as errors at the entry. */
export function potVersionIssues(config: Pick<PotConfig, 'attributes'>, pot: PotVersionContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  config.attributes.forEach(({ name }, i) => {
    const problem = attributeVersionProblem(name, pot);
    if (problem !== undefined) issues.push({ path: ['attributes', i], severity: 'error', message: problem });
  });
  return issues;
}
