import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { NomadBlock } from '../../../src/hcl/job/nomad-block.js';
import type { BlockSpec } from '../../../src/hcl/job/spec/builders.js';
import { JOB } from '../../../src/hcl/job/spec/job.js';
import { loadJobFile, loadJobSource } from '../../../src/hcl/load.js';
import { ROOT, runCli } from '../../helpers/cli.js';

/**
 * The corpus: realistic job files that together use every block and argument of the job specification
 * table, each of which Nomad accepts. Coverage is counted per kind of block (per BlockSpec), not per
 * path: a task's arguments count whether the task sits in a group or straight in the job.
 */
const DIR = 'fixtures/corpus/';
const FILES = readdirSync(`${ROOT}${DIR}`)
  .filter((f) => f.endsWith('.nomad.hcl') || f.endsWith('.nomad.json'))
  .sort();

/**
 * What `validate` and `plan` warn about, per file, as `line: summary`: fields the newest Nomad no longer
 * reads, and Nomad's own warnings for deprecated settings. Every other corpus file is expected to be
 * free of warnings.
 */
const WARNINGS: Record<string, string[]> = {
  'legacy-pot-forum.nomad.hcl': ['19: Argument "vault_token" was removed in Nomad 1.10.0', '20: Argument "consul_token" was removed in Nomad 1.10.0'],
};

type Used = Map<BlockSpec, Set<string>>;

function mark(used: Used, spec: BlockSpec, key: string): void {
  const set = used.get(spec);
  if (set) set.add(key);
  else used.set(spec, new Set([key]));
}

/** Records every argument and nested block a read job uses, against the BlockSpec it was read with. */
function walk(node: NomadBlock, spec: BlockSpec, used: Used): void {
  for (const name of node.attributes.keys()) mark(used, spec, `argument ${name}`);
  for (const [type, children] of node.children) {
    mark(used, spec, `block ${type}`);
    const body = spec.blocks[type]?.body;
    assert.ok(body !== undefined, `${node.path}: "${type}" read but not in the table`);
    if (typeof body === 'object') for (const child of children) walk(child, body, used);
  }
}

/** Every BlockSpec of the table with the shortest path that reaches it (breadth first from the job). */
function specPaths(): Map<BlockSpec, string> {
  const paths = new Map<BlockSpec, string>([[JOB, 'job']]);
  const queue: BlockSpec[] = [JOB];
  for (let spec = queue.shift(); spec; spec = queue.shift()) {
    for (const name of Object.keys(spec.blocks).sort()) {
      const body = spec.blocks[name]!.body;
      if (typeof body !== 'object' || paths.has(body)) continue;
      paths.set(body, `${paths.get(spec)}.${name}`);
      queue.push(body);
    }
  }
  return paths;
}

/** Every `path.name` of the table that no corpus file uses. */
function uncovered(used: Used): string[] {
  const missing: string[] = [];
  for (const [spec, path] of specPaths()) {
    const seen = used.get(spec) ?? new Set<string>();
    for (const name of Object.keys(spec.attrs)) if (!seen.has(`argument ${name}`)) missing.push(`${path}.${name}`);
    for (const name of Object.keys(spec.blocks)) if (!seen.has(`block ${name}`)) missing.push(`${path}.${name} (block)`);
  }
  return missing;
}

function load(file: string) {
  return loadJobFile(`${ROOT}${DIR}${file}`, { vars: [], env: {}, allowFS: true });
}

/** `line: summary` of every warning in the CLI's text output, in order. */
function warningsIn(stderr: string, file: string): string[] {
  const found: string[] = [];
  const lines = stderr.split('\n');
  lines.forEach((line, i) => {
    const m = /^warning: (.*)$/.exec(line);
    if (!m) return;
    const where = new RegExp(`^  --> ${(DIR + file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):\\d+`).exec(lines[i + 1] ?? '');
    found.push(`${where ? where[1] : '?'}: ${m[1]}`);
  });
  return found;
}

describe('the job corpus', () => {
  it('holds job files in HCL and in HCL\'s JSON syntax', () => {
    assert.ok(FILES.filter((f) => f.endsWith('.nomad.hcl')).length >= 8, FILES.join(', '));
    assert.ok(FILES.filter((f) => f.endsWith('.nomad.json')).length >= 2, FILES.join(', '));
  });

  it('counts coverage per kind of block, and names what is left by its shortest path', () => {
    const source = `job "j" {
  datacenters = ["dc1"]
  task "t" {
    driver = "raw_exec"
    config { command = "/bin/true" }
    constraint { distinct_property = "\${meta.rack}" }
  }
}
`;
    const used: Used = new Map();
    walk(loadJobSource('j.nomad.hcl', source, ROOT, { vars: [], env: {}, allowFS: false }).spec, JOB, used);
    const missing = uncovered(used);
    // A task straight in the job covers the task of a group too; a constraint anywhere covers every constraint.
    for (const name of ['job.datacenters', 'job.task (block)', 'job.task.driver', 'job.task.config (block)', 'job.constraint.distinct_property']) {
      assert.ok(!missing.includes(name), name);
    }
    for (const left of ['job.type', 'job.group (block)', 'job.task.user', 'job.constraint.attribute', 'job.group.service.check.advertise']) {
      assert.ok(missing.includes(left), left);
    }
  });

  it('uses every block and argument of the job specification table', () => {
    const used: Used = new Map();
    for (const file of FILES) walk(load(file).spec, JOB, used);
    const missing = uncovered(used);
    assert.deepEqual(missing, [], `${missing.length} entries of the table are used by no corpus file:\n${missing.join('\n')}`);
  });

  for (const file of FILES) {
    it(`${file}: validate and plan exit 0 with exactly the expected warnings`, () => {
      const expected = WARNINGS[file] ?? [];
      const validate = runCli(['validate', `${DIR}${file}`]);
      assert.equal(validate.status, 0, validate.stderr);
      assert.match(validate.stdout, new RegExp(`Job validation successful: ${DIR}${file}\n$`));
      assert.deepEqual(warningsIn(validate.stderr, file), expected);
      const plan = runCli(['plan', `${DIR}${file}`]);
      assert.equal(plan.status, 0, plan.stderr);
      assert.deepEqual(warningsIn(plan.stderr, file), expected);
    });
  }
});
