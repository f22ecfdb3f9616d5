import assert from 'node:assert/strict';
import { evaluateJobFile } from '../../../../src/hcl/eval/job-file.js';
import { readSpecBlock } from '../../../../src/hcl/job/read-spec.js';
import { validateNomadJob } from '../../../../src/hcl/job/rules/validate.js';
import type { NomadVersion } from '../../../../src/hcl/job/spec/builders.js';
import { JOB } from '../../../../src/hcl/job/spec/job.js';
import { NEWEST_NOMAD } from '../../../../src/hcl/job/spec/versions.js';
import type { Diagnostic } from '../../../../src/hcl/source.js';
import { parseFile } from '../../../../src/hcl/syntax/parser.js';

/** A job file's text read against Nomad's specification, which must report nothing. */
function readJob(source: string, target: NomadVersion) {
  const parsed = parseFile('job.hcl', source);
  assert.deepEqual(parsed.diagnostics, [], 'the test source must parse');
  const evaluated = evaluateJobFile(parsed.file, { vars: [], env: {}, baseDir: '/nonexistent', allowFS: false });
  assert.deepEqual(evaluated.diagnostics, [], 'the test source must evaluate');
  const diags: Diagnostic[] = [];
  const job = readSpecBlock(evaluated.job!, JOB, '', target, diags);
  assert.deepEqual(diags.filter((d) => d.severity === 'error'), [], 'the test source must match the specification');
  return job;
}

/** What the validity rules report for a job, as `severity line:col summary`. */
export function rulesOf(source: string, target: NomadVersion = NEWEST_NOMAD): string[] {
  const diags: Diagnostic[] = [];
  validateNomadJob(readJob(source, target), target, diags);
  return diags.map((d) => `${d.severity} ${d.range!.start.line}:${d.range!.start.column} ${d.summary}`);
}

/** Only the errors. */
export function errorsOf(source: string, target?: NomadVersion): string[] {
  return rulesOf(source, target).filter((d) => d.startsWith('error '));
}

/** The full diagnostics, for tests of details and paths. */
export function diagnosticsOf(source: string, target: NomadVersion = NEWEST_NOMAD): Diagnostic[] {
  const diags: Diagnostic[] = [];
  validateNomadJob(readJob(source, target), target, diags);
  return diags;
}

/**
 * A service job with one group and one task, with `group` inserted in the group and `task` in the
 * task; the group starts on line 2 and the task on line 4, so the inserted text starts on line 3
 * (group) and line 6 (task).
 */
export function job(opts: { job?: string; group?: string; task?: string; type?: string } = {}): string {
  return [
    `job "j" {${opts.type ? ` type = "${opts.type}"` : ''}${opts.job ? `\n${opts.job}` : ''}`,
    '  group "g" {',
    opts.group ?? '',
    '    task "t" {',
    '      driver = "pot"',
    opts.task ?? '',
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}
