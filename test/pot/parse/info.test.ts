import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInfo } from '../../../src/pot/parse/info.js';
import { readFixture } from '../helpers.js';

const ATTRIBUTES = {
  'start-at-boot': 'NO',
  'early-start-at-boot': 'NO',
  persistent: 'NO',
  'no-rc-script': 'YES',
  prunable: 'YES',
  'localhost-tunnel': 'YES',
  'no-tmpfs': 'YES',
  'no-etc-hosts': 'YES',
  'to-be-pruned': 'NO',
};

const JAIL_ATTRIBUTES = {
  enforce_statfs: '2',
  mount: 'NO',
  fdescfs: 'NO',
  linprocfs: 'NO',
  nullfs: 'NO',
  procfs: 'NO',
  tmpfs: 'NO',
  zfs: 'NO',
  raw_sockets: 'NO',
  sysvshm: 'new',
  sysvsem: 'new',
  sysvmsg: 'new',
  children: '0',
  mlock: 'NO',
  devfs_ruleset: '4',
  exec_stop: 'NO',
  stop_timeout: '10',
};

const NAME = 'www1_a1b2c3d4_5d3c1a0e-8f5b-4c1e-9a59-2b8f5a1e4c7d';

test('parseInfo reads the default info fixture', () => {
  assert.deepEqual(parseInfo(readFixture('info.txt')), {
    name: NAME,
    type: 'single',
    base: '13.1',
    level: 0,
    networkType: 'public-bridge',
    ip: '10.192.0.4',
    active: false,
    attributes: ATTRIBUTES,
    jailAttributes: JAIL_ATTRIBUTES,
  });
});

test('parseInfo reads the verbose info fixture', () => {
  assert.deepEqual(parseInfo(readFixture('info-verbose.txt')), {
    name: NAME,
    type: 'single',
    base: '13.1',
    level: 0,
    networkType: 'public-bridge',
    ip: '10.192.0.4',
    exportedPorts: ['80:23456'],
    active: false,
    datasets: ['www1_a1b2c3d4_.../m', '/local => /var/nomad/alloc/<id>/www1/local'],
    snapshots: [],
    attributes: ATTRIBUTES,
    jailAttributes: JAIL_ATTRIBUTES,
    resourceLimits: { 'max amount memory': '64M' },
  });
});

test('parseInfo reads inherit, private-bridge, level 2 and port variants', () => {
  const inherit = parseInfo('pot name : a\n\ttype : single\n\tbase : 13.1\n\tlevel : 0\n\tnetwork_type : inherit\n\tactive : true\n\tattributes:\n\tjail attributes:\n\n');
  assert.equal(inherit.ip, undefined);
  assert.equal(inherit.active, true);
  assert.deepEqual(inherit.attributes, {});

  const bridged = parseInfo(
    [
      'pot name : b',
      '\ttype : multi',
      '\tbase : 13.1',
      '\tlevel : 2',
      '\tbase pot : b-base',
      '\tnetwork_type : private-bridge',
      '\tip : 10.192.0.9',
      '\tbridge : backend',
      '\t\texported ports: 80:23456 tcp:443:23457 udp:53',
      '\tactive : false',
      '\tsnapshots:',
      '\t\t1700000000',
      '\t\t1700000100',
      '',
    ].join('\n'),
  );
  assert.equal(bridged.basePot, 'b-base');
  assert.equal(bridged.bridge, 'backend');
  assert.equal(bridged.level, 2);
  assert.deepEqual(bridged.exportedPorts, ['80:23456', 'tcp:443:23457', 'udp:53']);
  assert.deepEqual(bridged.snapshots, ['1700000000', '1700000100']);

  const noPorts = parseInfo('pot name : c\n\ttype : single\n\tbase : 13.1\n\tlevel : 0\n\tnetwork_type : public-bridge\n\tip : 10.192.0.5\n\t\tno ports exported\n\tactive : false\n');
  assert.deepEqual(noPorts.exportedPorts, []);
});

test('parseInfo rejects garbage', () => {
  const base = 'pot name : a\n\ttype : single\n\tbase : 13.1\n\tnetwork_type : inherit\n';
  const cases: Array<[string, string]> = [
    ['', 'expected one "pot name : ..." block, found 0'],
    ['pot name : a\n\n' + 'pot name : b\n', 'expected one "pot name : ..." block, found 2'],
    ['###>  a is not a pot\npot info [-hvqr] [-p pname|-B bname]\n', 'unexpected line "###>  a is not a pot"'],
    [`${base}\tactive : false\n`, 'the line "level : ..." is missing'],
    [`${base}\tlevel : zero\n\tactive : false\n`, 'level "zero" is not a number'],
    [`${base}\tlevel : 0\n\tactive : yes\n`, 'active is "yes", not true or false'],
    [`${base}\tlevel : 0\n\tactive : false\n\tattributes:\n\t\tbroken\n`, 'unexpected line "broken"'],
    [`${base}\tlevel : 0\n\t\tsomething odd\n\tactive : false\n`, 'unexpected line "something odd"'],
    [`${base}\tlevel : 0\n\tactive : false\nnot indented\n`, 'unexpected line "not indented"'],
  ];
  for (const [text, reason] of cases) {
    assert.throws(() => parseInfo(text), { name: 'PotOutputError', message: `cannot read the output of pot info: ${reason}` });
  }
});
