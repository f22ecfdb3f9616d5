import { many, one, opt, val, type BlockSpec } from './builders.js';
import { GROUP } from './group.js';
import { SECRET, VAULT } from './identity.js';
import { AFFINITY, CONSTRAINT, SPREAD } from './placement.js';
import { MIGRATE, RESCHEDULE, UPDATE } from './policies.js';
import { TASK } from './task.js';

export const MULTIREGION_STRATEGY: BlockSpec = {
  attrs: {
    max_parallel: opt('int'),
    on_failure: opt('string'),
  },
  blocks: {},
};

export const MULTIREGION_REGION: BlockSpec = {
  labels: ['name'],
  attrs: {
    count: opt('int'),
    datacenters: opt('list(string)'),
    node_pool: val('string'),
  },
  blocks: {
    meta: one('map(string)'),
  },
};

export const MULTIREGION: BlockSpec = {
  attrs: {},
  blocks: {
    strategy: one(MULTIREGION_STRATEGY),
    region: many(MULTIREGION_REGION),
  },
};

export const PERIODIC: BlockSpec = {
  attrs: {
    enabled: opt('bool'),
    cron: opt('string'),
    crons: opt('list(string)', { since: '1.6.2' }),
    prohibit_overlap: opt('bool'),
    time_zone: opt('string'),
  },
  blocks: {},
};

export const PARAMETERIZED: BlockSpec = {
  attrs: {
    payload: val('string'),
    meta_required: opt('list(string)'),
    meta_optional: opt('list(string)'),
  },
  blocks: {},
};

export const UI_LINK: BlockSpec = {
  attrs: {
    label: val('string'),
    url: val('string'),
  },
  blocks: {},
};

export const UI: BlockSpec = {
  attrs: {
    description: val('string'),
  },
  blocks: {
    link: many(UI_LINK),
  },
};

export const JOB: BlockSpec = {
  attrs: {
    region: opt('string'),
    namespace: opt('string'),
    id: opt('string'),
    name: opt('string'),
    type: opt('string'),
    priority: opt('int'),
    all_at_once: opt('bool'),
    datacenters: opt('list(string)'),
    node_pool: opt('string'),
    consul_token: opt('string', { until: '1.10.0' }),
    vault_token: opt('string', { until: '1.10.0' }),
  },
  blocks: {
    constraint: many(CONSTRAINT),
    affinity: many(AFFINITY),
    group: many(GROUP),
    update: one(UPDATE),
    multiregion: one(MULTIREGION),
    spread: many(SPREAD),
    periodic: one(PERIODIC),
    parameterized: one(PARAMETERIZED),
    reschedule: one(RESCHEDULE),
    migrate: one(MIGRATE),
    meta: one('map(string)', { orAttribute: true }),
    ui: one(UI, { since: '1.8.0' }),
    // Read by Nomad's job decoder itself rather than through the job's struct: a job-wide vault and
    // secrets for every task, and tasks written straight in the job, each becoming a group of its own.
    vault: one(VAULT),
    secret: many(SECRET, { since: '1.11.0' }),
    task: many(TASK),
  },
};
