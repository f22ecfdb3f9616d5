/**
 * Which host directories a task may reach through `copy`, `mount` and `mount_read_only`, and which pot
 * attributes that weaken the jail it may set. A job file is written by whoever may submit jobs; the node's
 * operator decides what of the host those people get, as Nomad's docker driver does with host volumes.
 * The rules are pure; only the resolution of paths on the host (symlinks) touches the file system, and it
 * is passed in.
 */
import { realpathSync } from 'node:fs';
import { posix } from 'node:path';
import { ConfigError, type ConfigIssue } from './errors.js';
import type { PotConfig } from './task-config.js';

/** Where a restriction is set, so that a refusal can quote exactly what to change. */
export type PolicyOrigin =
  /** The agent's plugin block (plugin mode). */
  | { kind: 'plugin' }
  /** The `[plugin]` table of the CLI's settings file. */
  | { kind: 'settings-file'; file: string }
  /** The CLI's `--allow-host-path` flags. */
  | { kind: 'flag' };

export interface Allowance {
  allowed: readonly string[];
  origin: PolicyOrigin;
}

/** An absent restriction allows everything of its kind. */
export interface HostPolicy {
  /** Host path prefixes `copy` and `mount*` sources may be under; the task's alloc dir always is allowed. */
  hostPaths?: Allowance;
  /** Names from WEAKENING_ATTRIBUTES a task may set to a weakening value. */
  jailAttributes?: Allowance;
  /** devfs ruleset numbers `devfs_ruleset` may name. */
  devfsRulesets?: Allowance;
}

/** What Nomad's client gets when the agent's plugin block says nothing: only the alloc dir, pot's default ruleset. */
export const PLUGIN_DEFAULT_HOST_POLICY: Readonly<HostPolicy> = {
  hostPaths: { allowed: [], origin: { kind: 'plugin' } },
  jailAttributes: { allowed: [], origin: { kind: 'plugin' } },
  devfsRulesets: { allowed: ['4'], origin: { kind: 'plugin' } },
};

/** No restriction: the CLI's user is the node's operator. */
export const UNRESTRICTED_HOST_POLICY: Readonly<HostPolicy> = {};

/** The label of the agent's plugin block in the documented set-up (Nomad names it after the plugin's file). */
export const PLUGIN_BLOCK_LABEL = 'pot-nomad';

const TRUE_WORDS = /^(yes|true|on)$/i;

/** The attributes whose values can loosen the jail, with when a value does and what it then allows. */
export const WEAKENING_ATTRIBUTES: Readonly<Record<string, { weakens: (value: string) => boolean; why: string }>> = {
  mount: { weakens: (v) => TRUE_WORDS.test(v), why: 'lets the jail mount file systems' },
  enforce_statfs: { weakens: (v) => Number(v) < 1, why: 'below 1 shows the jail every mount point of the host' },
  children: { weakens: (v) => Number(v) > 0, why: 'above 0 lets the jail create jails of its own' },
  raw_sockets: { weakens: (v) => TRUE_WORDS.test(v), why: 'lets the jail open raw sockets and forge packets' },
  mlock: { weakens: (v) => TRUE_WORDS.test(v), why: 'lets the jail lock memory so the host cannot page it out' },
  sysvshm: { weakens: (v) => v === 'inherit', why: 'inherit shares the host\'s System V shared memory with the jail' },
  sysvsem: { weakens: (v) => v === 'inherit', why: 'inherit shares the host\'s System V semaphores with the jail' },
  sysvmsg: { weakens: (v) => v === 'inherit', why: 'inherit shares the host\'s System V message queues with the jail' },
};

/** Resolves a host path: `..`, `.` and repeated `/`, and the symlinks of its longest existing ancestor. */
export type PathResolver = (path: string) => string;

/**
 * The real path of the longest ancestor that exists, with the rest appended: a path that does not exist
 * yet cannot be a symlink, so where it will point is known once its existing part is.
 */
export function resolveHostPath(path: string): string {
  const parts = (path.startsWith('/') ? path : posix.resolve(path)).split('/');
  for (let i = parts.length; i > 1; i--) {
    let real: string;
    try {
      // The existing part as written: the kernel follows a symlink before the `..` after it, and so does realpath.
      real = realpathSync.native(parts.slice(0, i).join('/'));
    } catch {
      continue;
    }
    const rest = parts.slice(i);
    const joined = posix.resolve(real, ...rest);
    // A `..` past a missing component may lead back into existing directories, whose symlinks count too.
    return rest.includes('..') ? resolveHostPath(joined) : joined;
  }
  return posix.resolve(path);
}

const PATH_FIELDS = [
  ['copy', 'copy'],
  ['mount', 'mount'],
  ['mount_read_only', 'mountReadOnly'],
] as const;

/**
 * Every `copy`, `mount`, `mount_read_only` and `attributes` entry of a decoded config that the policy
 * refuses, as errors at the entry, each saying what would allow it. `allocDir` is the allocation's
 * directory on the host, which its tasks may always use.
 */
