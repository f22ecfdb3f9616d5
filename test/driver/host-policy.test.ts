import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../../src/driver/errors.js';
import {
  checkHostPolicy,
  enforceHostPolicy,
  PLUGIN_DEFAULT_HOST_POLICY,
  resolveHostPath,
  type HostPolicy,
  type PolicyOrigin,
} from '../../src/driver/host-policy.js';
import { decodeDriverSettings } from '../../src/driver/settings.js';
import type { PathPair, PotConfig } from '../../src/driver/task-config.js';

const ALLOC_DIR = '/var/tmp/nomad/alloc/7c5e6d3b-1f0a-4b2e-9c1d-2a3b4c5d6e7f';
const PLUGIN: PolicyOrigin = { kind: 'plugin' };
const BLOCK = 'in the client agent\'s plugin "pot-nomad" { config { ... } } block';
/** Only `..`, `.` and `//`: the rules, without a file system. */
const lexical = (p: string): string => posix.resolve(p);

function potConfig(extra: Partial<PotConfig> = {}): PotConfig {
  return { image: 'https://example/registry', pot: 'web', tag: '1.0', args: [], portMap: {}, copy: [], mount: [], mountReadOnly: [], extraHosts: [], attributes: [], ...extra };
}

function pairs(...sources: string[]): PathPair[] {
  return sources.map((source, i) => ({ source, destination: `/mnt/${i}` }));
}

function attrs(...entries: string[]): PotConfig['attributes'] {
  return entries.map((e) => ({ name: e.slice(0, e.indexOf(':')), value: e.slice(e.indexOf(':') + 1) }));
}

function paths(allowed: string[], origin: PolicyOrigin = PLUGIN): HostPolicy {
  return { hostPaths: { allowed, origin } };
}

/** `path: message` lines, as the plugin and the CLI show them. */
function refusals(config: PotConfig, policy: HostPolicy, resolve: (p: string) => string = lexical, allocDir = ALLOC_DIR): string[] {
  return checkHostPolicy(config, allocDir, policy, resolve).map((i) => {
    assert.equal(i.severity, 'error');
    return `${i.path.join('.')}: ${i.message}`;
  });
}

describe('host paths', () => {
  it('match a prefix only at a path-component boundary', () => {
    assert.deepEqual(refusals(potConfig({ mount: pairs('/data', '/data/', '/data/www', '/database/www', '/dat') }), paths(['/data'])), [
      `mount.3: the host path "/database/www" is not allowed on this node (allowed: "/data", the allocation's own directory); to allow it, set allowed_host_paths = ["/data", "/database/www"] ${BLOCK}`,
      `mount.4: the host path "/dat" is not allowed on this node (allowed: "/data", the allocation's own directory); to allow it, set allowed_host_paths = ["/data", "/dat"] ${BLOCK}`,
    ]);
    assert.deepEqual(refusals(potConfig({ mount: pairs('/data/www') }), paths(['/data/'])), []);
    assert.deepEqual(refusals(potConfig({ mount: pairs('/etc') }), paths(['/'])), []);
  });

  it('refuse everything outside the alloc dir by default, naming the entry and the line that allows it', () => {
    const config = potConfig({ copy: pairs('/data/www/nginx.conf'), mount: pairs(`${ALLOC_DIR}/alloc/data`, '/data/www'), mountReadOnly: pairs('/etc/ssl') });
    assert.deepEqual(refusals(config, PLUGIN_DEFAULT_HOST_POLICY), [
      `copy.0: the host path "/data/www/nginx.conf" is not allowed on this node (allowed: the allocation's own directory); to allow it, set allowed_host_paths = ["/data/www/nginx.conf"] ${BLOCK}`,
      `mount.1: the host path "/data/www" is not allowed on this node (allowed: the allocation's own directory); to allow it, set allowed_host_paths = ["/data/www"] ${BLOCK}`,
      `mount_read_only.0: the host path "/etc/ssl" is not allowed on this node (allowed: the allocation's own directory); to allow it, set allowed_host_paths = ["/etc/ssl"] ${BLOCK}`,
    ]);
  });

  it('always allow the allocation\'s own directory, and nothing beside it', () => {
    const config = potConfig({ mount: pairs(ALLOC_DIR, `${ALLOC_DIR}/alloc/data`, `${ALLOC_DIR}-other/alloc`, `${ALLOC_DIR}/../other/alloc`) });
    assert.deepEqual(refusals(config, paths([])), [
      `mount.2: the host path "${ALLOC_DIR}-other/alloc" is not allowed on this node (allowed: the allocation's own directory); to allow it, set allowed_host_paths = ["${ALLOC_DIR}-other/alloc"] ${BLOCK}`,
      `mount.3: the host path "${ALLOC_DIR}/../other/alloc" (which resolves to "/var/tmp/nomad/alloc/other/alloc") is not allowed on this node (allowed: the allocation's own directory); to allow it, set allowed_host_paths = ["/var/tmp/nomad/alloc/other/alloc"] ${BLOCK}`,
    ]);
  });

  it('resolve ".." in sources and prefixes before comparing', () => {
    assert.deepEqual(refusals(potConfig({ mount: pairs('/srv/www') }), paths(['/data/../srv'])), []);
    assert.deepEqual(refusals(potConfig({ mount: pairs('/data/www/../../etc') }), paths(['/data'])), [
      `mount.0: the host path "/data/www/../../etc" (which resolves to "/etc") is not allowed on this node (allowed: "/data", the allocation's own directory); to allow it, set allowed_host_paths = ["/data", "/etc"] ${BLOCK}`,
    ]);
  });

  it('say what to change where the restriction comes from', () => {
    const config = potConfig({ mount: pairs('/data/my www') });
    assert.deepEqual(refusals(config, paths(['/srv'], { kind: 'settings-file', file: '/home/ann/pot-nomad.toml' })), [
      'mount.0: the host path "/data/my www" is not allowed on this node (allowed: "/srv", the allocation\'s own directory); to allow it, set allowed_host_paths = ["/srv", "/data/my www"] in the [plugin] table of /home/ann/pot-nomad.toml',
    ]);
    assert.deepEqual(refusals(config, paths(['/srv'], { kind: 'flag' })), [
      'mount.0: the host path "/data/my www" is not allowed on this node (allowed: "/srv", the allocation\'s own directory); to allow it, add --allow-host-path \'/data/my www\'',
    ]);
  });

  it('are not looked at when nothing restricts them', () => {
    const untouchable = (): string => assert.fail('no path may be resolved');
    const config = potConfig({ mount: pairs('/etc'), copy: pairs('/root/.ssh/id_ed25519'), attributes: attrs('mount:yes', 'devfs_ruleset:0') });
    assert.deepEqual(refusals(config, {}, untouchable), []);
  });
});

