import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pot, prepareArgs, tempRoot } from './harness.js';

describe('pot emulator info, list, version and copy-in', () => {
  const { root, cleanup } = tempRoot('inspect');
  const name = 'api_12345678_alloc';
  before(async () => {
    const prepared = await pot(root, prepareArgs('api', '12345678_alloc', 'sleep 1', ['-N', 'public-bridge', '-e', '8080:30000']));
    assert.equal(prepared.code, 0);
    const rss = await pot(root, ['set-rss', '-M', '64M', '-p', name]);
    assert.equal(rss.code, 0);
  });
  after(cleanup);

  it('info prints pot 0.16.0\'s layout with attribute defaults', async () => {
    const [info, verbose, env] = await Promise.all([
      pot(root, ['info', '-p', name]),
      pot(root, ['info', '-v', '-p', name]),
      pot(root, ['info', '-E', '-p', name]),
    ]);
    const attributes = [
      '\tattributes:',
      '\t\tstart-at-boot: NO',
      '\t\tearly-start-at-boot: NO',
      '\t\tpersistent: NO',
      '\t\tno-rc-script: YES',
      '\t\tprunable: YES',
      '\t\tlocalhost-tunnel: YES',
      '\t\tno-tmpfs: YES',
      '\t\tno-etc-hosts: YES',
      '\t\tto-be-pruned: NO',
      '\tjail attributes:',
      '\t\tenforce_statfs: 2',
      '\t\tmount: NO',
      '\t\tfdescfs: NO',
      '\t\tlinprocfs: NO',
      '\t\tnullfs: NO',
      '\t\tprocfs: NO',
      '\t\ttmpfs: NO',
      '\t\tzfs: NO',
      '\t\traw_sockets: NO',
      '\t\tsysvshm: new',
      '\t\tsysvsem: new',
      '\t\tsysvmsg: new',
      '\t\tchildren: 0',
      '\t\tmlock: NO',
      '\t\tdevfs_ruleset: 4',
      '\t\texec_stop: NO',
      '\t\tstop_timeout: 10',
    ];
    const head = [`pot name : ${name}`, '\ttype : single', '\tbase : ', '\tlevel : 0', '\tnetwork_type : public-bridge', '\tip : 10.192.0.3'];
    assert.equal(info.stdout, [...head, '\tactive : false', ...attributes, '', ''].join('\n'));
    assert.equal(
      verbose.stdout,
      [
        ...head,
        '\t\texported ports: 8080:30000',
        '\tactive : false',
        '\tdatasets:',
        `\t\t${name}/m`,
        '\tsnapshots:',
        '\t\tno snapshots',
        ...attributes,
        '\tresource limits:',
        '\t\tmax amount memory: 64M',
        '',
        '',
      ].join('\n'),
    );
    assert.equal(env.stdout, `export _POT_NAME=${name}\nexport _POT_IP=10.192.0.3\n`);
  });

  it('info -q/-r answer through the exit code, and an unknown pot is reported', async () => {
    const [quiet, running, missing] = await Promise.all([
      pot(root, ['info', '-q', '-p', name]),
      pot(root, ['info', '-r', '-p', name]),
      pot(root, ['info', '-p', 'nope']),
    ]);
    assert.deepEqual([quiet.code, quiet.stdout], [0, '']);
    assert.deepEqual([running.code, running.stdout], [1, '']);
    assert.equal(missing.code, 1);
    assert.ok(missing.stdout.startsWith('###>  nope is not a pot\npot info [-hvqr] [-p pname|-B bname]\n'));
  });

  it('list shows pots in pot\'s format; version in pot\'s format', async () => {
    const [list, quiet, version, versionQuiet] = await Promise.all([
      pot(root, ['list']),
      pot(root, ['ls', '-q']),
      pot(root, ['version']),
      pot(root, ['version', '-q']),
    ]);
    assert.equal(list.stdout, `pot name : ${name}\n\tnetwork : public-bridge\n\tip : 10.192.0.3\n\tactive : false\n\n`);
    assert.equal(quiet.stdout, `${name}\n`);
    assert.deepEqual([version.code, version.stdout], [0, 'pot version: 0.16.0\n']);
    assert.equal(versionQuiet.stdout, '0.16.0\n');
  });

  it('copy-in copies files and directories into the pot root like cp -a', async () => {
    const source = join(root, 'source');
    mkdirSync(join(source, 'site'), { recursive: true });
    writeFileSync(join(source, 'nginx.conf'), 'worker_processes 1;\n');
    writeFileSync(join(source, 'site', 'index.html'), '<h1>hi</h1>\n');
    const file = await pot(root, ['copy-in', '-p', name, '-s', join(source, 'nginx.conf'), '-d', '/usr/local/etc/nginx/nginx.conf']);
    assert.deepEqual([file.code, file.stdout], [0, '']);
    const dir = await pot(root, ['copy-in', '-p', name, '-s', join(source, 'site'), '-d', '/usr/local/www']);
    assert.equal(dir.code, 0);
    const m = join(root, 'jails', name, 'm');
    assert.equal(readFileSync(join(m, 'usr/local/etc/nginx/nginx.conf'), 'utf8'), 'worker_processes 1;\n');
    // a destination that does not exist becomes the copy itself (cp semantics)
    assert.equal(readFileSync(join(m, 'usr/local/www/index.html'), 'utf8'), '<h1>hi</h1>\n');
    const missing = await pot(root, ['copy-in', '-p', name, '-s', join(source, 'none'), '-d', '/x']);
    assert.equal(missing.code, 1);
    assert.ok(missing.stdout.startsWith(`###>  ${join(source, 'none')} not valid\npot copy-in [-hv] -p pot -s source -d destination\n`));
  });
});
