import { posix } from 'node:path';
import type { NomadBlock } from '../nomad-block.js';
import { goDuration, goQuote } from './go-text.js';
import { headerRange, type RuleContext } from './rule-context.js';
import { containsEnv } from './service-names.js';

/**
 * Nomad's check that a path inside the task directory stays inside the allocation: joined to
 * `/alloc-dir/alloc-id/<prefix>` and cleaned, it must not climb out (absolute paths are joined too).
 */
export function escapesAlloc(prefix: string, path: string): boolean {
  const alloc = '/alloc-dir/alloc-id';
  const rel = posix.relative(alloc, posix.join(alloc, prefix, path));
  return rel.startsWith('..');
}

const CHANGE_MODES = ['noop', 'restart', 'signal', 'script'];

/** `Template.Validate` for each template, and no two templates rendering to the same file. */
export function validateTemplates(task: NomadBlock, ctx: RuleContext): void {
  const destinations = new Map<string, number>();
  task.blocks('template').forEach((t, i) => {
    const source = t.string('source') ?? '';
    const data = t.string('data') ?? '';
    const dest = t.string('destination') ?? '';
    if (source === '' && data === '') ctx.error(t, headerRange(t), 'Must specify a source path or have an embedded template', 'Set source (a file in the task directory) or data (the template text).');
    if (dest === '') ctx.error(t, ctx.rangeOf(t, 'destination'), 'Must specify a destination for the template', 'Set destination, e.g. destination = "local/app.conf".');
    if (escapesAlloc('task', dest)) ctx.error(t, ctx.rangeOf(t, 'destination'), 'destination escapes allocation directory', `${goQuote(dest)} leads outside the allocation; use a path inside the task directory, e.g. "local/...".`);
    const mode = t.string('change_mode') ?? 'restart';
    const signalSet = t.string('change_signal');
    const signal = signalSet !== undefined ? signalSet.toUpperCase() : mode === 'signal' ? 'SIGHUP' : '';
    if (mode === 'signal') {
      if (signal === '') ctx.error(t, ctx.rangeOf(t, 'change_signal'), 'Must specify signal value when change mode is signal', 'Set change_signal, e.g. change_signal = "SIGHUP".');
      if (t.bool('env') === true) ctx.error(t, ctx.rangeOf(t, 'env'), 'cannot use signals with env var templates', 'Environment variables are read when the task starts; use change_mode = "restart" with env = true.');
    } else if (mode === 'script') {
      const script = t.block('change_script');
      if (!script) ctx.error(t, ctx.rangeOf(t, 'change_mode'), 'must specify change script configuration value when change mode is script', 'Add change_script { command = "..." }.');
      else if ((script.string('command') ?? '') === '') ctx.error(script, headerRange(script), 'must specify script path value when change mode is script', 'Set command to the script to run.');
    } else if (!CHANGE_MODES.includes(mode)) {
      ctx.error(t, ctx.rangeOf(t, 'change_mode'), 'Invalid change mode. Must be one of the following: noop, signal, script, restart', 'Set change_mode to "noop", "signal", "script" or "restart".');
    }
    const splay = t.duration('splay') ?? 5000;
    if (splay < 0) ctx.error(t, ctx.rangeOf(t, 'splay'), 'Must specify positive splay value', 'Set splay to 0s or more.');
    const perms = t.string('perms') ?? '0644';
    const permsProblem = octalProblem(perms);
    if (perms !== '' && permsProblem) ctx.error(t, ctx.rangeOf(t, 'perms'), `Failed to parse ${goQuote(perms)} as octal: strconv.ParseUint: parsing ${goQuote(perms)}: ${permsProblem}`, 'Write the file mode in octal, e.g. perms = "0640".');
    const wait = t.block('wait');
    const min = wait?.duration('min');
    const max = wait?.duration('max');
    if (wait && min !== undefined && max !== undefined && min > max) ctx.error(wait, ctx.rangeOf(wait, 'min'), `wait min ${goDuration(min)} is greater than max ${goDuration(max)}`, 'Set min no greater than max.');
    const other = destinations.get(dest);
    if (other !== undefined) ctx.error(t, ctx.rangeOf(t, 'destination'), `Template ${i + 1} has same destination as ${other}`, 'Each template of a task renders to a file of its own; change one destination.');
    else destinations.set(dest, i + 1);
  });
}

