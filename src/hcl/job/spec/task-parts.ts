import { one, opt, req, val, type BlockSpec } from './builders.js';

export const LOGS: BlockSpec = {
  attrs: {
    max_files: opt('int'),
    max_file_size: opt('int'),
    enabled: opt('bool'),
    disabled: opt('bool'),
  },
  blocks: {},
};

export const VOLUME_MOUNT: BlockSpec = {
  attrs: {
    volume: opt('string'),
    destination: opt('string'),
    read_only: opt('bool'),
    propagation_mode: opt('string'),
    selinux_label: opt('string', { since: '1.8.0' }),
  },
  blocks: {},
};

export const LIFECYCLE: BlockSpec = {
  attrs: {
    // Required by the decoder since Nomad 1.10.4; before, validation refused a missing hook instead.
    hook: req('string'),
    sidecar: val('bool'),
  },
  blocks: {},
};

export const ARTIFACT: BlockSpec = {
  attrs: {
    source: opt('string'),
    mode: opt('string'),
    insecure: opt('bool', { since: '1.8.0' }),
    destination: opt('string'),
    chown: val('bool', { since: '1.9.2' }),
  },
  blocks: {
    options: one('map(string)'),
    headers: one('map(string)'),
  },
};

export const CHANGE_SCRIPT: BlockSpec = {
  attrs: {
    command: opt('string'),
    args: opt('list(string)'),
    timeout: val('duration'),
    fail_on_error: opt('bool'),
    run_on_first_render: opt('bool', { since: '2.0.5' }),
  },
  blocks: {},
};

export const TEMPLATE_WAIT: BlockSpec = {
  attrs: {
    min: val('duration'),
    max: val('duration'),
  },
  blocks: {},
};

export const TEMPLATE: BlockSpec = {
  attrs: {
    source: opt('string'),
    destination: opt('string'),
    data: opt('string'),
    change_mode: opt('string'),
    change_signal: opt('string'),
    once: opt('bool', { since: '1.10.2' }),
    splay: val('duration'),
    perms: opt('string'),
    uid: opt('int'),
    gid: opt('int'),
    left_delimiter: opt('string'),
    right_delimiter: opt('string'),
    env: opt('bool'),
    vault_grace: val('duration'),
    error_on_missing_key: opt('bool'),
  },
  blocks: {
    change_script: one(CHANGE_SCRIPT),
    wait: one(TEMPLATE_WAIT),
  },
};

export const DISPATCH_PAYLOAD: BlockSpec = {
  attrs: {
    file: val('string'),
  },
  blocks: {},
};

export const CSI_PLUGIN: BlockSpec = {
  attrs: {
    id: val('string'),
    type: val('string'),
    mount_dir: val('string'),
    stage_publish_base_dir: val('string'),
    health_timeout: val('duration'),
  },
  blocks: {},
};

export const ACTION: BlockSpec = {
  labels: ['name'],
  attrs: {
    command: req('string'),
    args: opt('list(string)'),
  },
  blocks: {},
};

export const SCHEDULE_CRON: BlockSpec = {
  attrs: {
    start: val('string'),
    end: val('string'),
    timezone: val('string'),
  },
  blocks: {},
};

export const SCHEDULE: BlockSpec = {
  attrs: {},
  blocks: {
    cron: one(SCHEDULE_CRON),
  },
};
