import { posix } from 'node:path';
import type { NomadBlock } from '../nomad-block.js';
import { goQuote } from './go-text.js';
import { groupBlocks, taskSecrets, taskVault, type GroupView, type JobView } from './job-view.js';
import { headerRange, type RuleContext } from './rule-context.js';
import { escapesAlloc } from './template-rules.js';

/** `Vault.Validate` on the vault block that applies to the task (its own, its group's or the job's). */
export function validateVault(vault: NomadBlock | undefined, ctx: RuleContext): void {
  if (!vault) return;
  const policies = vault.strings('policies') ?? [];
  if (!ctx.since('1.7.0') && policies.length === 0) ctx.error(vault, ctx.rangeOf(vault, 'policies'), 'Policy list cannot be empty', 'Nomad before 1.7 needs the Vault policies for the task\'s token, e.g. policies = ["app"].');
  if (!ctx.since('1.10.0') && policies.includes('root')) ctx.error(vault, ctx.rangeOf(vault, 'policies'), 'Can not specify "root" policy', 'Give the task a policy of its own instead of root.');
  const mode = vault.string('change_mode') ?? 'restart';
  if (mode === 'signal') {
    if ((vault.string('change_signal') ?? 'SIGHUP') === '') ctx.error(vault, ctx.rangeOf(vault, 'change_signal'), 'Signal must be specified when using change mode "signal"', 'Set change_signal, e.g. change_signal = "SIGHUP".');
  } else if (mode !== 'noop' && mode !== 'restart') {
    ctx.error(vault, ctx.rangeOf(vault, 'change_mode'), `Unknown change mode ${goQuote(mode)}`, 'Set change_mode to "noop", "restart" or "signal".');
  }
}

const SECRET_NAME = /^[a-zA-Z0-9_]{1,128}$/;

/** The task's secrets (Nomad 1.11 on): unique names, a vault block for Vault secrets, `Secret.Validate`. */
export function validateSecrets(view: JobView, group: GroupView, task: NomadBlock, ctx: RuleContext): void {
  if (!ctx.since('1.11.0')) return;
  const seen = new Set<string>();
  const vault = taskVault(view, group, task);
  for (const s of taskSecrets(view, group, task)) {
    const name = s.label;
    const at = headerRange(s);
    if (seen.has(name)) ctx.error(s, at, `Duplicate secret ${goQuote(name)} found`, task.blocks('secret').length > 0 && groupBlocks(group, 'secret').length > 0 ? 'Nomad\'s decoder repeats a task\'s own secrets when its group also has secrets; move the group\'s secrets into the task.' : 'Each secret of a task needs its own name.');
    seen.add(name);
    const provider = s.string('provider') ?? '';
    if (provider === 'vault' && !vault) ctx.error(s, ctx.rangeOf(s, 'provider'), `Secret ${goQuote(name)} has provider "vault" but no vault block`, 'Add a vault block to the task, its group or the job.');
    if (name === '') ctx.error(s, at, 'secret name cannot be empty', 'Name the secret: secret "<name>" { ... }.');
    if (!SECRET_NAME.test(name)) ctx.error(s, at, 'secret name must match regex ^[a-zA-Z0-9_]{1,128}$', 'Use letters, digits and underscores only.');
    if (provider === '') ctx.error(s, ctx.rangeOf(s, 'provider'), 'secret provider cannot be empty', 'Set provider, e.g. provider = "nomad" or "vault".');
    if ((s.string('path') ?? '') === '') ctx.error(s, ctx.rangeOf(s, 'path'), 'secret path cannot be empty', 'Set path to where the secret is read from.');
    const env = s.block('env');
    const config = s.block('config');
    if (provider === 'nomad' || provider === 'vault') {
      if (env && Object.keys(env.entries ?? {}).length > 0) ctx.error(env, headerRange(env), `${provider} provider cannot use the env block`, 'The env block passes settings to a custom secrets plugin; remove it.');
    } else if (config && config.body.items.length > 0) {
      ctx.error(config, headerRange(config), `custom plugin provider ${provider} cannot use the config block`, 'A custom secrets plugin takes its settings from the env block.');
    }
  }
}

const IDENTITY_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

/** `WorkloadIdentity.Validate` on the task's identities; an unnamed one is the default identity. */
export function validateIdentities(task: NomadBlock, ctx: RuleContext): void {
  const identities = task.blocks('identity');
  const isDefault = (i: NomadBlock) => (i.string('name') ?? '') === '' || i.string('name') === 'default';
  const defaults = identities.filter(isDefault);
  if (ctx.since('1.9.0') && defaults[0]) identityProblems(defaults[0], 'default', true, ctx);
  if (!ctx.since('1.7.0')) return;
  // Nomad keeps the first and the last default identity; any in between is a duplicate.
  for (const extra of defaults.slice(1, -1)) {
    ctx.error(extra, headerRange(extra), 'Duplicate default identities found', 'A task has one default (unnamed) identity; give the others a name.');
    identityProblems(extra, 'default', true, ctx);
  }
  for (const i of identities.filter((x) => !isDefault(x))) identityProblems(i, i.string('name')!, false, ctx);
}

