import { accessSync, constants, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { CorruptStateError, potConfDamage, readStateText } from './state-damage.js';
import { PotError } from './messages.js';

/**
 * Where the emulator keeps pot's state: `POT_EMULATOR_ROOT`, else a per-user directory under the XDG state
 * home. Inside it the layout mirrors pot's `${POT_FS_ROOT}` (`jails/`, `bridges/`) plus pot's `${POT_TMP}`
 * files under `tmp/` and the recorded images under `images/`.
 */
export function resolveStateRoot(env: NodeJS.ProcessEnv): string {
  const explicit = env.POT_EMULATOR_ROOT;
  if (explicit !== undefined && explicit !== '') return resolve(explicit);
  const xdg = env.XDG_STATE_HOME;
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : join(homedir(), '.local', 'state');
  return join(base, 'pot-nomad', 'emulator');
}

/** A name that cannot leave `jails/` (pot itself relies on ZFS dataset names for that). */
export function isSafeName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\0');
}

export class EmulatorState {
  readonly jails: string;
  readonly tmp: string;
  readonly images: string;
  readonly bridges: string;

  private constructor(readonly root: string) {
    this.jails = join(root, 'jails');
    this.tmp = join(root, 'tmp');
    this.images = join(root, 'images');
    this.bridges = join(root, 'bridges');
  }

  /** Opens the state root, creating it on first use so that no `pot init` is needed. */
  static open(env: NodeJS.ProcessEnv): EmulatorState {
    const state = EmulatorState.at(env);
    for (const dir of [state.jails, state.tmp, state.images, state.bridges]) makeDirectories(dir);
    return state;
  }

  /** The state root without touching the disk (for `version`, which pot runs without its root). */
  static at(env: NodeJS.ProcessEnv): EmulatorState {
    return new EmulatorState(resolveStateRoot(env));
  }

  potDir(name: string): string {
    return join(this.jails, name);
  }

  rootFs(name: string): string {
    return join(this.jails, name, 'm');
  }

  confDir(name: string): string {
    return join(this.jails, name, 'conf');
  }

  potConfPath(name: string): string {
    return join(this.confDir(name), 'pot.conf');
  }

  fscompConfPath(name: string): string {
    return join(this.confDir(name), 'fscomp.conf');
  }

  lastRunStatsPath(name: string): string {
    return join(this.confDir(name), '.last_run_stats');
  }

  statusPath(name: string): string {
    return join(this.tmp, `pot_status_${name}`);
  }

  mainPidPath(name: string): string {
    return join(this.tmp, `pot_main_pid_${name}`);
  }

  /** Emulator-only: the pid of the blocking `pot start`, which plays the part of the jail's lifetime. */
  startPidPath(name: string): string {
    return join(this.tmp, `pot_start_pid_${name}`);
  }

  /** Emulator-only: how an isolated pot's sandbox is made up (see `jail/record.ts`). */
  jailRecordPath(name: string): string {
    return join(this.tmp, `pot_jail_${name}`);
  }

  potLockPath(name: string): string {
    return join(this.tmp, `pot-lock-${name}`);
  }

  globalLockPath(): string {
    return join(this.tmp, 'pot-lock-file');
  }

  imageConfPath(imported: string): string {
    return join(this.images, imported, 'pot.conf');
  }

  bridgePath(name: string): string {
    return join(this.bridges, name);
  }

  /** `_get_pot_list`: every directory under `jails/`, in `ls` order. */
  listPots(): string[] {
    return listDirectories(this.jails);
  }

