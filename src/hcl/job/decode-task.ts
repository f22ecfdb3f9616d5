import type { EvaluatedBlock } from '../eval/evaluated.js';
import type { Diagnostic } from '../source.js';
import { newObject } from '../value.js';
import { decodeConfigBlock } from './config-block.js';
import { decodeNetwork } from './decode-network.js';
import { decodeService } from './decode-service.js';
import type { Lifecycle, LogConfig, Resources, RestartPolicy, Task, Template } from './model.js';
import { NOMAD_DEFAULTS, NOMAD_SCHEMA } from './nomad-schema.js';
import { BodyReader, blockPath } from './reader.js';

const HOOKS = ['prestart', 'poststart', 'poststop'] as const;

/** `groupRestart` is the policy a task-level `restart` block refines: it overrides only the fields it sets. */
export function decodeTask(
  block: EvaluatedBlock,
  parentPath: string,
  jobName: string,
  groupName: string,
  groupRestart: RestartPolicy,
  diags: Diagnostic[],
): Task {
  const name = block.labels[0] ?? '';
  const path = blockPath(parentPath, 'task', name);
  const r = new BodyReader(block.body, path, diags, NOMAD_SCHEMA.task);

  const driver = r.string('driver') ?? '';
  if (driver === '') r.error(block.typeRange, 'Missing task driver', `Task "${name}" needs a driver, e.g. driver = "pot".`);

  const configBlock = r.single('config');
  const config = configBlock
    ? decodeConfigBlock(configBlock.body, configBlock.range, blockPath(path, 'config'), diags)
    : { value: newObject(), spans: new Map() };

  const task: Task = {
    name,
    driver,
    config,
    env: { ...attributeMap(r, 'env'), ...r.stringMap('env') },
    meta: { ...attributeMap(r, 'meta'), ...r.stringMap('meta') },
    resources: decodeResources(r.single('resources'), path, diags),
    killTimeoutMs: r.duration('kill_timeout') ?? NOMAD_DEFAULTS.killTimeoutMs,
    services: r.blocks('service').map((s) => decodeService(s, path, `${jobName}-${groupName}-${name}`, diags)),
    templates: r.blocks('template').map((t) => decodeTemplate(t, path, diags)),
    logs: decodeLogs(r.single('logs'), path, diags),
    range: block.range,
    nameRange: block.labelRanges[0] ?? block.typeRange,
  };
  const killSignal = r.string('kill_signal');
  if (killSignal !== undefined) task.killSignal = killSignal;
  const user = r.string('user');
  if (user !== undefined) task.user = user;
  const lifecycle = r.single('lifecycle');
  if (lifecycle) task.lifecycle = decodeLifecycle(lifecycle, path, diags);
  const restart = r.single('restart');
  if (restart) task.restart = decodeRestart(restart, path, groupRestart, diags);
  return task;
}

/** `env = { ... }` / `meta = { ... }` written as an attribute instead of a block. */
export function attributeMap(r: BodyReader, name: string): Record<string, string> {
  const a = r.attribute(name);
  if (!a || a.value === null) return {};
  const out: Record<string, string> = {};
  if (typeof a.value !== 'object' || Array.isArray(a.value)) {
    r.error(a.exprRange, 'Incorrect attribute value type', `Inappropriate value for attribute "${name}": a map of string is required.`);
    return out;
  }
  for (const [k, v] of Object.entries(a.value)) {
    if (typeof v === 'object' && v !== null) {
      r.error(a.exprRange, 'Incorrect attribute value type', `"${name}.${k}" must be a string.`);
      continue;
    }
    out[k] = v === null ? '' : String(v);
  }
  return out;
}

