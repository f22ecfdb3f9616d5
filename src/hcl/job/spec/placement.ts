import { many, opt, val, type AttrSpec, type BlockSpec } from './builders.js';

/**
 * `constraint` and `affinity` are decoded by a spec of their own in Nomad's job decoder, not from struct
 * tags: every argument may be null, and each operator also has a shorthand argument
 * (`distinct_hosts = true`, `version = ">= 1.2"`) that sets the operator and the value at once.
 */
const SHORTHANDS: Record<string, AttrSpec> = {
  regexp: opt('string'),
  version: opt('string'),
  semver: opt('string'),
  set_contains: opt('string'),
  set_contains_all: opt('string'),
  set_contains_any: opt('string'),
};

export const CONSTRAINT: BlockSpec = {
  attrs: {
    attribute: opt('string'),
    value: opt('string'),
    operator: opt('string'),
    ...SHORTHANDS,
    distinct_property: opt('string'),
    distinct_hosts: opt('bool'),
    is_set: opt('string'),
    is_not_set: opt('string'),
  },
  blocks: {},
};

export const AFFINITY: BlockSpec = {
  attrs: {
    attribute: opt('string'),
    value: opt('string'),
    operator: opt('string'),
    // Any number: the decoder truncates it to a whole number, and validation keeps it within ±100.
    weight: opt('float'),
    ...SHORTHANDS,
  },
  blocks: {},
};

export const SPREAD_TARGET: BlockSpec = {
  labels: ['name'],
  attrs: {
    percent: val('uint8'),
  },
  blocks: {},
};

export const SPREAD: BlockSpec = {
  attrs: {
    attribute: val('string'),
    weight: opt('int8'),
  },
  blocks: {
    target: many(SPREAD_TARGET),
  },
};
