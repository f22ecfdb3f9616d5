import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLastRunStats } from '../../../src/pot/parse/last-run-stats.js';
import { readFixture } from '../helpers.js';

test('parseLastRunStats reads a recorded exit code', () => {
  assert.deepEqual(parseLastRunStats(readFixture('last-run-stats.json')), { exitCode: 0, missing: false });
  assert.deepEqual(parseLastRunStats('{ "ExitCode": 127 }'), { exitCode: 127, missing: false });
});

test('parseLastRunStats turns {} into exit code 0 and says it was missing', () => {
  assert.deepEqual(parseLastRunStats(readFixture('last-run-stats-missing.json')), { exitCode: 0, missing: true });
});

test('parseLastRunStats rejects garbage', () => {
  const cases: Array<[string, string]> = [
    ['', 'invalid JSON'],
    ['ExitCode: 1', 'invalid JSON'],
    ['[1]', 'not a JSON object'],
    ['null', 'not a JSON object'],
    ['{ "ExitCode": "1" }', 'ExitCode is not a non-negative whole number'],
    ['{ "ExitCode": -1 }', 'ExitCode is not a non-negative whole number'],
    ['{ "exit": 1 }', 'ExitCode is not a non-negative whole number'],
  ];
  for (const [text, reason] of cases) {
    assert.throws(() => parseLastRunStats(text), {
      name: 'PotOutputError',
      message: `cannot read the output of pot last-run-stats: ${reason}`,
    });
  }
});
