import { many, one, opt, val, type BlockSpec } from './builders.js';
import { CONNECT } from './connect.js';
import { IDENTITY } from './identity.js';

export const CHECK_RESTART: BlockSpec = {
  attrs: {
    limit: val('int'),
    grace: val('duration'),
    ignore_warnings: val('bool'),
  },
  blocks: {},
};

export const CHECK: BlockSpec = {
  attrs: {
    name: val('string'),
    type: val('string'),
    command: val('string'),
    args: opt('list(string)'),
    path: val('string'),
    protocol: val('string'),
    port: val('string'),
    expose: val('bool'),
    address_mode: val('string'),
    advertise: val('string'),
    interval: val('duration'),
    timeout: val('duration'),
    initial_status: val('string'),
    notes: val('string', { since: '1.8.1' }),
    tls_server_name: val('string'),
    tls_skip_verify: val('bool'),
    method: val('string'),
    grpc_service: val('string'),
    grpc_use_tls: val('bool'),
    task: val('string'),
    success_before_passing: val('int'),
    failures_before_critical: val('int'),
    failures_before_warning: val('int', { since: '1.7.3' }),
    body: val('string'),
    on_update: val('string'),
  },
  blocks: {
    header: one('map(list(string))'),
    check_restart: one(CHECK_RESTART),
  },
};

export const SERVICE_WEIGHTS: BlockSpec = {
  attrs: {
    passing: val('int'),
    warning: val('int'),
  },
  blocks: {},
};

export const SERVICE: BlockSpec = {
  attrs: {
    name: val('string'),
    tags: opt('list(string)'),
    canary_tags: opt('list(string)'),
    enable_tag_override: val('bool'),
    port: val('string'),
    address_mode: val('string'),
    address: val('string'),
    task: val('string'),
    on_update: val('string'),
    provider: val('string'),
    cluster: val('string', { since: '1.7.3' }),
    kind: val('string', { since: '1.10.3' }),
  },
  blocks: {
    check: many(CHECK),
    check_restart: one(CHECK_RESTART),
    connect: one(CONNECT),
    meta: one('map(string)'),
    canary_meta: one('map(string)'),
    tagged_addresses: one('map(string)'),
    identity: one(IDENTITY, { since: '1.7.0' }),
    weights: one(SERVICE_WEIGHTS, { since: '1.9.2' }),
  },
};