/** Go's strconv.ParseUint(s, 8, 12) error, or undefined. */
function octalProblem(s: string): string | undefined {
  if (!/^[0-7]+$/.test(s)) return 'invalid syntax';
  return BigInt(`0o${s}`) > 0o7777n ? 'value out of range' : undefined;
}

/** Template warnings: `vault_grace` has been ignored since Vault 0.5. */
export function templateWarnings(task: NomadBlock, ctx: RuleContext): void {
  for (const t of task.blocks('template')) {
    const grace = t.duration('vault_grace') ?? 0;
    if (grace !== 0) {
      ctx.warn(t, ctx.rangeOf(t, 'vault_grace'), 'VaultGrace has been deprecated as of Nomad 0.11 and ignored since Vault 0.5. Please remove VaultGrace / vault_grace from template block.', 'Remove vault_grace; it has no effect.');
    }
  }
}

const CHECKSUM_SIZES: Record<string, number> = { md5: 16, sha1: 20, sha256: 32, sha512: 64 };

/** `TaskArtifact.Validate`: a source, a known mode, a destination inside the task, a well-formed checksum. */
export function validateArtifacts(task: NomadBlock, ctx: RuleContext): void {
  for (const a of task.blocks('artifact')) {
    const source = a.string('source') ?? '';
    if (source === '') ctx.error(a, headerRange(a), 'source must be specified', 'Set source to the URL to download, e.g. source = "https://example.com/app.tar.gz".');
    const mode = a.string('mode') ?? 'any';
    if (!['', 'any', 'file', 'dir'].includes(mode)) ctx.error(a, ctx.rangeOf(a, 'mode'), `invalid artifact mode ${goQuote(mode)}; must be one of: any, file, dir`, 'Set mode to "any", "file" or "dir".');
    const dest = a.string('destination') ?? (mode === 'file' ? posix.join('local', posix.basename(source)) : 'local/');
    if (escapesAlloc('task', dest)) ctx.error(a, ctx.rangeOf(a, 'destination'), 'destination escapes allocation directory', `${goQuote(dest)} leads outside the allocation; use a path inside the task directory, e.g. "local/...".`);
    const checksum = a.block('options')?.entries?.checksum;
    if (typeof checksum === 'string') {
      const problem = checksumProblem(checksum);
      if (problem) ctx.error(a.block('options')!, headerRange(a.block('options')!), problem, 'Write the checksum as "<type>:<hex digest>", with type md5, sha1, sha256 or sha512.');
    }
  }
}

function checksumProblem(raw: string): string | undefined {
  if (containsEnv(raw)) return undefined;
  const check = raw.trim();
  if (check === '') return 'checksum value cannot be empty';
  const parts = check.split(':');
  if (parts.length !== 2) return `checksum must be given as "type:value"; got ${goQuote(check)}`;
  const [type, value] = parts as [string, string];
  const bad = /[^0-9a-fA-F]/.exec(value);
  if (bad) {
    const cp = bad[0].codePointAt(0)!;
    return `invalid checksum: encoding/hex: invalid byte: U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${goRuneQuote(bad[0])}`;
  }
  if (value.length % 2 === 1) return 'invalid checksum: encoding/hex: odd length hex string';
  const size = CHECKSUM_SIZES[type];
  if (size === undefined) return `unsupported checksum type: ${type}`;
  if (value.length / 2 !== size) return `invalid ${type} checksum: ${value}`;
  return undefined;
}

/** Go's `%q` of a rune. */
function goRuneQuote(ch: string): string {
  return `'${goQuote(ch).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}
