import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPotConfig, decodePotConfig, NUL_PROBLEM } from '../../src/driver/config.js';
import { ConfigError } from '../../src/driver/errors.js';

const base = { image: 'https://potluck.honeyguide.net/nginx-nomad', pot: 'nginx-nomad-amd64-13_1', tag: '1.1.13' };
const messages = (raw: Record<string, unknown>, labels?: string[]) =>
  checkPotConfig(raw, labels ? { portLabels: new Set(labels) } : {}).issues.map((i) => `${i.severity} ${JSON.stringify(i.path)} ${i.message}`);

describe('checkPotConfig', () => {
  it('decodes a full config, splitting entries at the first colon', () => {
    const { config, issues } = checkPotConfig({
      ...base,
      command: 'nginx',
      args: ['-g', 'daemon off;'],
      network_mode: 'public-bridge',
      port_map: [{ http: '80' }, { dns: 'udp:53' }],
      copy: ['/a/b.conf:/etc/b.conf'],
      mount: ['/srv/www:/mnt'],
      mount_read_only: ['/srv/tls:/etc/tls'],
      extra_hosts: ['db:10.0.0.5'],
      attributes: ['exec_stop:/bin/stop -t 5:now'],
    });
    assert.deepEqual(issues, []);
    assert.deepEqual(config, {
      image: base.image,
      pot: base.pot,
      tag: base.tag,
      command: 'nginx',
      args: ['-g', 'daemon off;'],
      networkMode: 'public-bridge',
      portMap: { http: '80', dns: 'udp:53' },
      copy: [{ source: '/a/b.conf', destination: '/etc/b.conf' }],
      mount: [{ source: '/srv/www', destination: '/mnt' }],
      mountReadOnly: [{ source: '/srv/tls', destination: '/etc/tls' }],
      extraHosts: ['db:10.0.0.5'],
      attributes: [{ name: 'exec_stop', value: '/bin/stop -t 5:now' }],
    });
  });

  it('accepts the attribute form of port_map and converts numbers to strings', () => {
    const { config } = checkPotConfig({ ...base, port_map: { http: 80 }, tag: 1.5 });
    assert.deepEqual(config?.portMap, { http: '80' });
    assert.equal(config?.tag, '1.5');
  });

  it('suggests the right name for the seed README typo', () => {
    assert.deepEqual(messages({ ...base, commad: 'nginx' }), ['error ["commad"] unknown option; did you mean "command"?']);
  });

  it('reports every missing required field with an example', () => {
    assert.deepEqual(messages({ pot: 'p' }), [
      'error ["image"] is required (Base URL of the image registry, passed to `pot prepare -U`); for example image = "https://potluck.honeyguide.net/nginx-nomad"',
      'error ["tag"] is required (Version of the image, `pot prepare -t`); for example tag = "1.1.13"',
    ]);
  });

  it('reports wrong types', () => {
    assert.deepEqual(messages({ ...base, command: 'x', args: 'a b' }), [
      `error ["args"] must be a list of string, not the string "a b"; for example args = ["-g", "'daemon off;'"]`,
    ]);
  });

  it('refuses args without command', () => {
    assert.deepEqual(messages({ ...base, args: ['-g'] }), ['error ["args"] is set but "command" is empty; pot runs arguments only as part of a command, so set command = "..." or remove args']);
  });

  it('refuses entries without ":" in every list that needs one, naming the entry', () => {
    assert.deepEqual(messages({ ...base, copy: ['/a'], mount: ['/srv:/m', '/b'], mount_read_only: ['/c'], attributes: ['procfs'], extra_hosts: ['db'] }), [
      'error ["copy",0] "/a" has no ":"; write "<host path>:<jail path>", e.g. "/host/dir:/jail/dir"',
      'error ["mount",1] "/b" has no ":"; write "<host path>:<jail path>", e.g. "/host/dir:/jail/dir"',
      'error ["mount_read_only",0] "/c" has no ":"; write "<host path>:<jail path>", e.g. "/host/dir:/jail/dir"',
      'error ["extra_hosts",0] "db" has no ":"; write "<hostname>:<IP>", e.g. "db.internal:10.0.0.5"',
      'error ["attributes",0] "procfs" has no ":"; write "<attribute>:<value>", e.g. "devfs_ruleset:4"',
    ]);
  });

  it('requires absolute host paths without ".." and sane mount points', () => {
    assert.deepEqual(messages({ ...base, mount: ['www:/mnt', '/srv/../etc:/x', '/srv:/', '/a b:/c'], copy: ['/a:rel'] }), [
      'error ["copy",0] "/a:rel": the jail path "rel" must be absolute',
      'error ["mount",0] "www:/mnt": the host path "www" must be absolute',
      'error ["mount",1] "/srv/../etc:/x": the host path "/srv/../etc" must not contain ".."',
      'error ["mount",2] "/srv:/": "/" cannot be a mount point',
      'error ["mount",3] "/a b:/c": pot mount-in does not accept paths with spaces',
    ]);
  });

  it('explains why alias and private-bridge cannot work, and suggests for typos', () => {
    assert.match(messages({ ...base, network_mode: 'alias' })[0]!, /^error \["network_mode"\] "alias" cannot work with this driver: pot needs a static IP address/);
    assert.match(messages({ ...base, network_mode: 'private-bridge' })[0]!, /^error \["network_mode"\] "private-bridge" cannot work with this driver: pot needs the name of a bridge/);
    assert.deepEqual(messages({ ...base, network_mode: 'public_bridge' }), [
      'error ["network_mode"] "public_bridge" is not a network mode pot knows; did you mean "public-bridge"? (use "public-bridge", "host" or "inherit")',
    ]);
  });

  it('checks port_map labels against the network and values as ports', () => {
    assert.deepEqual(messages({ ...base, port_map: { htp: '80', db: '99999' } }, ['http', 'db']), [
      'error ["port_map","htp"] label "htp" is not a port of this task\'s network; did you mean "http"? (ports: http, db)',
      'error ["port_map","db"] "99999" is not a port inside the jail; use a number from 1 to 65535, optionally prefixed with "tcp:" or "udp:"',
    ]);
    assert.deepEqual(messages({ ...base, port_map: [{ web: '80' }] }, []), [
      'error ["port_map",0,"web"] label "web" is not a port of this task\'s network (the group defines no ports; add network { port "web" {} })',
    ]);
  });

  it('warns that port_map is ignored on the host stack', () => {
    assert.deepEqual(messages({ ...base, network_mode: 'host', port_map: { http: '80' } }, ['http']), [
      'warning ["port_map"] is ignored with network_mode "host": the jail shares the host\'s network, so the task must listen on its host port (NOMAD_PORT_<label>) itself',
    ]);
  });

  it('checks attribute names and values against pot 0.16.0', () => {
    assert.deepEqual(messages({ ...base, attributes: ['devfs_rulset:4', 'procfs:maybe', 'children:-1', 'sysvshm:yes', 'to-be-pruned:YES', 'persistent:NO'] }), [
      'error ["attributes",0] "devfs_rulset" is not a pot attribute; did you mean "devfs_ruleset"? (see pot help set-attr)',
      'error ["attributes",1] attribute "procfs" needs a boolean: yes, no, true, false, on or off, not "maybe"',
      'error ["attributes",2] attribute "children" needs a whole number such as 0 or 4, not "-1"',
      'error ["attributes",3] attribute "sysvshm" needs one of new, inherit, disable, not "yes"',
      'error ["attributes",4] "to-be-pruned" is read-only in pot and cannot be set',
    ]);
  });

  it('checks extra_hosts names and addresses', () => {
    assert.deepEqual(messages({ ...base, extra_hosts: ['db:10.0.0.300', 'b@d:10.0.0.1', 'v6:fd00::1'] }), [
      'error ["extra_hosts",0] "10.0.0.300" is not an IP address; write "<hostname>:<IP>", e.g. "db.internal:10.0.0.5"',
      'error ["extra_hosts",1] "b@d" is not a valid hostname',
    ]);
  });

  it('decodePotConfig throws one ConfigError listing every error', () => {
    assert.throws(
      () => decodePotConfig({ pot: 'p', tag: 't', mount: ['/x'] }),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.issues.length === 2 &&
        e.message ===
          'invalid task config: image: is required (Base URL of the image registry, passed to `pot prepare -U`); for example image = "https://potluck.honeyguide.net/nginx-nomad"\n' +
            'mount[0]: "/x" has no ":"; write "<host path>:<jail path>", e.g. "/host/dir:/jail/dir"',
    );
  });

  it('refuses a NUL byte in every field, entry and map key, with that one message per entry', () => {
    const nul = 'a\u0000b';
    const raw = {
      image: `https://x/${nul}`,
      pot: nul,
      tag: nul,
      command: nul,
      args: ['ok', nul],
      network_mode: nul,
      port_map: [{ http: nul }, { [nul]: '80' }],
      copy: [`/srv/${nul}:/dst`],
      mount: [`/srv/${nul}:/mnt`],
      mount_read_only: [`/srv:/ro/${nul}`],
      extra_hosts: [`${nul}:10.0.0.5`],
      attributes: [`procfs:${nul}`],
    };
    assert.deepEqual(messages(raw, ['http']), [
      `error ["image"] ${NUL_PROBLEM}`,
      `error ["pot"] ${NUL_PROBLEM}`,
      `error ["tag"] ${NUL_PROBLEM}`,
      `error ["command"] ${NUL_PROBLEM}`,
      `error ["args",1] ${NUL_PROBLEM}`,
      `error ["network_mode"] ${NUL_PROBLEM}`,
      `error ["port_map",0,"http"] ${NUL_PROBLEM}`,
      `error ["port_map",1] the key "a\\u0000b" ${NUL_PROBLEM}`,
      `error ["copy",0] ${NUL_PROBLEM}`,
      `error ["mount",0] ${NUL_PROBLEM}`,
      `error ["mount_read_only",0] ${NUL_PROBLEM}`,
      `error ["extra_hosts",0] ${NUL_PROBLEM}`,
      `error ["attributes",0] ${NUL_PROBLEM}`,
    ]);
    assert.throws(() => decodePotConfig({ ...base, command: 'x', args: ['ok', nul] }), {
      name: 'ConfigError',
      message: `invalid task config: args[1]: ${NUL_PROBLEM}`,
    });
    // Without a NUL the same fields are checked as usual.
    assert.deepEqual(messages({ ...base, port_map: { http: 'x' } }, ['http']), [
      'error ["port_map","http"] "x" is not a port inside the jail; use a number from 1 to 65535, optionally prefixed with "tcp:" or "udp:"',
    ]);
  });
});
