import { many, one, opt, val, type BlockSpec } from './builders.js';
import { GATEWAY } from './gateway.js';
import { IDENTITY } from './identity.js';
import { RESOURCES } from './resources.js';
import { LOGS, VOLUME_MOUNT } from './task-parts.js';

export const EXPOSE_PATH: BlockSpec = {
  attrs: {
    path: val('string'),
    protocol: val('string'),
    local_path_port: val('int'),
    listener_port: val('string'),
  },
  blocks: {},
};

export const EXPOSE: BlockSpec = {
  attrs: {},
  blocks: {
    path: many(EXPOSE_PATH),
  },
};

export const MESH_GATEWAY: BlockSpec = {
  attrs: {
    mode: val('string'),
  },
  blocks: {},
};

export const UPSTREAM: BlockSpec = {
  attrs: {
    destination_name: val('string'),
    destination_namespace: val('string'),
    destination_peer: val('string', { since: '1.6.2' }),
    destination_partition: val('string', { since: '1.7.7' }),
    destination_type: val('string', { since: '1.6.2' }),
    local_bind_port: val('int'),
    datacenter: val('string'),
    local_bind_address: val('string'),
    local_bind_socket_path: val('string', { since: '1.6.2' }),
    local_bind_socket_mode: val('string', { since: '1.6.2' }),
  },
  blocks: {
    mesh_gateway: one(MESH_GATEWAY),
    config: one('any'),
  },
};

export const TRANSPARENT_PROXY: BlockSpec = {
  attrs: {
    uid: val('string'),
    outbound_port: val('uint16'),
    exclude_inbound_ports: opt('list(string)'),
    exclude_outbound_ports: opt('list(uint16)'),
    exclude_outbound_cidrs: opt('list(string)'),
    exclude_uids: opt('list(string)'),
    no_dns: val('bool'),
  },
  blocks: {},
};

export const PROXY: BlockSpec = {
  attrs: {
    local_service_address: val('string'),
    local_service_port: val('int'),
  },
  blocks: {
    expose: one(EXPOSE),
    upstreams: many(UPSTREAM),
    transparent_proxy: one(TRANSPARENT_PROXY, { since: '1.8.0' }),
    config: one('any'),
  },
};

export const SIDECAR_SERVICE: BlockSpec = {
  attrs: {
    tags: opt('list(string)'),
    port: val('string'),
    disable_default_tcp_check: val('bool'),
  },
  blocks: {
    proxy: one(PROXY),
    meta: one('map(string)'),
  },
};

export const SIDECAR_TASK: BlockSpec = {
  attrs: {
    name: val('string'),
    driver: val('string'),
    user: val('string'),
    kill_timeout: val('duration'),
    shutdown_delay: val('duration'),
    kill_signal: val('string'),
  },
  blocks: {
    config: one('any'),
    env: one('map(string)'),
    resources: one(RESOURCES),
    meta: one('map(string)'),
    logs: one(LOGS),
    volume_mount: many(VOLUME_MOUNT, { since: '1.8.0' }),
    identity: many(IDENTITY, { since: '1.11.1' }),
  },
};

export const CONNECT: BlockSpec = {
  attrs: {
    native: val('bool'),
  },
  blocks: {
    gateway: one(GATEWAY),
    sidecar_service: one(SIDECAR_SERVICE),
    sidecar_task: one(SIDECAR_TASK),
  },
};
