import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually, pot, prepareArgs, readText, spawnPot, tempRoot } from './harness.js';
import { join } from 'node:path';

const SET_ATTRIBUTE_HELP = [
  'pot set-attribute [-hv] -p pot -A attr -V value',
  '  -h print this help',
  '  -v verbose',
  '  -p pot : the working pot',
  '  -A attribute : one of',
  '     + children',
  '     + devfs_ruleset',
  '     + early-start-at-boot',
  '     + enforce_statfs',
  '     + exec_stop',
  '     + fdescfs',
  '     + linprocfs',
  '     + localhost-tunnel',
  '     + mlock',
  '     + mount',
  '     + no-etc-hosts',
  '     + no-rc-script',
  '     + no-tmpfs',
  '     + nullfs',
  '     + persistent',
  '     + procfs',
  '     + prunable',
  '     + raw_sockets',
  '     + start-at-boot',
  '     + stop_timeout',
  '     + sysvmsg',
  '     + sysvsem',
  '     + sysvshm',
  '     + tmpfs',
  '     + zfs',
  '  -V value : the new value for "attribute"',
  '',
].join('\n');

const PREPARE_HELP_FIRST_LINE = 'pot prepare [-hvS] -p pot -U URL -t tag -a aID -n potname -c cmd\n';

