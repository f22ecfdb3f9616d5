import type { BlockSpec, MapBody } from '../job/spec/builders.js';
import { JOB } from '../job/spec/job.js';
import { ATTRIBUTES_ONLY, type JsonSchema } from './body.js';

/**
 * How a JSON job file is read: the top level holds `job`, `variable`, `variables` and `locals`, and the
 * job's own blocks are those of the job specification table, `dynamic` blocks among them anywhere.
 */
export const JOB_FILE_SCHEMA: JsonSchema = {
  block(type) {
    switch (type) {
      case 'job':
        return { labels: 1, body: () => specSchema(JOB) };
      case 'variable':
        return { labels: 1, body: () => VARIABLE };
      case 'variables':
      case 'locals':
        return { labels: 0, body: () => ATTRIBUTES_ONLY };
      default:
        return undefined;
    }
  },
};

const VARIABLE: JsonSchema = {
  block: (type) => (type === 'validation' ? { labels: 0, body: () => ATTRIBUTES_ONLY } : undefined),
  native: ['type'],
};

function specSchema(spec: BlockSpec | MapBody): JsonSchema {
  if (typeof spec !== 'object') return ATTRIBUTES_ONLY;
  return {
    block(type) {
      if (type === 'dynamic') return { labels: 1, body: ([target]) => dynamicSchema(spec, target ?? '') };
      const nested = spec.blocks[type];
      // `meta` and `env` are read as arguments first, so in JSON they are objects of values.
      if (!nested || nested.orAttribute) return undefined;
      const labels = nested.labels ?? (typeof nested.body === 'object' ? nested.body.labels : undefined) ?? [];
      return { labels: labels.length, body: () => specSchema(nested.body) };
    },
  };
}

/** `"dynamic": {"port": {"for_each": ..., "content": {...}}}`: the content is a block of the named type. */
function dynamicSchema(parent: BlockSpec, target: string): JsonSchema {
  const nested = parent.blocks[target];
  return {
    block: (type) => (type === 'content' ? { labels: 0, body: () => (nested ? specSchema(nested.body) : ATTRIBUTES_ONLY) } : undefined),
    native: ['iterator'],
  };
}