describe('host paths on the file system', () => {
  const work = realpathSync(mkdtempSync(join(tmpdir(), 'pn-policy-')));
  after(() => rmSync(work, { recursive: true, force: true }));
  const allowed = join(work, 'allowed');
  const secret = join(work, 'secret');
  const allocDir = join(work, 'alloc', 'a1');
  for (const dir of [join(allowed, 'www'), join(secret, 'keys'), join(allocDir, 'alloc', 'data')]) mkdirSync(dir, { recursive: true });
  symlinkSync(secret, join(allowed, 'escape'));
  symlinkSync(join(allowed, 'www'), join(allowed, 'inside'));
  symlinkSync(allowed, join(work, 'alias'));
  symlinkSync('/', join(allocDir, 'alloc', 'data', 'root'));

  it('refuse a symlink that leads out of an allowed prefix, and name where it leads', () => {
    const config = potConfig({ mount: pairs(join(allowed, 'escape', 'keys'), join(allowed, 'inside'), join(allowed, 'escape', 'not-yet', 'x')) });
    assert.deepEqual(refusals(config, paths([allowed]), resolveHostPath, allocDir), [
      `mount.0: the host path "${allowed}/escape/keys" (which resolves to "${secret}/keys") is not allowed on this node (allowed: "${allowed}", the allocation's own directory); to allow it, set allowed_host_paths = ["${allowed}", "${secret}/keys"] ${BLOCK}`,
      `mount.2: the host path "${allowed}/escape/not-yet/x" (which resolves to "${secret}/not-yet/x") is not allowed on this node (allowed: "${allowed}", the allocation's own directory); to allow it, set allowed_host_paths = ["${allowed}", "${secret}/not-yet/x"] ${BLOCK}`,
    ]);
  });

  it('refuse a symlink in the alloc dir that leads out of it', () => {
    const config = potConfig({ mount: pairs(join(allocDir, 'alloc', 'data'), join(allocDir, 'alloc', 'data', 'root', 'etc')) });
    assert.deepEqual(refusals(config, paths([]), resolveHostPath, allocDir), [
      `mount.1: the host path "${allocDir}/alloc/data/root/etc" (which resolves to "${realpathSync('/etc')}") is not allowed on this node (allowed: the allocation's own directory); to allow it, set allowed_host_paths = ["${realpathSync('/etc')}"] ${BLOCK}`,
    ]);
  });

  it('allow what an allowed prefix given through a symlink leads to', () => {
    assert.deepEqual(refusals(potConfig({ mount: pairs(join(allowed, 'www'), join(work, 'alias', 'www')) }), paths([join(work, 'alias')]), resolveHostPath, allocDir), []);
  });

  it('resolve the longest existing ancestor, following a symlink before the ".." after it', () => {
    assert.equal(resolveHostPath(`${allowed}/escape/../allowed`), allowed);
    assert.equal(resolveHostPath(`${allowed}/escape/..`), work);
    assert.equal(resolveHostPath(`${allowed}//www/./missing/../../escape/keys`), join(secret, 'keys'));
    assert.equal(resolveHostPath('/pn-missing-root/a/../b'), '/pn-missing-root/b');
  });
});

