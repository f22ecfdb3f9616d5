import type { Diagnostic } from '../source.js';
import { newObject } from '../value.js';
import { decodeConfigBlock } from './config-block.js';
import { decodeNetwork } from './decode-network.js';
import { decodeService } from './decode-service.js';
import { NOMAD_DEFAULTS } from './defaults.js';
import type { Lifecycle, LogConfig, Resources, RestartPolicy, Task, Template } from './model.js';
import type { NomadBlock } from './nomad-block.js';

/**
 * `groupRestart` is the policy a task-level `restart` block refines: it overrides only the fields it
 * sets. `diags` takes the problems of the schemaless `config` block, which only the driver's schema
 * judges.
 */
export function decodeTask(block: NomadBlock, jobName: string, groupName: string, groupRestart: RestartPolicy, diags: Diagnostic[]): Task {
  const name = block.label;
  const configBlock = block.block('config');
  const config = configBlock ? decodeConfigBlock(configBlock.body, configBlock.range, configBlock.path, diags) : { value: newObject(), spans: new Map() };
  const task: Task = {
    name,
    driver: block.string('driver') ?? '',
    config,
    env: block.mapOf('env'),
    meta: block.mapOf('meta'),
    resources: decodeResources(block.block('resources')),
    killTimeoutMs: block.duration('kill_timeout') ?? NOMAD_DEFAULTS.killTimeoutMs,
    services: block.blocks('service').map((s) => decodeService(s, `${jobName}-${groupName}-${name}`)),
    templates: block.blocks('template').map(decodeTemplate),
    logs: decodeLogs(block.block('logs')),
    range: block.range,
    nameRange: block.labelRanges[0] ?? block.typeRange,
  };
  const killSignal = block.string('kill_signal');
  if (killSignal) task.killSignal = killSignal;
  const user = block.string('user');
  if (user) task.user = user;
  const lifecycle = block.block('lifecycle');
  if (lifecycle) task.lifecycle = decodeLifecycle(lifecycle);
  const restart = block.block('restart');
  if (restart) task.restart = decodeRestart(restart, groupRestart);
  return task;
}

function decodeResources(block: NomadBlock | undefined): Resources {
  return {
    cpu: block?.number('cpu') ?? NOMAD_DEFAULTS.cpu,
    memoryMB: block?.number('memory') ?? NOMAD_DEFAULTS.memoryMB,
    memoryMaxMB: block?.number('memory_max') ?? 0,
    cores: block?.number('cores') ?? 0,
    networks: block?.blocks('network').map(decodeNetwork) ?? [],
  };
}

export function decodeRestart(block: NomadBlock, base: RestartPolicy): RestartPolicy {
  return {
    attempts: block.number('attempts') ?? base.attempts,
    intervalMs: block.duration('interval') ?? base.intervalMs,
    delayMs: block.duration('delay') ?? base.delayMs,
    mode: (block.string('mode') ?? base.mode) === 'delay' ? 'delay' : 'fail',
  };
}

function decodeLifecycle(block: NomadBlock): Lifecycle {
  const hook = block.string('hook');
  return { hook: hook === 'poststart' || hook === 'poststop' ? hook : 'prestart', sidecar: block.bool('sidecar') ?? false };
}

function decodeTemplate(block: NomadBlock): Template {
  const d = NOMAD_DEFAULTS.template;
  const t: Template = {
    destination: block.string('destination') ?? '',
    env: block.bool('env') ?? false,
    changeMode: block.string('change_mode') ?? d.changeMode,
    perms: block.string('perms') ?? d.perms,
    leftDelimiter: block.string('left_delimiter') || d.leftDelimiter,
    rightDelimiter: block.string('right_delimiter') || d.rightDelimiter,
    range: block.range,
  };
  const data = block.string('data');
  if (data) t.data = data;
  const source = block.string('source');
  if (source) t.source = source;
  return t;
}

function decodeLogs(block: NomadBlock | undefined): LogConfig {
  const enabled = block?.bool('enabled');
  return {
    maxFiles: block?.number('max_files') ?? NOMAD_DEFAULTS.logs.maxFiles,
    maxFileSizeMB: block?.number('max_file_size') ?? NOMAD_DEFAULTS.logs.maxFileSizeMB,
    disabled: block?.bool('disabled') ?? (enabled === undefined ? false : !enabled),
  };
}
