import { byLabel, many, one, opt, val, type BlockSpec } from './builders.js';

export const GATEWAY_BIND_ADDRESS: BlockSpec = {
  labels: ['name'],
  attrs: {
    address: val('string'),
    port: val('int'),
  },
  blocks: {},
};

export const GATEWAY_PROXY: BlockSpec = {
  attrs: {
    connect_timeout: val('duration'),
    envoy_gateway_bind_tagged_addresses: val('bool'),
    envoy_gateway_no_default_bind: val('bool'),
    envoy_dns_discovery_type: val('string'),
  },
  blocks: {
    envoy_gateway_bind_addresses: byLabel(GATEWAY_BIND_ADDRESS),
    config: one('any'),
  },
};

export const GATEWAY_TLS_SDS: BlockSpec = {
  attrs: {
    cluster_name: val('string'),
    cert_resource: val('string'),
  },
  blocks: {},
};

export const GATEWAY_TLS: BlockSpec = {
  attrs: {
    enabled: val('bool'),
    tls_min_version: val('string'),
    tls_max_version: val('string'),
    cipher_suites: opt('list(string)'),
  },
  blocks: {
    sds: one(GATEWAY_TLS_SDS, { since: '1.7.7' }),
  },
};

export const HEADER_MODIFIERS: BlockSpec = {
  attrs: {
    remove: opt('list(string)'),
  },
  blocks: {
    add: one('map(string)'),
    set: one('map(string)'),
  },
};

export const INGRESS_SERVICE: BlockSpec = {
  attrs: {
    name: val('string'),
    hosts: opt('list(string)'),
    max_connections: opt('uint32', { since: '1.7.7' }),
    max_pending_requests: opt('uint32', { since: '1.7.7' }),
    max_concurrent_requests: opt('uint32', { since: '1.7.7' }),
  },
  blocks: {
    tls: one(GATEWAY_TLS, { since: '1.7.7' }),
    request_headers: one(HEADER_MODIFIERS, { since: '1.7.7' }),
    response_headers: one(HEADER_MODIFIERS, { since: '1.7.7' }),
  },
};

export const INGRESS_LISTENER: BlockSpec = {
  attrs: {
    port: val('int'),
    protocol: val('string'),
  },
  blocks: {
    service: many(INGRESS_SERVICE),
  },
};

export const INGRESS: BlockSpec = {
  attrs: {},
  blocks: {
    tls: one(GATEWAY_TLS),
    listener: many(INGRESS_LISTENER),
  },
};

export const LINKED_SERVICE: BlockSpec = {
  attrs: {
    name: val('string'),
    ca_file: val('string'),
    cert_file: val('string'),
    key_file: val('string'),
    sni: val('string'),
  },
  blocks: {},
};

export const TERMINATING: BlockSpec = {
  attrs: {},
  blocks: {
    service: many(LINKED_SERVICE),
  },
};

export const MESH: BlockSpec = {
  attrs: {},
  blocks: {},
};

export const GATEWAY: BlockSpec = {
  attrs: {},
  blocks: {
    proxy: one(GATEWAY_PROXY),
    ingress: one(INGRESS),
    terminating: one(TERMINATING),
    mesh: one(MESH),
  },
};