  listBridges(): string[] {
    try {
      return readdirSync(this.bridges, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
        .sort();
    } catch {
      return [];
    }
  }

  /** The pot's pot.conf; a PotError (CorruptStateError when damaged) names the pot and the file. */
  readPotConf(name: string): PotConf {
    return PotConf.load(this.potConfPath(name), `pot ${name}`);
  }

  writePotConf(name: string, conf: PotConf): void {
    conf.save(this.potConfPath(name));
  }
}

/**
 * `mkdir -p` one level at a time: Node's recursive mkdirSync can spin forever on pseudo filesystems
 * (a root under /proc), and the root comes from the environment.
 */
function makeDirectories(dir: string): void {
  const parent = dirname(dir);
  if (parent !== dir && !existsSync(parent)) makeDirectories(parent);
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function listDirectories(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function isReadable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * pot.conf: `key=value` lines. Readers follow pot's helpers: `_get_conf_var` deletes every blank, tab and
 * double quote of the matching lines and keeps the text between the first and the second `=`; `raw` is the
 * plain `sed 's/^key=//'` used for `pot.cmd` and `ip`. Writers delete every `key=` line and append the new
 * ones at the end. A `pot.env` value that spans several physical lines (a value with a newline) is kept
 * together as one logical line.
 */
export class PotConf {
  private constructor(private lines: string[]) {}

  static parse(text: string): PotConf {
    const physical = text.split('\n');
    if (physical.at(-1) === '') physical.pop();
    const logical: string[] = [];
    let pending: string | undefined;
    for (const line of physical) {
      pending = pending === undefined ? line : `${pending}\n${line}`;
      if (!hasOpenQuote(pending)) {
        logical.push(pending);
        pending = undefined;
      }
    }
    if (pending !== undefined) logical.push(pending);
    return new PotConf(logical);
  }

  /**
   * Reads and checks a pot.conf the emulator wrote (`owner` names its pot or image in messages): one that is
   * empty, cut off, not `key=value` lines or without the keys every pot has is a CorruptStateError.
   */
  static load(path: string, owner: string): PotConf {
    const text = readStateText(path, owner);
    if (text === undefined) throw new PotError(`${owner}: ${path} does not exist`);
    const conf = PotConf.parse(text);
    const damage = potConfDamage(text, conf.lines);
    if (damage !== undefined) throw new CorruptStateError(path, damage, owner);
    return conf;
  }

  static empty(): PotConf {
    return new PotConf([]);
  }

  save(path: string): void {
    writeFileAtomic(path, this.toString(), { flush: true });
  }

  toString(): string {
    return this.lines.map((line) => `${line}\n`).join('');
  }

  /** `_get_conf_var KEY`; several matching lines give several lines. */
  value(key: string): string {
    return this.values(key).join('\n');
  }

  values(key: string): string[] {
    return this.matching(key).map((line) => line.replace(/[ \t"]/g, '').split('=')[1] ?? '');
  }

  raw(key: string): string {
    return this.rawValues(key).join('\n');
  }

  rawValues(key: string): string[] {
    return this.matching(key).map((line) => line.slice(key.length + 1));
  }

  has(key: string): boolean {
    return this.matching(key).length > 0;
  }

  /** Deletes every `key=` line and appends one line per value. */
  replace(key: string, values: readonly string[]): void {
    this.remove(key);
    for (const value of values) this.lines.push(`${key}=${value}`);
  }

  set(key: string, value: string): void {
    this.replace(key, [value]);
  }

  append(key: string, value: string): void {
    this.lines.push(`${key}=${value}`);
  }

  remove(key: string): void {
    this.lines = this.lines.filter((line) => !line.startsWith(`${key}=`));
  }

  /** Every line whose key is not one of `keys` (what `clone` keeps from a template). */
  without(keys: readonly string[]): PotConf {
    return new PotConf(this.lines.filter((line) => !keys.some((key) => line.startsWith(`${key}=`))));
  }

  private matching(key: string): string[] {
    return this.lines.filter((line) => line.startsWith(`${key}=`));
  }
}

/** True while a `pot.env="...` value (set-env's format) has not reached its closing, unescaped quote. */
function hasOpenQuote(line: string): boolean {
  const prefix = 'pot.env="';
  if (!line.startsWith(prefix)) return false;
  for (let i = prefix.length; i < line.length; i += 1) {
    const char = line.charAt(i);
    if (char === '\\') i += 1;
    else if (char === '"') return false;
  }
  return true;
}