export function checkHostPolicy(config: PotConfig, allocDir: string, policy: HostPolicy, resolve: PathResolver = resolveHostPath): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const hostPaths = policy.hostPaths;
  if (hostPaths && PATH_FIELDS.some(([, key]) => config[key].length > 0)) {
    const root = resolve(allocDir);
    const prefixes = hostPaths.allowed.map(resolve);
    for (const [field, key] of PATH_FIELDS) {
      config[key].forEach((pair, i) => {
        const real = resolve(pair.source);
        if (within(real, root) || prefixes.some((p) => within(real, p))) return;
        const shown = real === pair.source ? `"${pair.source}"` : `"${pair.source}" (which resolves to "${real}")`;
        const allowed = [...hostPaths.allowed.map(quote), 'the allocation\'s own directory'].join(', ');
        issues.push({
          path: [field, i],
          severity: 'error',
          message: `the host path ${shown} is not allowed on this node (allowed: ${allowed}); to allow it, ${remedy('allowed_host_paths', hostPaths, real)}`,
        });
      });
    }
  }
  config.attributes.forEach(({ name, value }, i) => {
    const entry = `"${name}:${value}"`;
    const weakening = WEAKENING_ATTRIBUTES[name];
    if (weakening && policy.jailAttributes && !policy.jailAttributes.allowed.includes(name) && weakening.weakens(value)) {
      issues.push({
        path: ['attributes', i],
        severity: 'error',
        message: `${entry} weakens the jail (${name} ${weakening.why}); to allow it, ${remedy('allowed_jail_attributes', policy.jailAttributes, name)}`,
      });
    }
    const rulesets = policy.devfsRulesets;
    if (name === 'devfs_ruleset' && rulesets && !rulesets.allowed.some((r) => number(r) === number(value))) {
      const allowed = rulesets.allowed.length === 0 ? 'none' : rulesets.allowed.map(quote).join(', ');
      issues.push({
        path: ['attributes', i],
        severity: 'error',
        message: `${entry}: devfs ruleset ${number(value)} decides which host devices the jail sees and is not allowed on this node (allowed: ${allowed}); to allow it, ${remedy('devfs_rulesets', rulesets, number(value))}`,
      });
    }
  });
  return issues;
}

/** Like checkHostPolicy, but throws a ConfigError listing every refusal. */
export function enforceHostPolicy(config: PotConfig, allocDir: string, policy: HostPolicy, resolve?: PathResolver): void {
  const issues = checkHostPolicy(config, allocDir, policy, resolve);
  if (issues.length > 0) throw new ConfigError(issues);
}

/**
 * The config with every `copy` and `mount*` source replaced by the path it resolves to, when the policy
 * restricts host paths: pot then gets a path without symlinks, so a link that is re-pointed after the check
 * cannot lead pot elsewhere. Without a restriction, the paths stay as written.
 */
export function resolvePolicyPaths(config: PotConfig, policy: HostPolicy, resolve: PathResolver = resolveHostPath): PotConfig {
  if (policy.hostPaths === undefined) return config;
  const resolved = (pairs: PotConfig['copy']): PotConfig['copy'] => pairs.map((pair) => ({ ...pair, source: resolve(pair.source) }));
  return { ...config, copy: resolved(config.copy), mount: resolved(config.mount), mountReadOnly: resolved(config.mountReadOnly) };
}

/**
 * After pot has taken the resolved sources: each must still resolve to itself. A directory that was swapped
 * for a symlink meanwhile (by a task that can write next to it) is reported at its entry.
 */
export function changedHostPaths(config: PotConfig, policy: HostPolicy, resolve: PathResolver = resolveHostPath): ConfigIssue[] {
  if (policy.hostPaths === undefined) return [];
  const issues: ConfigIssue[] = [];
  for (const [field, key] of PATH_FIELDS) {
    config[key].forEach((pair, i) => {
      const now = resolve(pair.source);
      if (now === pair.source) return;
      issues.push({
        path: [field, i],
        severity: 'error',
        message: `the host path "${pair.source}" changed while the jail was being built: it now leads to "${now}"; the jail was not started`,
      });
    });
  }
  return issues;
}

/** At a path-component boundary: `/data` holds `/data` and `/data/x`, not `/database`. */
function within(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/** A whole number without leading zeros, so `04` and `4` are the same ruleset. */
function number(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** The exact setting that would allow `value`: the line to put in the config in force, or the flag to add. */
function remedy(option: string, allowance: Allowance, value: string): string {
  if (allowance.origin.kind === 'flag') return `add --allow-host-path ${shellWord(value)}`;
  const line = `${option} = [${[...allowance.allowed, value].map(quote).join(', ')}]`;
  return allowance.origin.kind === 'plugin'
    ? `set ${line} in the client agent's plugin "${PLUGIN_BLOCK_LABEL}" { config { ... } } block`
    : `set ${line} in the [plugin] table of ${allowance.origin.file}`;
}

/** A string as HCL and TOML both read it. */
function quote(s: string): string {
  return JSON.stringify(s);
}

/** A word a POSIX shell reads back unchanged: quoted only when it has to be. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