describe('jail attributes', () => {
  const restricted: HostPolicy = { jailAttributes: { allowed: [], origin: PLUGIN } };

  it('refuse each weakening value, naming the entry and the line that allows it', () => {
    const config = potConfig({ attributes: attrs('mount:YES', 'enforce_statfs:0', 'children:3', 'raw_sockets:on', 'stop_timeout:30') });
    assert.deepEqual(refusals(config, restricted), [
      `attributes.0: "mount:YES" weakens the jail (mount lets the jail mount file systems); to allow it, set allowed_jail_attributes = ["mount"] ${BLOCK}`,
      `attributes.1: "enforce_statfs:0" weakens the jail (enforce_statfs below 1 shows the jail every mount point of the host); to allow it, set allowed_jail_attributes = ["enforce_statfs"] ${BLOCK}`,
      `attributes.2: "children:3" weakens the jail (children above 0 lets the jail create jails of its own); to allow it, set allowed_jail_attributes = ["children"] ${BLOCK}`,
      `attributes.3: "raw_sockets:on" weakens the jail (raw_sockets lets the jail open raw sockets and forge packets); to allow it, set allowed_jail_attributes = ["raw_sockets"] ${BLOCK}`,
    ]);
  });

  it('refuse mlock, and System V IPC shared with the host', () => {
    const config = potConfig({ attributes: attrs('mlock:true', 'sysvshm:inherit', 'sysvsem:inherit', 'sysvmsg:inherit') });
    assert.deepEqual(refusals(config, restricted), [
      `attributes.0: "mlock:true" weakens the jail (mlock lets the jail lock memory so the host cannot page it out); to allow it, set allowed_jail_attributes = ["mlock"] ${BLOCK}`,
      `attributes.1: "sysvshm:inherit" weakens the jail (sysvshm inherit shares the host's System V shared memory with the jail); to allow it, set allowed_jail_attributes = ["sysvshm"] ${BLOCK}`,
      `attributes.2: "sysvsem:inherit" weakens the jail (sysvsem inherit shares the host's System V semaphores with the jail); to allow it, set allowed_jail_attributes = ["sysvsem"] ${BLOCK}`,
      `attributes.3: "sysvmsg:inherit" weakens the jail (sysvmsg inherit shares the host's System V message queues with the jail); to allow it, set allowed_jail_attributes = ["sysvmsg"] ${BLOCK}`,
    ]);
  });

  it('let the same attributes keep the jail as tight as it is', () => {
    const config = potConfig({
      attributes: attrs('mount:no', 'mount:false', 'enforce_statfs:1', 'enforce_statfs:2', 'children:0', 'raw_sockets:OFF', 'mlock:no', 'sysvshm:new', 'sysvsem:disable', 'sysvmsg:new'),
    });
    assert.deepEqual(refusals(config, restricted), []);
  });

  it('allow what the config lists, and add to the list in the suggestion', () => {
    const policy: HostPolicy = { jailAttributes: { allowed: ['raw_sockets'], origin: { kind: 'settings-file', file: '/etc/pot-nomad.toml' } } };
    assert.deepEqual(refusals(potConfig({ attributes: attrs('raw_sockets:yes', 'children:1') }), policy), [
      'attributes.1: "children:1" weakens the jail (children above 0 lets the jail create jails of its own); to allow it, set allowed_jail_attributes = ["raw_sockets", "children"] in the [plugin] table of /etc/pot-nomad.toml',
    ]);
  });

  it('allow only the configured devfs rulesets, pot\'s default 4 unless told otherwise', () => {
    const config = potConfig({ attributes: attrs('devfs_ruleset:4', 'devfs_ruleset:004', 'devfs_ruleset:0', 'devfs_ruleset:05') });
    assert.deepEqual(refusals(config, PLUGIN_DEFAULT_HOST_POLICY), [
      `attributes.2: "devfs_ruleset:0": devfs ruleset 0 decides which host devices the jail sees and is not allowed on this node (allowed: "4"); to allow it, set devfs_rulesets = ["4", "0"] ${BLOCK}`,
      `attributes.3: "devfs_ruleset:05": devfs ruleset 5 decides which host devices the jail sees and is not allowed on this node (allowed: "4"); to allow it, set devfs_rulesets = ["4", "5"] ${BLOCK}`,
    ]);
    const configured: HostPolicy = { devfsRulesets: { allowed: ['4', '10'], origin: PLUGIN } };
    assert.deepEqual(refusals(potConfig({ attributes: attrs('devfs_ruleset:10', 'devfs_ruleset:4') }), configured), []);
    assert.deepEqual(refusals(potConfig({ attributes: attrs('devfs_ruleset:4') }), { devfsRulesets: { allowed: [], origin: PLUGIN } }), [
      `attributes.0: "devfs_ruleset:4": devfs ruleset 4 decides which host devices the jail sees and is not allowed on this node (allowed: none); to allow it, set devfs_rulesets = ["4"] ${BLOCK}`,
    ]);
  });
});

