import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ROOT, runCli } from '../helpers/cli.js';
import { INVALID_FIXTURES } from './invalid-fixtures.js';

const invalid = readdirSync(`${ROOT}fixtures/invalid`, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
const valid = readdirSync(`${ROOT}fixtures/jobs`);

describe('pot-nomad validate', () => {
  it('has an expectation for every invalid fixture', () => {
    assert.deepEqual(invalid.sort(), Object.keys(INVALID_FIXTURES).sort());
  });

  for (const name of invalid) {
    it(`rejects fixtures/invalid/${name} with every problem, its file and line, and no stack trace`, () => {
      const r = runCli(['validate', `fixtures/invalid/${name}`]);
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      const lines = r.stderr.split('\n');
      const reported = lines.flatMap((l, i) => (/^(error|warning): /.test(l) ? [[l, (lines[i + 1] ?? '').replace(/^ {2}--> /, '')]] : []));
      assert.deepEqual(reported, INVALID_FIXTURES[name]);
      assert.doesNotMatch(r.stderr, /\n\s+at .*\.js:\d+/);
    });
  }

  for (const name of valid) {
    it(`accepts fixtures/jobs/${name}`, () => {
      const r = runCli(['validate', `fixtures/jobs/${name}`]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`Job validation successful: fixtures/jobs/${name.replace(/\./g, '\\.')}\\n$`));
    });
  }

  it('shows the offending source line under the message', () => {
    const r = runCli(['validate', 'fixtures/invalid/unknown-config-key.hcl']);
    assert.equal(
      r.stderr,
      [
        'error: commad: unknown option; did you mean "command"?',
        '  --> fixtures/invalid/unknown-config-key.hcl:17:9 (job "example" > group "group1" > task "www1" > config)',
        '     |',
        '  17 |         commad  = "nginx"',
        '     |         ^^^^^^^^^^^^^^^^^',
        '',
      ].join('\n'),
    );
  });

  it('prints warnings without failing, and names skipped non-pot tasks', () => {
    const r = runCli(['validate', 'fixtures/jobs/dotted-task-name.nomad.hcl']);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /^warning: Task name "api\.v2" contains "\."\n {2}--> fixtures\/jobs\/dotted-task-name\.nomad\.hcl:6:10/);
    const multi = runCli(['validate', 'fixtures/jobs/multi-group.nomad.hcl']);
    assert.equal(multi.stdout, 'Task "log-shipper" in group "backend" is not a pot task (driver "docker"); not checked.\nJob validation successful: fixtures/jobs/multi-group.nomad.hcl\n');
  });

  it('reports errors as one JSON document with -o json', () => {
    const r = runCli(['validate', '-o', 'json', 'fixtures/invalid/several-errors.hcl']);
    assert.equal(r.status, 1);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.valid, false);
    assert.deepEqual(
      doc.errors.map((e: { line: number; column: number; summary: string }) => `${e.line}:${e.column} ${e.summary}`),
      [
        '12:9 commad: unknown option; did you mean "command"?',
        '9:7 tag: is required (Version of the image, `pot prepare -t`); for example tag = "1.1.13"',
        '13:23 mount[0]: "/mnt/www" has no ":"; write "<host path>:<jail path>", e.g. "/host/dir:/jail/dir"',
        '14:23 attributes[0]: attribute "procfs" needs a boolean: yes, no, true, false, on or off, not "maybe"',
      ],
    );
    assert.equal(doc.errors[0].path, 'job "example" > group "group1" > task "www1" > config');
    const ok = runCli(['validate', '-o', 'json', 'fixtures/jobs/hello.nomad.hcl']);
    assert.deepEqual(JSON.parse(ok.stdout), { valid: true, errors: [], warnings: [] });
  });

  it('names a missing file plainly', () => {
    const r = runCli(['validate', 'fixtures/jobs/nope.hcl']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'error: cannot read job file "fixtures/jobs/nope.hcl": no such file\n');
  });

  it('takes variables from NOMAD_VAR_ and flags, flags winning', () => {
    const env = { NOMAD_VAR_pot_tag: 'not-a-version' };
    assert.equal(runCli(['validate', 'fixtures/jobs/variables.nomad.hcl'], { env }).status, 1);
    assert.equal(runCli(['validate', 'fixtures/jobs/variables.nomad.hcl', '--var', 'pot_tag=1.2.3'], { env }).status, 0);
    const undeclared = runCli(['validate', 'fixtures/jobs/nginx.hcl', '--var', 'nope=1']);
    assert.equal(undeclared.status, 1);
    assert.match(undeclared.stderr, /^error: Undefined variable/);
  });
});
