/**
 * Checks the job specification table against Nomad's own sources: reads the JSON that extract.go wrote
 * for every release (see extract-all.sh), builds the table those releases imply, with the version each
 * field came or went, adds what Nomad's job decoder reads outside its structs, and prints every line
 * where the two differ. Exit status 1 when they differ.
 *
 *   node dist/tools/nomad-spec/check.js <dir of v*.json>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byLabel, many, one, opt, req, val, type AttrSpec, type AttrType, type BlockSpec, type MapBody, type NestedBlock, type NomadVersion } from '../../src/hcl/job/spec/builders.js';
import { JOB } from '../../src/hcl/job/spec/job.js';
import { listSpec } from '../../src/hcl/job/spec/listing.js';
import { compareVersions } from '../../src/hcl/job/spec/versions.js';

interface Field {
  name: string;
  kind: 'attr' | 'block' | 'label' | 'remain';
  required?: boolean;
  type: string;
  elem?: string;
}
type Release = Map<string, Field[]>;

const SCALARS: Record<string, [AttrType, 'opt' | 'val']> = {
  '*string': ['string', 'opt'],
  string: ['string', 'val'],
  CSIPluginType: ['string', 'val'],
  '*ReconcileOption': ['string', 'opt'],
  '*bool': ['bool', 'opt'],
  bool: ['bool', 'val'],
  '*int': ['int', 'opt'],
  int: ['int', 'val'],
  '*int64': ['int64', 'opt'],
  '*int8': ['int8', 'opt'],
  '*uint32': ['uint32', 'opt'],
  '*uint64': ['uint64', 'opt'],
  uint16: ['uint16', 'val'],
  uint8: ['uint8', 'val'],
  // Nomad's own duration decoder refuses null whatever the field.
  '*time.Duration': ['duration', 'val'],
  'time.Duration': ['duration', 'val'],
  '[]string': ['list(string)', 'opt'],
  '[]uint16': ['list(uint16)', 'opt'],
  'map[string]string': ['map(string)', 'opt'],
};
const MAP_BODIES: Record<string, MapBody> = {
  'map[string]string': 'map(string)',
  'map[string][]string': 'map(list(string))',
  'map[string]any': 'any',
  'map[string]interface{}': 'any',
};

function main(dir: string): number {
  const files = readdirSync(dir).filter((f) => /^v\d+\.\d+\.\d+\.json$/.test(f));
  const versions = files.map((f) => f.slice(1, -5) as NomadVersion).sort(compareVersions);
  const releases = new Map<NomadVersion, Release>();
  for (const v of versions) {
    const structs = JSON.parse(readFileSync(join(dir, `v${v}.json`), 'utf8')) as { struct: string; fields: Field[] }[];
    releases.set(v, new Map(structs.map((s) => [s.struct, s.fields])));
  }
  const derived = withDecoderExtras(buildSpec('Job', releases, versions));
  const ours = new Set(listSpec(JOB, 'job'));
  const theirs = new Set(listSpec(derived, 'job'));
  const missing = [...theirs].filter((l) => !ours.has(l));
  const extra = [...ours].filter((l) => !theirs.has(l));
  for (const l of missing) console.log(`- ${l}`);
  for (const l of extra) console.log(`+ ${l}`);
  console.log(`${versions.length} releases (${versions[0]} to ${versions.at(-1)}); ${theirs.size} lines from Nomad, ${ours.size} in the table; ${missing.length} missing, ${extra.length} extra`);
  return missing.length + extra.length === 0 ? 0 : 1;
}

/** The spec one struct implies over all releases: every field any release has, with since and until. */
function buildSpec(struct: string, releases: Map<NomadVersion, Release>, versions: NomadVersion[]): BlockSpec {
  const first = versions.find((v) => releases.get(v)!.has(struct));
  const union = new Map<string, Field>();
  for (const v of [...versions].reverse()) for (const f of releases.get(v)!.get(struct) ?? []) if (!union.has(`${f.kind}:${f.name}`)) union.set(`${f.kind}:${f.name}`, f);
  const span = (f: Field) => {
    const present = versions.filter((v) => releases.get(v)!.get(struct)?.some((g) => g.kind === f.kind && g.name === f.name));
    const since = present[0] !== versions[0] && present[0] !== first ? present[0] : undefined;
    const lastIndex = versions.indexOf(present.at(-1)!);
    const until = lastIndex < versions.length - 1 ? versions[lastIndex + 1] : undefined;
    return { ...(since ? { since } : {}), ...(until ? { until } : {}) };
  };
  const fields = [...union.values()];
  const labels = fields.filter((f) => f.kind === 'label').map((f) => f.name || 'name');
  const attrs: Record<string, AttrSpec> = {};
  const blocks: Record<string, NestedBlock> = {};
  for (const f of fields) {
    if (f.kind === 'attr') {
      const [type, kind] = SCALARS[f.type] ?? fail(`${struct}.${f.name}: unknown Go type ${f.type}`);
      attrs[f.name] = (f.required ? req : kind === 'opt' ? opt : val)(type, span(f));
    } else if (f.kind === 'block') {
      const body = MAP_BODIES[f.type] ?? buildSpec(f.elem ?? fail(`${struct}.${f.name}: no struct`), releases, versions);
      const versioned = span(f);
      if (typeof body === 'string') blocks[f.name] = one(body, versioned);
      else if (f.type.startsWith('[]')) blocks[f.name] = many(body, versioned);
      else if (f.type.startsWith('map[')) blocks[f.name] = byLabel(body, versioned);
      else blocks[f.name] = one(body, versioned);
    }
  }
  return labels.length ? { labels, attrs, blocks } : { attrs, blocks };
}

