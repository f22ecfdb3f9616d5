import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PotOutputError } from '../../../src/pot/errors.js';
import { parseRss } from '../../../src/pot/parse/rss.js';
import { readFixture } from '../helpers.js';

test('parseRss reads the get-rss -J fixture', () => {
  assert.deepEqual(parseRss(readFixture('get-rss.json')), {
    rssBytes: 25923584,
    swapBytes: 0,
    cpuPercent: 2,
    totalTicks: 48,
  });
});

test('parseRss accepts the bc-style fraction without a leading zero', () => {
  const text = '{ "ResourceUsage": { "MemoryStats": { "RSS" : 1024, "Swap" : 0 }, "CpuStats": { "TotalTicks": .480, "Percent": 1 } } } ';
  assert.equal(parseRss(text).totalTicks, 0.48);
});

test('parseRss takes the JSON line when pot printed other lines first', () => {
  const text = `===>  some info\n${readFixture('get-rss.json')}`;
  assert.equal(parseRss(text).rssBytes, 25923584);
});

test('parseRss rejects the non-JSON get-rss output', () => {
  const text = readFixture('get-rss.txt');
  assert.throws(() => parseRss(text), (error: unknown) => {
    assert.ok(error instanceof PotOutputError);
    assert.equal(error.message, 'cannot read the output of pot get-rss -J: no JSON object found');
    assert.equal(error.text, text);
    assert.equal(error.retryable, false);
    return true;
  });
});

test('parseRss rejects broken JSON, missing parts and wrong types', () => {
  const cases: Array<[string, string]> = [
    ['{ "ResourceUsage": ', 'invalid JSON'],
    ['{}', 'ResourceUsage is missing'],
    ['{ "ResourceUsage": { "CpuStats": { "TotalTicks": 1, "Percent": 1 } } }', 'MemoryStats is missing'],
    ['{ "ResourceUsage": { "MemoryStats": { "RSS": 1, "Swap": 0 } } }', 'CpuStats is missing'],
    [
      '{ "ResourceUsage": { "MemoryStats": { "RSS": "12", "Swap": 0 }, "CpuStats": { "TotalTicks": 1, "Percent": 1 } } }',
      'RSS is not a non-negative number',
    ],
    [
      '{ "ResourceUsage": { "MemoryStats": { "RSS": 1.5, "Swap": 0 }, "CpuStats": { "TotalTicks": 1, "Percent": 1 } } }',
      'RSS is not a whole number',
    ],
    [
      '{ "ResourceUsage": { "MemoryStats": { "RSS": 1, "Swap": 0 }, "CpuStats": { "TotalTicks": 1, "Percent": -3 } } }',
      'Percent is not a non-negative number',
    ],
    ['', 'no JSON object found'],
  ];
  for (const [text, reason] of cases) {
    assert.throws(() => parseRss(text), { name: 'PotOutputError', message: `cannot read the output of pot get-rss -J: ${reason}` });
  }
});
