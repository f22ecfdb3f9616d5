import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

const JOB = 'fixtures/jobs/variables.nomad.hcl';
const ALLOC = '7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f';
const dir = mkdtempSync(join(tmpdir(), 'pot-nomad-vars-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The pot image tag and instance count the plan used. */
function planned(args: string[], env: Record<string, string> = {}): { tag: string; tasks: number } {
  const r = runCli(['plan', '-o', 'json', JOB, '--alloc-id', ALLOC, ...args], { env });
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  const prepare: string[] = doc.tasks[0].start[0];
  return { tag: prepare[prepare.indexOf('-t') + 1]!, tasks: doc.tasks.length };
}

describe('job variables from the command line', () => {
  it('--var-file with HCL sets the variables it assigns', () => {
    const vars = file('tag.hcl', 'pot_tag   = "3.1.4"\ninstances = 3\n');
    assert.deepEqual(planned(['--var-file', vars]), { tag: '3.1.4', tasks: 3 });
  });

  it('--var-file with JSON sets the variables it assigns', () => {
    const vars = file('tag.json', '{"pot_tag": "2.7.1", "instances": 1}');
    assert.deepEqual(planned(['--var-file', vars]), { tag: '2.7.1', tasks: 1 });
  });

  it('later var files win over earlier ones', () => {
    const a = file('a.hcl', 'pot_tag = "1.0.1"\ninstances = 1\n');
    const b = file('b.hcl', 'pot_tag = "1.0.2"\n');
    assert.deepEqual(planned(['--var-file', a, '--var-file', b]), { tag: '1.0.2', tasks: 1 });
    assert.deepEqual(planned(['--var-file', b, '--var-file', a]), { tag: '1.0.1', tasks: 1 });
  });

  it('--var wins over every var file, whatever their order on the command line', () => {
    const vars = file('order.hcl', 'pot_tag = "1.0.3"\ninstances = 1\n');
    assert.equal(planned(['--var', 'pot_tag=9.9.9', '--var-file', vars]).tag, '9.9.9');
    assert.equal(planned(['--var-file', vars, '--var', 'pot_tag=9.9.8']).tag, '9.9.8');
  });

  it('a var file wins over NOMAD_VAR_ and NOMAD_VAR_ wins over the default', () => {
    const vars = file('env.hcl', 'pot_tag = "1.0.4"\n');
    assert.equal(planned(['--var', 'instances=1'], { NOMAD_VAR_pot_tag: '5.5.5' }).tag, '5.5.5');
    assert.equal(planned(['--var', 'instances=1', '--var-file', vars], { NOMAD_VAR_pot_tag: '5.5.5' }).tag, '1.0.4');
  });

  it('reports a bad value at its line in the var file', () => {
    const vars = file('bad.hcl', '# tag and count\npot_tag = "1.0.5"\ninstances = "many"\n');
    const r = runCli(['validate', JOB, '--var-file', vars]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`error: Invalid value for variable\\n  --> ${vars.replace(/[.]/g, '\\.')}:3:13\\n`));
    assert.match(r.stderr, /The value for instances from --var-file .*bad\.hcl is not compatible with the variable's type constraint: a number is required\./);
  });

  it('reports an undeclared variable at its line in a JSON var file', () => {
    const vars = file('extra.json', '{\n  "pot_tag": "1.0.6",\n  "colour": "blue"\n}\n');
    const r = runCli(['validate', JOB, '--var-file', vars]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`error: Undefined variable\\n  --> ${vars.replace(/[.]/g, '\\.')}:3:3\\n`));
  });

  it('names a var file that cannot be read', () => {
    const r = runCli(['validate', JOB, '--var-file', join(dir, 'missing.hcl')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /error: Failed to read file\n  Cannot read the var file ".*\/missing\.hcl": no such file\.\n/);
  });
});