/**
 * What Nomad's job decoder reads beyond its structs' tags: meta and env also as arguments, a job-wide
 * and group-wide vault and secrets, tasks straight in the job, task scaling policies by name, and the
 * operator shorthands of constraint and affinity, which it decodes with a spec of its own.
 */
function withDecoderExtras(job: BlockSpec): BlockSpec {
  const group = nested(job, 'group');
  const task = nested(group, 'task');
  const vault = task.blocks.vault!;
  const secret = task.blocks.secret!;
  const orArgument = (spec: BlockSpec, name: string) => ({ ...spec.blocks[name]!, orAttribute: true });
  const patchedTask: BlockSpec = {
    ...task,
    blocks: { ...task.blocks, env: orArgument(task, 'env'), meta: orArgument(task, 'meta'), scaling: { ...task.blocks.scaling!, labels: ['name'] } },
  };
  const patchedGroup: BlockSpec = {
    ...group,
    blocks: { ...group.blocks, meta: orArgument(group, 'meta'), task: { ...group.blocks.task!, body: patchedTask }, vault, secret },
  };
  const result: BlockSpec = {
    ...job,
    blocks: { ...job.blocks, meta: orArgument(job, 'meta'), group: { ...job.blocks.group!, body: patchedGroup }, vault, secret, task: many(patchedTask) },
  };
  return replacePlacement(result);
}

/** Constraint and affinity everywhere, as the decoder's own specs for them declare. */
function replacePlacement(spec: BlockSpec): BlockSpec {
  const shorthands = { regexp: opt('string'), version: opt('string'), semver: opt('string'), set_contains: opt('string'), set_contains_all: opt('string'), set_contains_any: opt('string') };
  const constraint: BlockSpec = {
    attrs: { attribute: opt('string'), value: opt('string'), operator: opt('string'), ...shorthands, distinct_property: opt('string'), distinct_hosts: opt('bool'), is_set: opt('string'), is_not_set: opt('string') },
    blocks: {},
  };
  const affinity: BlockSpec = { attrs: { attribute: opt('string'), value: opt('string'), operator: opt('string'), weight: opt('float'), ...shorthands }, blocks: {} };
  const blocks: Record<string, NestedBlock> = {};
  for (const [name, b] of Object.entries(spec.blocks)) {
    if (name === 'constraint') blocks[name] = { ...b, body: constraint };
    else if (name === 'affinity') blocks[name] = { ...b, body: affinity };
    else blocks[name] = typeof b.body === 'object' ? { ...b, body: replacePlacement(b.body) } : b;
  }
  return { ...spec, blocks };
}

function nested(spec: BlockSpec, name: string): BlockSpec {
  const body = spec.blocks[name]?.body;
  return typeof body === 'object' ? body : fail(`no block ${name}`);
}

function fail(message: string): never {
  throw new Error(message);
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node dist/tools/nomad-spec/check.js <dir of v*.json from extract-all.sh>');
  process.exit(2);
}
process.exit(main(dir));
