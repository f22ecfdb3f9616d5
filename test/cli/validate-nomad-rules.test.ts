import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CLI, ROOT } from '../helpers/cli.js';
import { NOMAD_RULE_FIXTURES } from './nomad-rule-fixtures.js';

const DIR = 'fixtures/invalid/nomad';
const fixtures = readdirSync(`${ROOT}${DIR}`).sort();

/** `pot-nomad validate <file>` as a user runs it, without blocking, so that two can run at once. */
function validate(file: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'validate', file], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', NOMAD_PLUGIN_MAGIC_COOKIE: '' } }, (err, stdout, stderr) => {
      resolve({ status: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

describe('pot-nomad validate refuses each job Nomad refuses, with Nomad\'s message', { concurrency: 2 }, () => {
  it('has an expectation for every job under fixtures/invalid/nomad/', () => {
    assert.deepEqual(fixtures, Object.keys(NOMAD_RULE_FIXTURES).sort());
  });

  for (const name of fixtures) {
    it(`refuses ${DIR}/${name} with every problem, its file, line and column`, async () => {
      const r = await validate(`${DIR}/${name}`);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout, '');
      const lines = r.stderr.split('\n');
      const reported = lines.flatMap((l, i) => (/^(error|warning): /.test(l) ? [[l, (lines[i + 1] ?? '').replace(/^ {2}--> /, '')]] : []));
      assert.deepEqual(reported, NOMAD_RULE_FIXTURES[name]);
      assert.doesNotMatch(r.stderr, /\n\s+at .*\.js:\d+/);
    });
  }
});