describe('enforcing the policy', () => {
  it('throws a ConfigError that lists every refusal, as the plugin reports it', () => {
    const config = potConfig({ mount: pairs('/data/www'), attributes: attrs('children:1') });
    assert.throws(() => enforceHostPolicy(config, ALLOC_DIR, PLUGIN_DEFAULT_HOST_POLICY, lexical), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.equal(
        e.message,
        [
          `invalid task config: mount[0]: the host path "/data/www" is not allowed on this node (allowed: the allocation's own directory); to allow it, set allowed_host_paths = ["/data/www"] ${BLOCK}`,
          `attributes[0]: "children:1" weakens the jail (children above 0 lets the jail create jails of its own); to allow it, set allowed_jail_attributes = ["children"] ${BLOCK}`,
        ].join('\n'),
      );
      return true;
    });
    assert.doesNotThrow(() => enforceHostPolicy(potConfig({ mount: pairs(`${ALLOC_DIR}/alloc`) }), ALLOC_DIR, PLUGIN_DEFAULT_HOST_POLICY, lexical));
  });
});

describe('the plugin\'s policy options', () => {
  it('default to the alloc dir only, no weakening attribute and devfs ruleset 4', () => {
    assert.deepEqual(decodeDriverSettings({}).hostPolicy, PLUGIN_DEFAULT_HOST_POLICY);
    assert.deepEqual(decodeDriverSettings({ allowed_host_paths: ['/data/www'], allowed_jail_attributes: ['mount', 'children'], devfs_rulesets: ['4', '5'] }).hostPolicy, {
      hostPaths: { allowed: ['/data/www'], origin: PLUGIN },
      jailAttributes: { allowed: ['mount', 'children'], origin: PLUGIN },
      devfsRulesets: { allowed: ['4', '5'], origin: PLUGIN },
    });
  });

  it('refuse relative prefixes, attributes outside the weakening set and rulesets that are not numbers', () => {
    assert.throws(
      () => decodeDriverSettings({ allowed_host_paths: ['/ok', 'data/www', ''], allowed_jail_attributes: ['raw_socket', 'devfs_ruleset', 'persistent'], devfs_rulesets: ['4', 'four'] }),
      {
        message: [
          'invalid plugin config: allowed_host_paths[1]: "data/www" must be an absolute path, e.g. "/data/www"',
          'allowed_host_paths[2]: "" must be an absolute path, e.g. "/data/www"',
          'allowed_jail_attributes[0]: "raw_socket" is not a jail attribute this option covers; did you mean "raw_sockets"? (it takes mount, enforce_statfs, children, raw_sockets, mlock, sysvshm, sysvsem, sysvmsg)',
          'allowed_jail_attributes[1]: "devfs_ruleset" is allowed by ruleset number: list the numbers in devfs_rulesets, e.g. devfs_rulesets = ["4", "5"]',
          'allowed_jail_attributes[2]: "persistent" is not a jail attribute this option covers (it takes mount, enforce_statfs, children, raw_sockets, mlock, sysvshm, sysvsem, sysvmsg)',
          'devfs_rulesets[1]: "four" is not a devfs ruleset number; write it like "4"',
        ].join('\n'),
      },
    );
  });
});