describe('pot emulator error messages and exit codes', () => {
  const { root, cleanup } = tempRoot('errors');
  const name = 'web_0a1b2c3d_7c5e6d3b';

  before(async () => {
    const prepared = await pot(root, prepareArgs('web', '0a1b2c3d_7c5e6d3b', 'sleep 30'));
    assert.equal(prepared.code, 0, prepared.stdout);
  });
  after(cleanup);

  it('start on a missing pot prints pot\'s message and exits 1', async () => {
    for (const args of [['start', 'nope'], ['start', '-p', 'nope']]) {
      const result = await pot(root, args);
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '###>  Pot nope not found\n');
      assert.equal(result.stderr, '');
    }
  });

  it('set-attribute rejects an unknown attribute with pot\'s message and help', async () => {
    const result = await pot(root, ['set-attribute', '-p', name, '-A', 'bogus', '-V', 'YES']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, `###>  bogus is not a valid attribute\n${SET_ATTRIBUTE_HELP}`);
  });

  it('set-attribute rejects a bad boolean (the value is blanked: two spaces)', async () => {
    const result = await pot(root, ['set-attr', '-p', name, '-A', 'persistent', '-V', 'maybe']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, `###>  value  is not a valid boolean value\n${SET_ATTRIBUTE_HELP}`);
  });

  it('set-attribute checks uint and sysvopt values and the read-only to-be-pruned', async () => {
    const [uint, sysv, readOnly, missing] = await Promise.all([
      pot(root, ['set-attribute', '-p', name, '-A', 'stop_timeout', '-V', '1s']),
      pot(root, ['set-attribute', '-p', name, '-A', 'sysvshm', '-V', 'share']),
      pot(root, ['set-attribute', '-p', name, '-A', 'to-be-pruned', '-V', 'NO']),
      pot(root, ['set-attribute', '-p', 'ghost', '-A', 'persistent', '-V', 'NO']),
    ]);
    assert.equal(uint.code, 1);
    assert.equal(uint.stdout.split('\n')[0], '###>  value 1s is not a valid uint value');
    assert.equal(sysv.stdout.split('\n')[0], "###>  value must be one of 'new', 'inherit', 'disable'");
    assert.equal(readOnly.stdout.split('\n')[0], '###>  to-be-pruned is not a valid attribute');
    assert.deepEqual(missing.stdout.split('\n').slice(0, 2), ['###>  Pot ghost not found', '###>  ghost is not a valid pot']);
  });

  it('set-attribute stores normalised values and get-attribute reads them', async () => {
    assert.equal((await pot(root, ['set-attribute', '-p', name, '-A', 'mlock', '-V', 'on'])).code, 0);
    assert.equal((await pot(root, ['get-attribute', '-p', name, '-A', 'mlock'])).stdout, '===>  mlock: YES\n');
    assert.equal((await pot(root, ['get-attr', '-q', '-p', name, '-A', 'mlock'])).stdout, 'YES\n');
    const unset = await pot(root, ['get-attr', '-p', name, '-A', 'zfs']);
    assert.equal(unset.stdout, `===>  The attribute zfs is not set for the pot ${name}\n`);
    assert.equal(unset.code, 0);
  });

  it('get-rss on a stopped pot prints pot\'s message and exits 1', async () => {
    const result = await pot(root, ['get-rss', '-p', name, '-J']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, `###>  The pot ${name} is not running\n`);
  });

  it('stop follows pot: a missing pot exits 0, a never-started pot cannot be stopped', async () => {
    const missing = await pot(root, ['stop', 'nope']);
    assert.equal(missing.code, 0);
    assert.equal(missing.stdout, '###>  The pot nope is not a valid pot\n');
    const never = await pot(root, ['stop', '-p', name]);
    assert.equal(never.code, 1);
    assert.equal(never.stdout, `###>  pot ${name} is not in a state where it can be stopped\n`);
  });

  it('destroy without -F refuses a running pot', async () => {
    assert.equal((await pot(root, ['set-attribute', '-p', name, '-A', 'stop_timeout', '-V', '1'])).code, 0);
    const started = spawnPot(root, ['start', name]);
    assert.ok(await eventually(() => readText(join(root, 'tmp', `pot_main_pid_${name}`)) !== undefined));
    const refused = await pot(root, ['destroy', '-p', name]);
    assert.equal(refused.code, 1);
    assert.equal(refused.stdout, `===>  Destroying pot ${name}\n###>  pot ${name} is running\n`);
    const stopped = await pot(root, ['stop', name]);
    assert.equal(stopped.code, 0);
    assert.equal(stopped.stdout, '');
    const start = await started.done;
    assert.equal(start.code, 0);
    assert.equal(start.stdout, `===>  Starting the pot ${name}\n`);
  });

  it('destroy of a missing pot exits 1 even with -F', async () => {
    const result = await pot(root, ['destroy', '-p', 'nope', '-F']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '###>  Pot nope not found\n###>  pot nope not found or corrupted. Try to use the -F flag\n');
  });

  it('prepare validates its options like pot', async () => {
    const cases: [string[], string][] = [
      [['prepare', '-t', '1', '-a', 'x'], '###>  A pot name is mandatory\n'],
      [['prepare', '-p', 'img', '-a', 'x'], '###>  A tag is mandatory\n'],
      [['prepare', '-p', 'img', '-t', '1'], '###>  An allocation id is mandatory\n'],
      [['prepare', '-p', 'img', '-t', '1', '-a', 'x', '-e', '80:'], '###>  80: is not a valid port number\n'],
      [['prepare', '-p', 'img', '-t', '1', '-a', 'x', '-e', '70000'], '###>  70000 is not a valid port number\n'],
      [['prepare', '-N', 'bridge', '-p', 'img', '-t', '1', '-a', 'x'], '###>  Network type bridge not recognized\n'],
      [
        ['prepare', '-p', 'img', '-t', '1', '-a', 'x', '-N', 'private-bridge'],
        '###>  A bridge name has to be provided if private-bridge is selected as network-type\n',
      ],
      [['prepare', '-p', 'img', '-t', '1', '-a', 'x', '-d', 'google'], "###>  '' is not a valid dns option\n"],
    ];
    const results = await Promise.all(cases.map(([args]) => pot(root, args)));
    for (const [index, [args, error]] of cases.entries()) {
      const result = results[index];
      assert.equal(result.code, 1, args.join(' '));
      assert.ok(result.stdout.startsWith(`${error}${PREPARE_HELP_FIRST_LINE}`), result.stdout);
    }
  });

  it('prepare reports bad options through getopts on stderr, then the help', async () => {
    const illegal = await pot(root, ['prepare', '-x']);
    assert.equal(illegal.code, 1);
    assert.equal(illegal.stderr, 'Illegal option -x\n');
    assert.ok(illegal.stdout.startsWith(PREPARE_HELP_FIRST_LINE));
    const noArg = await pot(root, ['prepare', '-p', 'img', '-t']);
    assert.equal(noArg.code, 1);
    assert.equal(noArg.stderr, 'No arg for -t option\n');
  });

  it('prepare refuses an existing pot and an empty image URL', async () => {
    const again = await pot(root, prepareArgs('web', '0a1b2c3d_7c5e6d3b', 'sleep 1'));
    assert.equal(again.code, 1);
    assert.ok(again.stdout.startsWith(`###>  A pot with name ${name} already exists\n${PREPARE_HELP_FIRST_LINE}`));
    const noUrl = await pot(root, ['prepare', '-p', 'other', '-t', '2.0', '-a', 'x']);
    assert.equal(noUrl.code, 1);
    assert.ok(noUrl.stdout.startsWith('###>  Argument of -U cannot be empty\npot import [-hv] -p pot -t tag -U URL [-C pubkey]\n'));
  });

  it('mount-in, copy-in, set-env and set-hosts keep pot\'s checks', async () => {
    const [spaces, relative, badEnv, badHost, badMemory] = await Promise.all([
      pot(root, ['mount-in', '-p', name, '-d', root, '-m', '/a b']),
      pot(root, ['copy-in', '-p', name, '-s', root, '-d', 'etc']),
      pot(root, ['set-env', '-p', name, '-E', 'NOVALUE']),
      pot(root, ['set-hosts', '-p', name, '-H', 'db:not-an-ip']),
      pot(root, ['set-rss', '-M', '64X', '-p', name]),
    ]);
    assert.deepEqual([spaces.code, spaces.stdout], [1, '###>  The mountpoint cannot contain spaces\n']);
    assert.deepEqual([relative.code, relative.stdout], [1, '###>  The destination has to be an absolute pathname\n']);
    assert.equal(badEnv.code, 1);
    assert.deepEqual(badEnv.stdout.split('\n').slice(0, 2), ['###>  NOVALUE not in a valid form', '###>  VARIABLE=value is accetped']);
    assert.equal(badHost.stdout.split('\n')[0], '###>  Submitted ip not-an-ip is not a valid one');
    assert.equal(badMemory.stdout.split('\n')[0], '###>  64X is not a valid memory constraint');
  });

  it('unknown commands print the usage and exit 1; help exits 0', async () => {
    const unknown = await pot(root, ['frobnicate']);
    assert.equal(unknown.code, 1);
    assert.ok(unknown.stdout.startsWith('Usage: pot command [options]\n'));
    const help = await pot(root, ['help', 'get-rss']);
    assert.deepEqual([help.code, help.stdout.split('\n')[0]], [0, 'pot get-rss [-h] -p pot']);
  });
});
