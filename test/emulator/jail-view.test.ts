import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildView, hostPathOf } from '../../src/emulator/jail/view.js';

/** A host with merged /usr (bin, lib as links), a /usr/local/etc with one file, and an /etc. */
function fakeHost(dir: string): string {
  const host = join(dir, 'host');
  for (const d of ['usr/bin', 'usr/lib', 'usr/local/etc', 'usr/local/share', 'etc']) mkdirSync(join(host, d), { recursive: true });
  symlinkSync('usr/bin', join(host, 'bin'));
  symlinkSync('usr/lib', join(host, 'lib'));
  writeFileSync(join(host, 'usr/bin/sh'), '');
  writeFileSync(join(host, 'usr/local/etc/npmrc'), '');
  writeFileSync(join(host, 'etc/hosts'), '');
  writeFileSync(join(host, 'etc/passwd'), '');
  symlinkSync('/run/resolv.conf', join(host, 'etc/resolv.conf'));
  return host;
}

describe('the jail filesystem view', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jail-view-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const host = fakeHost(dir);

  it('binds the pot root as / and the host system directories read-only when the pot has nothing of its own there', () => {
    const root = join(dir, 'empty', 'm');
    mkdirSync(join(root, 'usr'), { recursive: true });
    const view = buildView({ root, mounts: [{ source: '/srv/data', target: '/data', readOnly: true }], tmpfs: true, hostRoot: host });
    assert.deepEqual(view.args, [
      '--bind', root, '/',
      '--ro-bind', join(host, 'usr'), '/usr',
      '--symlink', 'usr/bin', '/bin',
      '--symlink', 'usr/lib', '/lib',
      '--ro-bind', join(host, 'etc'), '/etc',
      '--proc', '/proc', '--dev', '/dev',
      '--tmpfs', '/tmp',
      '--ro-bind', '/srv/data', '/data',
    ]);
  });

  it('merges what the pot has in a system directory: host entries read-only, new names on a read-only tmpfs', () => {
    const root = join(dir, 'nginx', 'm');
    mkdirSync(join(root, 'usr/local/etc/nginx'), { recursive: true });
    writeFileSync(join(root, 'usr/local/etc/nginx/nginx.conf'), 'events {}\n');
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc/hosts'), '127.0.0.1 localhost\n');
    mkdirSync(join(root, 'usr/local/www'), { recursive: true });
    const view = buildView({ root, mounts: [{ source: '/srv/www', target: '/usr/local/www', readOnly: false }], tmpfs: false, hostRoot: host });
    assert.deepEqual(view.args, [
      '--bind', root, '/',
      '--ro-bind', join(host, 'usr'), '/usr',
      '--tmpfs', '/usr/local',
      '--tmpfs', '/usr/local/etc',
      '--bind', join(root, 'usr/local/etc/nginx'), '/usr/local/etc/nginx',
      '--ro-bind', join(host, 'usr/local/etc/npmrc'), '/usr/local/etc/npmrc',
      '--remount-ro', '/usr/local/etc',
      '--ro-bind', join(host, 'usr/local/share'), '/usr/local/share',
      '--bind', join(root, 'usr/local/www'), '/usr/local/www',
      '--remount-ro', '/usr/local',
      '--symlink', 'usr/bin', '/bin',
      '--symlink', 'usr/lib', '/lib',
      // the host's /etc/hosts is a file: the pot's goes over it; its resolv.conf link is kept
      '--ro-bind', join(host, 'etc'), '/etc',
      '--bind', join(root, 'etc/hosts'), '/etc/hosts',
      '--proc', '/proc', '--dev', '/dev',
      '--bind', '/srv/www', '/usr/local/www',
    ]);
  });

  it('replaces a host symlink the pot has a file for with a tmpfs merge', () => {
    const root = join(dir, 'resolv', 'm');
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc/resolv.conf'), 'nameserver 10.0.0.1\n');
    const view = buildView({ root, mounts: [], tmpfs: true, hostRoot: host });
    const etc = view.args.slice(view.args.indexOf('/lib') + 1, view.args.indexOf('--proc'));
    assert.deepEqual(etc, [
      '--tmpfs', '/etc',
      '--ro-bind', join(host, 'etc/hosts'), '/etc/hosts',
      '--ro-bind', join(host, 'etc/passwd'), '/etc/passwd',
      '--bind', join(root, 'etc/resolv.conf'), '/etc/resolv.conf',
      '--remount-ro', '/etc',
    ]);
  });

  it('keeps a link the pot root already has from an earlier start, and replaces an empty directory by the link', () => {
    const root = join(dir, 'again', 'm');
    mkdirSync(join(root, 'lib'), { recursive: true });
    symlinkSync('usr/bin', join(root, 'bin'));
    const view = buildView({ root, mounts: [], tmpfs: true, hostRoot: host });
    assert.ok(!view.args.includes('/bin'), 'bwrap refuses to make a link that exists');
    assert.deepEqual(view.args.slice(view.args.indexOf('--symlink'), view.args.indexOf('--symlink') + 3), ['--symlink', 'usr/lib', '/lib']);
  });

  it('maps jail paths to host paths through binds, links and mounts (for exec\'s command lookup)', () => {
    const root = join(dir, 'nginx', 'm');
    const view = buildView({ root, mounts: [{ source: '/srv/www', target: '/usr/local/www', readOnly: false }], tmpfs: false, hostRoot: host });
    assert.equal(hostPathOf(view.entries, '/bin/sh'), join(host, 'usr/bin/sh'));
    assert.equal(hostPathOf(view.entries, '/usr/local/etc/nginx/nginx.conf'), join(root, 'usr/local/etc/nginx/nginx.conf'));
    assert.equal(hostPathOf(view.entries, '/usr/local/www/index.html'), '/srv/www/index.html');
    assert.equal(hostPathOf(view.entries, '/usr/local/nothing'), undefined);
    assert.equal(hostPathOf(view.entries, '/opt/app'), join(root, 'opt/app'));
  });
});
