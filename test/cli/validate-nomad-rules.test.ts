import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { validateCommand } from '../../src/cli/commands/validate.js';
import { reportError } from '../../src/cli/report.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { NOMAD_RULE_FIXTURES } from './nomad-rule-fixtures.js';

const DIR = 'fixtures/invalid/nomad';
const fixtures = readdirSync(`${ROOT}${DIR}`).sort();

/** The (message, place) pairs of a validate run's standard error. */
function reported(stderr: string): [string, string][] {
  const lines = stderr.split('\n');
  return lines.flatMap((l, i) => (/^(error|warning): /.test(l) ? [[l, (lines[i + 1] ?? '').replace(/^ {2}--> /, '')] as [string, string]] : []));
}

/**
 * `validate` in this process, through the command and the CLI's one error reporter, as `main` runs them:
 * the same text a user sees, without a Node start-up per file.
 */
async function validateHere(file: string): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  const sink = { isTTY: false, write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WriteStream;
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const status = await validateCommand(file, { vars: [], output: 'text' });
    return { status, stderr };
  } catch (err) {
    return { status: reportError(err, sink), stderr };
  } finally {
    process.chdir(cwd);
  }
}

describe('pot-nomad validate refuses each job Nomad refuses, with Nomad\'s message', () => {
  it('has an expectation for every job under fixtures/invalid/nomad/', () => {
    assert.deepEqual(fixtures, Object.keys(NOMAD_RULE_FIXTURES).sort());
  });

  for (const name of fixtures) {
    it(`refuses ${DIR}/${name} with every problem, its file, line and column`, async () => {
      const r = await validateHere(`${DIR}/${name}`);
      assert.equal(r.status, 1, r.stderr);
      assert.deepEqual(reported(r.stderr), NOMAD_RULE_FIXTURES[name]);
      assert.doesNotMatch(r.stderr, /\n\s+at .*\.js:\d+/);
    });
  }

  // The same through the command line a user types, for a few of them: nothing on stdout, exit 1, the same text.
  for (const name of fixtures.filter((_, i) => i % 60 === 0)) {
    it(`refuses ${DIR}/${name} from the command line the same way`, () => {
      const r = runCli(['validate', `${DIR}/${name}`]);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stdout, '');
      assert.deepEqual(reported(r.stderr), NOMAD_RULE_FIXTURES[name]);
    });
  }
});
