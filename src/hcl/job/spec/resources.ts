import { many, one, opt, val, type BlockSpec } from './builders.js';
import { AFFINITY, CONSTRAINT } from './placement.js';

export const DNS: BlockSpec = {
  attrs: {
    servers: opt('list(string)'),
    searches: opt('list(string)'),
    options: opt('list(string)'),
  },
  blocks: {},
};

export const PORT: BlockSpec = {
  labels: ['name'],
  attrs: {
    static: val('int'),
    to: val('int'),
    host_network: val('string'),
    ignore_collision: val('bool', { since: '1.9.0' }),
  },
  blocks: {},
};

export const CNI: BlockSpec = {
  attrs: {
    args: opt('map(string)'),
  },
  blocks: {},
};

export const NETWORK: BlockSpec = {
  attrs: {
    mode: val('string'),
    device: val('string'),
    cidr: val('string'),
    ip: val('string'),
    hostname: val('string'),
    mbits: opt('int'),
  },
  blocks: {
    dns: one(DNS),
    reserved_ports: many(PORT),
    port: many(PORT),
    cni: one(CNI, { since: '1.8.2' }),
  },
};

export const DEVICE: BlockSpec = {
  labels: ['name'],
  attrs: {
    count: opt('uint64'),
  },
  blocks: {
    constraint: many(CONSTRAINT),
    affinity: many(AFFINITY),
  },
};

export const NUMA: BlockSpec = {
  attrs: {
    affinity: val('string'),
    devices: opt('list(string)', { since: '1.9.0' }),
  },
  blocks: {},
};

export const RESOURCES: BlockSpec = {
  attrs: {
    cpu: opt('int'),
    cores: opt('int'),
    memory: opt('int'),
    memory_max: opt('int'),
    disk: opt('int'),
    secrets: opt('int', { since: '1.8.3' }),
    iops: opt('int'),
  },
  blocks: {
    network: many(NETWORK),
    device: many(DEVICE),
    numa: one(NUMA, { since: '1.7.0' }),
  },
};