function decodeResources(block: EvaluatedBlock | undefined, parentPath: string, diags: Diagnostic[]): Resources {
  const res: Resources = { cpu: NOMAD_DEFAULTS.cpu, memoryMB: NOMAD_DEFAULTS.memoryMB, memoryMaxMB: 0, cores: 0, networks: [] };
  if (!block) return res;
  const path = blockPath(parentPath, 'resources');
  const r = new BodyReader(block.body, path, diags, NOMAD_SCHEMA.resources);
  res.cpu = r.integer('cpu', 1) ?? res.cpu;
  res.memoryMB = r.integer('memory', 1) ?? res.memoryMB;
  res.memoryMaxMB = r.integer('memory_max', 0) ?? 0;
  res.cores = r.integer('cores', 1) ?? 0;
  if (res.memoryMaxMB > 0 && res.memoryMaxMB < res.memoryMB) {
    r.error(r.attribute('memory_max')?.exprRange, 'Invalid memory_max', `"memory_max" (${res.memoryMaxMB}) must be at least "memory" (${res.memoryMB}).`);
  }
  res.networks = r.blocks('network').map((n) => decodeNetwork(n, path, diags));
  return res;
}

export function decodeRestart(block: EvaluatedBlock, parentPath: string, base: RestartPolicy, diags: Diagnostic[]): RestartPolicy {
  const r = new BodyReader(block.body, blockPath(parentPath, 'restart'), diags, NOMAD_SCHEMA.restart);
  const fallback = base;
  const mode = r.string('mode') ?? fallback.mode;
  if (mode !== 'fail' && mode !== 'delay') {
    r.error(r.attribute('mode')?.exprRange, 'Invalid restart mode', `"mode" must be "fail" or "delay", not "${mode}".`);
  }
  return {
    attempts: r.integer('attempts', 0) ?? fallback.attempts,
    intervalMs: r.duration('interval') ?? fallback.intervalMs,
    delayMs: r.duration('delay') ?? fallback.delayMs,
    mode: mode === 'delay' ? 'delay' : 'fail',
  };
}

function decodeLifecycle(block: EvaluatedBlock, parentPath: string, diags: Diagnostic[]): Lifecycle {
  const r = new BodyReader(block.body, blockPath(parentPath, 'lifecycle'), diags, NOMAD_SCHEMA.lifecycle);
  const hook = r.string('hook') ?? '';
  if (!(HOOKS as readonly string[]).includes(hook)) {
    r.error(r.attribute('hook')?.exprRange ?? block.typeRange, 'Invalid lifecycle hook', `"hook" must be one of "prestart", "poststart", "poststop"${hook ? `, not "${hook}"` : ''}.`);
  }
  return { hook: (HOOKS as readonly string[]).includes(hook) ? (hook as Lifecycle['hook']) : 'prestart', sidecar: r.bool('sidecar') ?? false };
}

function decodeTemplate(block: EvaluatedBlock, parentPath: string, diags: Diagnostic[]): Template {
  const r = new BodyReader(block.body, blockPath(parentPath, 'template'), diags, NOMAD_SCHEMA.template);
  const d = NOMAD_DEFAULTS.template;
  const destination = r.string('destination') ?? '';
  if (destination === '') r.error(block.typeRange, 'Missing template destination', 'A template needs a "destination", e.g. destination = "local/app.conf".');
  const t: Template = {
    destination,
    env: r.bool('env') ?? false,
    changeMode: r.string('change_mode') ?? d.changeMode,
    perms: r.string('perms') ?? d.perms,
    leftDelimiter: r.string('left_delimiter') ?? d.leftDelimiter,
    rightDelimiter: r.string('right_delimiter') ?? d.rightDelimiter,
    range: block.range,
  };
  const data = r.string('data');
  if (data !== undefined) t.data = data;
  const source = r.string('source');
  if (source !== undefined) t.source = source;
  if (data === undefined && source === undefined) r.error(block.typeRange, 'Missing template content', 'A template needs either "data" or "source".');
  return t;
}

function decodeLogs(block: EvaluatedBlock | undefined, parentPath: string, diags: Diagnostic[]): LogConfig {
  const logs: LogConfig = { ...NOMAD_DEFAULTS.logs, disabled: false };
  if (!block) return logs;
  const r = new BodyReader(block.body, blockPath(parentPath, 'logs'), diags, NOMAD_SCHEMA.logs);
  logs.maxFiles = r.integer('max_files', 1) ?? logs.maxFiles;
  logs.maxFileSizeMB = r.integer('max_file_size', 1) ?? logs.maxFileSizeMB;
  const enabled = r.bool('enabled');
  logs.disabled = r.bool('disabled') ?? (enabled === undefined ? false : !enabled);
  return logs;
}