function identityProblems(i: NomadBlock, name: string, isDefault: boolean, ctx: RuleContext): void {
  if (!IDENTITY_NAME.test(name)) ctx.error(i, ctx.rangeOf(i, 'name'), `invalid name ${goQuote(name)}. Must match regex ^[a-zA-Z0-9-_]{1,128}$`, 'Use letters, digits, dashes and underscores only.');
  if (!isDefault) {
    (i.strings('aud') ?? []).forEach((aud, n) => {
      if (aud === '') ctx.error(i, ctx.rangeOf(i, 'aud'), `an empty string is an invalid audience (${n + 1})`, 'Remove the empty audience.');
    });
  }
  const mode = i.string('change_mode') ?? '';
  const signal = (i.string('change_signal') ?? '').toUpperCase();
  if (mode === '' || mode === 'noop' || mode === 'restart') {
    if (signal !== '') ctx.error(i, ctx.rangeOf(i, 'change_signal'), `can only use change_signal=${goQuote(signal)} with change_mode="signal"`, 'Set change_mode = "signal", or remove change_signal.');
  } else if (mode === 'signal') {
    if (signal === '') ctx.error(i, ctx.rangeOf(i, 'change_signal'), 'change_signal must be specified when using change_mode="signal"', 'Set change_signal, e.g. change_signal = "SIGHUP".');
  } else ctx.error(i, ctx.rangeOf(i, 'change_mode'), `invalid change_mode: ${mode}`, 'Set change_mode to "noop", "restart" or "signal".');
  const ttl = i.duration('ttl') ?? 0;
  if (ttl > 0 && isDefault) ctx.error(i, ctx.rangeOf(i, 'ttl'), 'ttl for default identity not yet supported', 'Give the identity a name to set its ttl.');
  if (ttl < 0) ctx.error(i, ctx.rangeOf(i, 'ttl'), 'ttl must be >= 0', 'Set ttl to 0s or more.');
  if (ctx.since('1.9.0') && (i.string('filepath') ?? '') !== '' && i.bool('file') !== true) {
    ctx.error(i, ctx.rangeOf(i, 'filepath'), 'file parameter must be true in order to specify filepath', 'Set file = true, or remove filepath.');
  }
}

const ACTION_NAME = /^[^\x00\s]{1,128}$/;

export function validateActions(task: NomadBlock, ctx: RuleContext): void {
  if (!ctx.since('1.7.0')) return;
  const handled = new Map<string, boolean>();
  for (const a of task.blocks('action')) {
    if ((a.string('command') ?? '') === '') ctx.error(a, ctx.rangeOf(a, 'command'), 'command cannot be empty', 'Set command to the program the action runs.');
    if (!ACTION_NAME.test(a.label)) ctx.error(a, headerRange(a), `invalid name '${a.label}'`, 'An action name has no spaces and at most 128 characters.');
    const state = handled.get(a.label);
    if (state === false) {
      ctx.error(a, headerRange(a), `Action ${a.label} defined multiple times`, 'Each action of a task needs its own name.');
      handled.set(a.label, true);
    } else if (state === undefined) handled.set(a.label, false);
  }
}

export function validateLifecycle(task: NomadBlock, ctx: RuleContext): void {
  const lifecycle = task.block('lifecycle');
  if (!lifecycle) return;
  const hook = lifecycle.string('hook') ?? '';
  if (hook === '') ctx.error(lifecycle, ctx.rangeOf(lifecycle, 'hook'), 'no lifecycle hook provided', 'Set hook to "prestart", "poststart" or "poststop".');
  else if (!['prestart', 'poststart', 'poststop'].includes(hook)) ctx.error(lifecycle, ctx.rangeOf(lifecycle, 'hook'), `invalid hook: ${hook}`, 'Set hook to "prestart", "poststart" or "poststop".');
}

export function validateDispatchPayload(task: NomadBlock, ctx: RuleContext): void {
  const payload = task.block('dispatch_payload');
  if (payload && escapesAlloc('task/local/', payload.string('file') ?? '')) {
    ctx.error(payload, ctx.rangeOf(payload, 'file'), 'destination escapes allocation directory', 'The payload is written under the task\'s local directory; use a relative path without "..".');
  }
}

