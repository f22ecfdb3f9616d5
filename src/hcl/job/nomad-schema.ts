import type { BodySpec } from './reader.js';

/**
 * The attribute and block names Nomad's jobspec accepts, per block type. The loader decodes only what a
 * pot task needs, but checks every name, so a typo anywhere in a job is reported as Nomad would.
 */
export const NOMAD_SCHEMA = {
  job: {
    attributes: ['all_at_once', 'datacenters', 'node_pool', 'name', 'namespace', 'region', 'type', 'priority', 'id', 'vault_token', 'consul_token', 'meta'],
    blocks: ['group', 'task', 'constraint', 'affinity', 'spread', 'meta', 'migrate', 'multiregion', 'parameterized', 'periodic', 'reschedule', 'update', 'vault', 'consul', 'ui'],
  },
  group: {
    attributes: ['count', 'shutdown_delay', 'stop_after_client_disconnect', 'max_client_disconnect', 'prevent_reschedule_on_lost', 'meta'],
    blocks: ['constraint', 'affinity', 'spread', 'consul', 'disconnect', 'ephemeral_disk', 'meta', 'migrate', 'network', 'reschedule', 'restart', 'scaling', 'service', 'task', 'update', 'vault', 'volume'],
  },
  task: {
    attributes: ['driver', 'user', 'kill_timeout', 'kill_signal', 'leader', 'shutdown_delay', 'kind', 'meta', 'env'],
    blocks: ['action', 'artifact', 'config', 'constraint', 'affinity', 'consul', 'csi_plugin', 'dispatch_payload', 'env', 'identity', 'lifecycle', 'logs', 'meta', 'resources', 'restart', 'scaling', 'schedule', 'service', 'template', 'vault', 'volume_mount'],
  },
  network: {
    attributes: ['mode', 'hostname', 'mbits'],
    blocks: ['port', 'dns', 'cni'],
  },
  port: {
    attributes: ['static', 'to', 'host_network'],
    blocks: [],
  },
  resources: {
    attributes: ['cpu', 'cores', 'memory', 'memory_max', 'secrets', 'iops', 'disk'],
    blocks: ['network', 'device', 'numa'],
  },
  restart: {
    attributes: ['attempts', 'delay', 'interval', 'mode', 'render_templates'],
    blocks: [],
  },
  service: {
    attributes: ['name', 'port', 'tags', 'canary_tags', 'enable_tag_override', 'address', 'address_mode', 'task', 'on_update', 'provider', 'meta', 'canary_meta', 'tagged_addresses', 'cluster'],
    blocks: ['check', 'connect', 'meta', 'canary_meta', 'tagged_addresses', 'identity', 'weights'],
  },
  check: {
    attributes: ['name', 'type', 'port', 'path', 'protocol', 'method', 'interval', 'timeout', 'command', 'args', 'address_mode', 'expose', 'grpc_service', 'grpc_use_tls', 'initial_status', 'success_before_passing', 'failures_before_critical', 'failures_before_warning', 'tls_skip_verify', 'tls_server_name', 'on_update', 'task', 'body', 'notes', 'header'],
    blocks: ['check_restart', 'header'],
  },
  template: {
    attributes: ['data', 'source', 'destination', 'change_mode', 'change_signal', 'env', 'perms', 'uid', 'gid', 'left_delimiter', 'right_delimiter', 'splay', 'error_on_missing_key', 'vault_grace', 'once'],
    blocks: ['wait', 'change_script'],
  },
  logs: {
    attributes: ['max_files', 'max_file_size', 'disabled', 'enabled'],
    blocks: [],
  },
  lifecycle: {
    attributes: ['hook', 'sidecar'],
    blocks: [],
  },
} as const satisfies Record<string, BodySpec>;

/** Nomad's defaults for what the loader fills in (Nomad 1.6–1.9 `Canonicalize`). */
export const NOMAD_DEFAULTS = {
  region: 'global',
  namespace: 'default',
  type: 'service',
  datacenters: ['*'],
  count: 1,
  cpu: 100,
  memoryMB: 300,
  killTimeoutMs: 5000,
  logs: { maxFiles: 10, maxFileSizeMB: 10 },
  networkMode: 'host',
  restart: {
    service: { attempts: 2, intervalMs: 30 * 60_000, delayMs: 15_000, mode: 'fail' },
    batch: { attempts: 3, intervalMs: 24 * 3_600_000, delayMs: 15_000, mode: 'fail' },
  },
  check: { intervalMs: 10_000, timeoutMs: 2_000 },
  template: { changeMode: 'restart', perms: '0644', leftDelimiter: '{{', rightDelimiter: '}}' },
} as const;
