import { many, one, val, type BlockSpec } from './builders.js';
import { CONSUL, IDENTITY, SECRET, VAULT } from './identity.js';
import { AFFINITY, CONSTRAINT } from './placement.js';
import { RESTART, SCALING } from './policies.js';
import { RESOURCES } from './resources.js';
import { SERVICE } from './service.js';
import { ACTION, ARTIFACT, CSI_PLUGIN, DISPATCH_PAYLOAD, LIFECYCLE, LOGS, SCHEDULE, TEMPLATE, VOLUME_MOUNT } from './task-parts.js';

export const TASK: BlockSpec = {
  labels: ['name'],
  attrs: {
    driver: val('string'),
    user: val('string'),
    kill_timeout: val('duration'),
    leader: val('bool'),
    shutdown_delay: val('duration'),
    kill_signal: val('string'),
    kind: val('string'),
  },
  blocks: {
    lifecycle: one(LIFECYCLE),
    config: one('any'),
    constraint: many(CONSTRAINT),
    affinity: many(AFFINITY),
    env: one('map(string)', { orAttribute: true }),
    service: many(SERVICE),
    resources: one(RESOURCES),
    restart: one(RESTART),
    meta: one('map(string)', { orAttribute: true }),
    logs: one(LOGS),
    artifact: many(ARTIFACT),
    vault: one(VAULT),
    consul: one(CONSUL, { since: '1.7.0' }),
    template: many(TEMPLATE),
    dispatch_payload: one(DISPATCH_PAYLOAD),
    volume_mount: many(VOLUME_MOUNT),
    csi_plugin: one(CSI_PLUGIN),
    // Vertical scaling policies, `scaling "cpu"` and `scaling "mem"`.
    scaling: many(SCALING, { labels: ['name'] }),
    secret: many(SECRET, { since: '1.11.0' }),
    // One block until Nomad 1.7.0, which added named identities.
    identity: many(IDENTITY),
    action: many(ACTION, { since: '1.7.0' }),
    schedule: one(SCHEDULE, { since: '1.8.0' }),
  },
};