/** A task that is a Consul Connect proxy (`kind = "connect-proxy:<service>"`) must proxy a group service. */
export function validateProxyKind(task: NomadBlock, connectNames: string[], ctx: RuleContext): void {
  const kind = task.string('kind') ?? '';
  if (!kind.startsWith('connect-proxy:') || kind.length <= 'connect-proxy:'.length) return;
  const at = ctx.rangeOf(task, 'kind');
  if (task.blocks('service').length > 0) ctx.error(task, at, 'Connect proxy task must not have a service block', 'The proxied service is declared in the group; remove the task\'s service block.');
  if (task.bool('leader') === true) ctx.error(task, ctx.rangeOf(task, 'leader'), 'Connect proxy task must not have leader set', 'Remove leader from the proxy task.');
  const service = kind.slice('connect-proxy:'.length);
  if (!connectNames.includes(service)) {
    const summary = connectNames.length === 0 ? `No Connect services in task group with Connect proxy (${goQuote(service)})` : `Connect proxy service name (${goQuote(service)}) not found in Connect services from task group: [${connectNames.join(' ')}]`;
    ctx.error(task, at, summary, `kind names the group service this task proxies; the group needs service { name = "${service}" connect { sidecar_service {} } }.`);
  }
}

export function validateCsiPlugin(task: NomadBlock, ctx: RuleContext): void {
  const csi = task.block('csi_plugin');
  if (!csi) return;
  if ((csi.string('id') ?? '') === '') ctx.error(csi, ctx.rangeOf(csi, 'id'), 'CSIPluginConfig must have a non-empty PluginID', 'Set id to the plugin\'s ID.');
  const type = csi.string('type') ?? '';
  if (!['node', 'controller', 'monolith'].includes(type)) ctx.error(csi, ctx.rangeOf(csi, 'type'), `CSIPluginConfig PluginType must be one of 'node', 'controller', or 'monolith', got: "${type}"`, 'Set type to "node", "controller" or "monolith".');
  const stage = csi.string('stage_publish_base_dir') ?? '';
  const mount = csi.string('mount_dir') ?? '';
  const checked = (ctx.since('1.6.5') && !ctx.since('1.7.0')) || ctx.since('1.7.2');
  if (!checked || stage === '' || mount === '') return;
  const inside = ctx.since('2.0.1') ? isSubdirectory(mount, stage) : stage.startsWith(mount);
  if (inside) {
    ctx.error(csi, ctx.rangeOf(csi, 'stage_publish_base_dir'), `CSIPluginConfig StagePublishBaseDir must not be a subdirectory of MountDir, got: StagePublishBaseDir="${stage}" MountDir="${mount}"`, 'Put stage_publish_base_dir outside mount_dir.');
  }
}

/** Go's helper.IsSubdirectory: `path` is `parent` or below it. */
function isSubdirectory(parent: string, path: string): boolean {
  if (posix.isAbsolute(parent) !== posix.isAbsolute(path)) return false;
  const rel = posix.relative(posix.join('/', parent), posix.join('/', path));
  return !rel.startsWith('..');
}

/** Each volume_mount names a volume of the group Nomad understands (host or csi) and valid options. */
export function validateVolumeMounts(mounts: readonly NomadBlock[], group: GroupView, ctx: RuleContext): void {
  const volumes = new Set(groupBlocks(group, 'volume').filter((v) => ['host', 'csi'].includes(v.string('type') ?? '')).map((v) => v.label));
  mounts.forEach((vm, idx) => {
    const volume = vm.string('volume') ?? '';
    const mode = vm.string('propagation_mode') ?? 'private';
    const modeOk = ['', 'private', 'host-to-task', 'bidirectional'].includes(mode);
    const undefinedVolume = () => ctx.error(vm, ctx.rangeOf(vm, 'volume'), `Volume Mount (${idx}) references undefined volume ${volume}`, `Group "${group.name}" has no host or csi volume "${volume}"; add volume "${volume}" { type = "host" source = "..." } to the group.`);
    if (!ctx.since('1.8.0')) {
      if (!modeOk) ctx.error(vm, ctx.rangeOf(vm, 'propagation_mode'), `Volume Mount (${idx}) has an invalid propagation mode: "${mode}"`, 'Set propagation_mode to "private", "host-to-task" or "bidirectional".');
      if (volume === '') ctx.error(vm, ctx.rangeOf(vm, 'volume'), `Volume Mount (${idx}) references an empty volume`, 'Set volume to the name of a group volume.');
      else if (!volumes.has(volume)) undefinedVolume();
      return;
    }
    if (!volumes.has(volume)) undefinedVolume();
    if (volume === '') ctx.error(vm, ctx.rangeOf(vm, 'volume'), 'volume mount references an empty volume', 'Set volume to the name of a group volume.');
    if (!modeOk) ctx.error(vm, ctx.rangeOf(vm, 'propagation_mode'), `volume mount has an invalid propagation mode: ${goQuote(mode)}`, 'Set propagation_mode to "private", "host-to-task" or "bidirectional".');
    const label = vm.string('selinux_label') ?? '';
    if (!['', 'z', 'Z'].includes(label)) ctx.error(vm, ctx.rangeOf(vm, 'selinux_label'), `volume mount has an invalid SELinux label: "${label}"`, 'Set selinux_label to "z" (shared) or "Z" (private).');
  });
}
