import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goQuote } from '../../../../src/hcl/job/rules/go-text.js';
import { timeZoneProblem } from '../../../../src/hcl/job/rules/periodic-rules.js';
import { diagnosticsOf, errorsOf, rulesOf } from './helpers.js';

describe('features of Nomad Enterprise', () => {
  it('are warnings with Nomad CE\'s message, since the file does not say which edition the cluster runs', () => {
    const source = `job "j" {\n  group "g" {\n    consul {\n      cluster = "east"\n    }\n    task "t" {\n      driver = "pot"\n      schedule {\n        cron {\n          start = "0 9 * * *"\n          end   = "0 17"\n        }\n      }\n    }\n  }\n}\n`;
    assert.deepEqual(rulesOf(source), [
      'warning 4:17 non-default Consul cluster requires Nomad Enterprise',
      'warning 8:7 task schedules requires Nomad Enterprise',
    ]);
    assert.equal(diagnosticsOf(source)[0]!.detail, 'Nomad CE refuses the job for this; Nomad Enterprise accepts it. Which edition the cluster runs is not known here.');
  });

  it('include multiregion jobs with regions', () => {
    const source = `job "j" {\n  multiregion {\n    region "east" {}\n  }\n  group "g" {\n    task "t" {\n      driver = "pot"\n    }\n  }\n}\n`;
    assert.deepEqual(rulesOf(source), ['warning 2:3 Multiregion jobs are unlicensed.']);
  });
});

describe('periodic jobs', () => {
  it('are not checked when disabled', () => {
    const source = `job "j" {\n  periodic {\n    enabled = false\n    crons   = ["nonsense"]\n  }\n  group "g" {\n    task "t" {\n      driver = "pot"\n    }\n  }\n}\n`;
    assert.deepEqual(errorsOf(source), []);
  });

  it('know time zones as Go does, case included', () => {
    assert.equal(timeZoneProblem('UTC'), undefined);
    assert.equal(timeZoneProblem('Europe/Berlin'), undefined);
    assert.equal(timeZoneProblem('europe/berlin'), 'unknown time zone europe/berlin');
    assert.equal(timeZoneProblem('Mars/Olympus'), 'unknown time zone Mars/Olympus');
    assert.equal(timeZoneProblem('../etc/passwd'), 'time: invalid location name');
  });
});

describe('Go\'s quoting', () => {
  it('escapes as strconv.Quote does', () => {
    assert.equal(goQuote('a"b\\c'), '"a\\"b\\\\c"');
    assert.equal(goQuote('tab\there\n'), '"tab\\there\\n"');
    assert.equal(goQuote('\x01\x7f'), '"\\x01\\x7f"');
    assert.equal(goQuote('héllo'), '"héllo"');
  });
});
