import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cronError } from '../../../../src/hcl/job/rules/cron-spec.js';
import { semverConstraintError, versionConstraintError } from '../../../../src/hcl/job/rules/version-constraint.js';

describe('version and semver constraints', () => {
  it('accept go-version\'s syntax, pessimistic operator and pre-releases included', () => {
    for (const ok of ['1.2', '>= 1.2.3, < 2.0', '~> 1.4', '!= 1.5.0-beta1', ' = v1.2.3+build ', '>=1.0.0-rc.1']) assert.equal(versionConstraintError(ok, true), undefined, ok);
    assert.equal(versionConstraintError('>> 1.0', true), 'malformed constraint: >> 1.0');
    assert.equal(versionConstraintError('1.0,,', false), 'Malformed constraint: ');
    assert.equal(versionConstraintError('1.99999999999999999999', true), 'error parsing version: strconv.ParseInt: parsing "99999999999999999999": value out of range');
  });

  it('refuse "~>" and dash-less pre-releases in semver constraints', () => {
    assert.equal(semverConstraintError('>= 1.6.0, < 2'), undefined);
    assert.equal(semverConstraintError('~> 1.6'), 'Malformed constraint: ~> 1.6');
    assert.equal(semverConstraintError('1.0beta'), 'Malformed constraint: 1.0beta');
    assert.equal(versionConstraintError('1.0beta', true), undefined);
  });
});

describe('cron expressions', () => {
  it('accept 5 to 7 fields, names, steps, L, W, # and the shorthands', () => {
    for (const ok of ['*/15 * * * *', '0 30 2 * * * 2030', '0 9-17 * jan-dec mon-fri', '0 0 L * ?', '0 0 15W * *', '0 0 * * 5L', '0 0 * * MON#2', '@daily', '@weekly', '5,10,15 * * * *']) {
      assert.equal(cronError(ok), undefined, ok);
    }
  });

  it('give the cron library\'s errors', () => {
    assert.equal(cronError('* * * *'), 'missing field(s)');
    assert.equal(cronError('61 * * * *'), "syntax error in minute field: '61'");
    assert.equal(cronError('*/0 * * * *'), 'invalid interval */0');
    assert.equal(cronError('* 25 * * *'), "syntax error in hour field: '25'");
    assert.equal(cronError('* * * * funday'), "syntax error in day-of-week field: 'funday'");
    assert.equal(cronError('* * 32W * *'), "syntax error in day-of-month field: '32W'");
  });

  it('stop reading a plain field at a wildcard, as the library does', () => {
    assert.equal(cronError('*,99 * * * *'), undefined);
    assert.equal(cronError('99,* * * * *'), "syntax error in minute field: '99'");
  });
});
