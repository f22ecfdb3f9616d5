import { byLabel, many, one, opt, val, type BlockSpec } from './builders.js';
import { CONSUL, SECRET, VAULT } from './identity.js';
import { AFFINITY, CONSTRAINT, SPREAD } from './placement.js';
import { DISCONNECT, EPHEMERAL_DISK, MIGRATE, RESCHEDULE, RESTART, SCALING, UPDATE } from './policies.js';
import { NETWORK } from './resources.js';
import { SERVICE } from './service.js';
import { TASK } from './task.js';

export const MOUNT_OPTIONS: BlockSpec = {
  attrs: {
    fs_type: val('string'),
    mount_flags: opt('list(string)'),
  },
  blocks: {},
};

export const VOLUME: BlockSpec = {
  labels: ['name'],
  attrs: {
    type: val('string'),
    source: val('string'),
    read_only: val('bool'),
    sticky: val('bool', { since: '1.10.0' }),
    access_mode: val('string'),
    attachment_mode: val('string'),
    per_alloc: val('bool'),
  },
  blocks: {
    mount_options: one(MOUNT_OPTIONS),
  },
};

export const GROUP: BlockSpec = {
  labels: ['name'],
  attrs: {
    count: opt('int'),
    shutdown_delay: val('duration'),
    max_run_duration: val('duration', { since: '2.0.3' }),
    stop_after_client_disconnect: val('duration'),
    max_client_disconnect: val('duration'),
    prevent_reschedule_on_lost: opt('bool', { since: '1.7.2' }),
  },
  blocks: {
    constraint: many(CONSTRAINT),
    affinity: many(AFFINITY),
    task: many(TASK),
    spread: many(SPREAD),
    volume: byLabel(VOLUME),
    restart: one(RESTART),
    disconnect: one(DISCONNECT, { since: '1.8.0' }),
    reschedule: one(RESCHEDULE),
    ephemeral_disk: one(EPHEMERAL_DISK),
    update: one(UPDATE),
    migrate: one(MIGRATE),
    network: many(NETWORK),
    meta: one('map(string)', { orAttribute: true }),
    service: many(SERVICE),
    scaling: one(SCALING),
    consul: one(CONSUL),
    // Read by the decoder for the group's tasks: a task without its own vault or secrets gets these.
    vault: one(VAULT),
    secret: many(SECRET, { since: '1.11.0' }),
  },
};
