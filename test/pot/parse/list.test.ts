import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseList } from '../../../src/pot/parse/list.js';
import { readFixture } from '../helpers.js';

test('parseList reads ls -q', () => {
  assert.deepEqual(parseList(readFixture('ls-q.txt')), [
    { name: 'nginx-nomad-amd64-13_1_1_1_13' },
    { name: 'www1_a1b2c3d4_5d3c1a0e-8f5b-4c1e-9a59-2b8f5a1e4c7d' },
  ]);
  assert.deepEqual(parseList(''), []);
});

test('parseList reads the normal format', () => {
  assert.deepEqual(parseList(readFixture('ls.txt')), [
    { name: 'www1_a1b2c3d4_5d3c1a0e-8f5b-4c1e-9a59-2b8f5a1e4c7d', network: 'public-bridge', ip: '10.192.0.4', active: true },
  ]);
  assert.deepEqual(parseList(readFixture('ls-empty.txt')), []);
});

test('parseList reads several pots, inherit without ip, and -v sections', () => {
  const text = [
    'pot name : a',
    '\tnetwork : inherit',
    '\tactive : false',
    '\tbase : 13.1',
    '\tlevel : 0',
    '\tdatasets:',
    '\t\t/local => /x',
    '\tsnapshot:',
    '',
    'pot name : b',
    '\tnetwork : alias',
    '\tip : 192.168.1.5 em0|192.168.1.6',
    '\tactive : true',
    '',
  ].join('\n');
  assert.deepEqual(parseList(text), [
    { name: 'a', network: 'inherit', active: false },
    { name: 'b', network: 'alias', ip: '192.168.1.5 em0|192.168.1.6', active: true },
  ]);
});

test('parseList rejects garbage', () => {
  const cases: Array<[string, string]> = [
    ["###>  /opt/pot does not exist, please run 'pot init'\n", `ls -q: unexpected line "###>  /opt/pot does not exist, please run 'pot init'"`],
    ['two words\n', 'ls -q: unexpected line "two words"'],
    ['pot name : a\n\tnetwork : inherit\n\tactive : maybe\n', 'ls: active is "maybe", not true or false'],
    ['pot name : a\n\tactive : true\n', 'ls: the line "network : ..." is missing'],
    ['pot name : a\nstray line\n', 'ls: unexpected line "stray line"'],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseList(text), { name: 'PotOutputError', message: `cannot read the output of pot ${message}` });
  }
});
