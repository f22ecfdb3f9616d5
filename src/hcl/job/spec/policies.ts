import { one, opt, val, type BlockSpec } from './builders.js';

export const UPDATE: BlockSpec = {
  attrs: {
    stagger: val('duration'),
    max_parallel: opt('int'),
    health_check: opt('string'),
    min_healthy_time: val('duration'),
    healthy_deadline: val('duration'),
    progress_deadline: val('duration'),
    canary: opt('int'),
    auto_revert: opt('bool'),
    auto_promote: opt('bool'),
  },
  blocks: {},
};

export const MIGRATE: BlockSpec = {
  attrs: {
    max_parallel: opt('int'),
    health_check: opt('string'),
    min_healthy_time: val('duration'),
    healthy_deadline: val('duration'),
  },
  blocks: {},
};

export const RESCHEDULE: BlockSpec = {
  attrs: {
    attempts: opt('int'),
    interval: val('duration'),
    delay: val('duration'),
    delay_function: opt('string'),
    max_delay: val('duration'),
    unlimited: opt('bool'),
  },
  blocks: {},
};

export const RESTART: BlockSpec = {
  attrs: {
    interval: val('duration'),
    attempts: opt('int'),
    delay: val('duration'),
    mode: opt('string'),
    render_templates: opt('bool', { since: '1.6.2' }),
  },
  blocks: {},
};

export const DISCONNECT: BlockSpec = {
  attrs: {
    lost_after: val('duration'),
    stop_on_client_after: val('duration'),
    replace: opt('bool'),
    reconcile: opt('string'),
  },
  blocks: {},
};

export const SCALING: BlockSpec = {
  attrs: {
    min: opt('int64'),
    max: opt('int64'),
    enabled: opt('bool'),
    type: val('string'),
  },
  blocks: {
    policy: one('any'),
  },
};

export const EPHEMERAL_DISK: BlockSpec = {
  attrs: {
    sticky: opt('bool'),
    migrate: opt('bool'),
    size: opt('int'),
  },
  blocks: {},
};
