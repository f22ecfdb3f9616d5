import { one, opt, val, type BlockSpec } from './builders.js';

export const VAULT: BlockSpec = {
  attrs: {
    policies: opt('list(string)'),
    role: val('string', { since: '1.7.0' }),
    namespace: opt('string'),
    cluster: val('string', { since: '1.7.0' }),
    env: opt('bool'),
    disable_file: opt('bool'),
    change_mode: opt('string'),
    change_signal: opt('string'),
    allow_token_expiration: opt('bool', { since: '1.7.3' }),
  },
  blocks: {},
};

export const CONSUL: BlockSpec = {
  attrs: {
    namespace: val('string'),
    cluster: val('string', { since: '1.7.0' }),
    partition: val('string', { since: '1.7.3' }),
  },
  blocks: {},
};

export const IDENTITY: BlockSpec = {
  attrs: {
    name: val('string', { since: '1.7.0' }),
    aud: opt('list(string)', { since: '1.7.0' }),
    change_mode: val('string', { since: '1.7.0' }),
    change_signal: val('string', { since: '1.7.0' }),
    env: val('bool'),
    file: val('bool'),
    filepath: val('string', { since: '1.9.0' }),
    service_name: val('string', { since: '1.7.0' }),
    ttl: val('duration', { since: '1.7.0' }),
    extra_claims: opt('list(string)', { since: '2.0.3' }),
  },
  blocks: {},
};

export const SECRET: BlockSpec = {
  labels: ['name'],
  attrs: {
    provider: val('string'),
    path: val('string'),
  },
  blocks: {
    config: one('any'),
    env: one('map(string)'),
  },
};
