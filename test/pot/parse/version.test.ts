import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVersions, parseVersion } from '../../../src/pot/parse/version.js';
import { readFixture } from '../helpers.js';

test('parseVersion reads `pot version` and `pot version -q`', () => {
  const expected = { version: '0.16.0', major: 0, minor: 16, patch: 0 };
  assert.deepEqual(parseVersion(readFixture('version.txt')), expected);
  assert.deepEqual(parseVersion(readFixture('version-q.txt')), expected);
});

test('parseVersion keeps a pre-release suffix in the version text', () => {
  assert.deepEqual(parseVersion('pot version: 0.16.1-rc1\n'), { version: '0.16.1-rc1', major: 0, minor: 16, patch: 1 });
});

test('parseVersion rejects garbage', () => {
  for (const text of ['', 'pot version:', 'version 0.16.0', '0.16', '0.16.0 extra', '###>  /opt/pot does not exist']) {
    assert.throws(() => parseVersion(text), {
      name: 'PotOutputError',
      message: 'cannot read the output of pot version: no version number found',
    });
  }
});

test('compareVersions orders by major, minor and patch', () => {
  assert.equal(compareVersions('0.16.0', '0.15.6'), 1);
  assert.equal(compareVersions('0.15.6', '0.16.0'), -1);
  assert.equal(compareVersions('0.15.10', '0.15.9'), 1);
  assert.equal(compareVersions('1.0.0', '0.99.99'), 1);
  assert.equal(compareVersions(parseVersion('pot version: 0.15.0'), '0.15.0'), 0);
  assert.equal(compareVersions('0.16.1-rc1', '0.16.1'), 0);
});
