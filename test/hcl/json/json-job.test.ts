import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadJobSource, type LoadedJob } from '../../../src/hcl/load.js';
import { JobFileError } from '../../../src/hcl/source.js';
import { parseJson } from '../../../src/hcl/json/tree.js';

function load(json: string, filename = 'job.nomad.json'): LoadedJob {
  return loadJobSource(filename, json, '/nonexistent', { vars: [], env: {}, allowFS: false });
}

/** The errors of loading a job, whether they stopped it (syntax, evaluation) or came from reading it. */
function errors(json: string, filename = 'job.nomad.json'): string[] {
  let diags;
  try {
    diags = load(json, filename).diagnostics.filter((d) => d.severity === 'error');
  } catch (err) {
    if (!(err instanceof JobFileError)) throw err;
    diags = err.diagnostics;
  }
  assert.notEqual(diags.length, 0, 'expected the job to be refused');
  return diags.map((d) => `${d.range ? `${d.range.start.line}:${d.range.start.column}: ` : ''}${d.summary}${d.detail ? `; ${d.detail}` : ''}`);
}

const TASK = (task: string) => `{"job": {"j": {"group": {"g": {"task": {"t": ${task}}}}}}}`;
const POT = `"driver": "pot", "config": {"image": "https://i", "pot": "p", "tag": "1"}`;

describe('JSON job files', () => {
  it('reads labels as nested keys, several blocks as arrays, and "//" as a comment', () => {
    const job = load(`{"job": {"j": {
      "//": "a comment",
      "group": [{"a": {"task": {"t": {${POT}}}}}, {"b": {"count": 2, "task": {"u": {${POT}}, "v": {${POT}}}}}]
    }}}`).job;
    assert.deepEqual(job.groups.map((g) => [g.name, g.count, g.tasks.map((t) => t.name)]), [['a', 1, ['t']], ['b', 2, ['u', 'v']]]);
  });

  it('evaluates strings as templates, with variables, functions and escapes', () => {
    const job = load(`{"variable": {"tag": {"type": "string", "default": "2.0"}},
      "job": {"j": {"group": {"g": {"task": {"t": {${POT}, "env": {"A": "\\u0041-\${upper(var.tag)}", "B": "$\${literal}", "C": "a\\nb"}}}}}}}}`).job;
    assert.deepEqual(job.groups[0]!.tasks[0]!.env, { A: 'A-2.0', B: '${literal}', C: 'a\nb' });
  });

  it('reads a variable type as a type and dynamic blocks with their content', () => {
    const job = load(`{"variable": {"ports": {"type": "list(string)", "default": ["http", "admin"]}},
      "job": {"j": {"group": {"g": {
        "network": {"dynamic": {"port": {"for_each": "\${var.ports}", "iterator": "p", "labels": ["\${p.value}"], "content": {"to": 80}}}},
        "task": {"t": {${POT}}}}}}}}`).job;
    assert.deepEqual(job.groups[0]!.networks[0]!.ports.map((p) => [p.label, p.to]), [['http', 80], ['admin', 80]]);
  });

  it('points errors inside templates at their column in the file, after escapes', () => {
    assert.deepEqual(errors(TASK(`{${POT}, "env": {"A": "\\t\\u0009\${var.missing}"}}`)), [
      '1:146: Reference to undeclared input variable; An input variable with the name "missing" has not been declared.',
    ]);
  });

  it('reports unknown arguments and wrong types where they are', () => {
    assert.deepEqual(errors(TASK(`{${POT},\n"kill_timout": "5s",\n"resources": {"cpu": "lots"}}`)), [
      '2:1: Unsupported argument; An argument named "kill_timout" is not expected here. Did you mean "kill_timeout"?',
      '3:22: Unsuitable value type; Unsuitable value: a number is required',
    ]);
  });

  it('refuses a block that is not an object, a broken document and the API form of a job', () => {
    assert.deepEqual(errors('{"job": {"j": "x"}}'), [
      '1:15: Incorrect JSON value type; Either a JSON object or a JSON array of objects is required, holding the contents of one or more "job" blocks.',
    ]);
    assert.deepEqual(errors('{"job": {"j": {}\n'), ['2:1: Invalid JSON; Expected a comma or a closing brace.']);
    assert.equal(errors('{"Job": {"ID": "j"}}')[0], '1:1: Unsupported JSON job form; This looks like the API form of a job ("Job": {...}), as `nomad job inspect` prints and `nomad job run -json` reads; pot-nomad reads job files in HCL or in HCL\'s JSON syntax ("job": {"<name>": {...}}).');
  });

  it('recognises JSON on standard input by its first character', () => {
    assert.equal(load(TASK(`{${POT}}`), '<stdin>').job.id, 'j');
  });
});

describe('the JSON reader', () => {
  it('keeps the file offset of every decoded character of a string', () => {
    const { root } = parseJson('x.json', '{"k": "a\\"b\\u00e9"}', []);
    assert.ok(root?.kind === 'object');
    const v = root.members[0]!.value;
    assert.ok(v.kind === 'string');
    assert.equal(v.value, 'a"bé');
    assert.deepEqual(v.offsets, [7, 8, 10, 11, 17]);
  });

  it('refuses values nested deeper than any job needs, instead of exhausting the stack', () => {
    const diags: Parameters<typeof parseJson>[2] = [];
    assert.equal(parseJson('x.json', '['.repeat(100_000), diags).root, undefined);
    assert.equal(diags[0]!.detail, 'Values nested more than 200 levels deep are not accepted.');
  });
});
