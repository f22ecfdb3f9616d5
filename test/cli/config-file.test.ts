import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigFileError, configCandidates, loadConfigFile, parseConfigText } from '../../src/cli/config-file.js';
import { PLUGIN_CONFIG_SCHEMA } from '../../src/driver/schema.js';

const FILE = '/etc/pn/pot-nomad.toml';

function fails(text: string, message: string): void {
  assert.throws(
    () => parseConfigText(text, FILE),
    (e: unknown) => e instanceof ConfigFileError && e.message === message,
  );
}

describe('parseConfigText', () => {
  it('reads every key, resolving relative paths from the file', () => {
    const text = [
      'pot_bin = "bin/pot"',
      'data_dir = "/var/tmp/pot-nomad"',
      'emulator_root = "emu"',
      'host_ip = "10.0.0.5"',
      'port_range = { min = 21000, max = 21999 }',
      '',
      '[plugin]',
      'enabled = false',
      'pot_bin = "/opt/pot/bin/pot"',
    ].join('\n');
    assert.deepEqual(parseConfigText(text, FILE), {
      potBin: '/etc/pn/bin/pot',
      dataDir: '/var/tmp/pot-nomad',
      emulatorRoot: '/etc/pn/emu',
      hostIp: '10.0.0.5',
      portRange: { min: 21000, max: 21999 },
      plugin: { enabled: false, pot_bin: '/opt/pot/bin/pot' },
    });
  });

  it('accepts port_range as a table and keeps a bare pot_bin for PATH lookup', () => {
    assert.deepEqual(parseConfigText('pot_bin = "pot"\n[port_range]\nmin = 20000\nmax = 20010\n', FILE), { potBin: 'pot', portRange: { min: 20000, max: 20010 }, plugin: {} });
    assert.deepEqual(parseConfigText('', FILE), { plugin: {} });
  });

  it('takes the plugin keys from the driver schema', () => {
    const keys = PLUGIN_CONFIG_SCHEMA.fields.map((f) => f.name);
    assert.ok(keys.length > 0);
    fails('[plugin]\nnot_a_field = 1\n', `${FILE}:2: unknown key "plugin.not_a_field"`);
  });

  it('names file, line and key of unknown keys, with a suggestion', () => {
    fails('# settings\npot_bn = "pot"\n', `${FILE}:2: unknown key "pot_bn"; did you mean "pot_bin"?`);
    fails('[plugin]\nenabeld = true\n', `${FILE}:2: unknown key "plugin.enabeld"; did you mean "enabled"?`);
    fails('port_range = { min = 1, mx = 2 }\n', `${FILE}:1: unknown key "port_range.mx"; did you mean "max"?\n${FILE}:1: "port_range" needs both "min" and "max"`);
    fails('[plugn]\nenabled = true\n', `${FILE}:1: unknown key "plugn"; did you mean "plugin"?`);
  });

  it('names file, line and key of values of the wrong type', () => {
    fails('\n\nhost_ip = 5\n', `${FILE}:3: "host_ip" must be an IP address such as "127.0.0.1", not 5`);
    fails('host_ip = "localhost"\n', `${FILE}:1: "host_ip" must be an IP address such as "127.0.0.1", not "localhost"`);
    fails('data_dir = ["a"]\n', `${FILE}:1: "data_dir" must be a non-empty string, not an array`);
    fails('[plugin]\nenabled = "yes"\n', `${FILE}:2: "plugin.enabled" must be a boolean, not a string; e.g. enabled = true`);
    fails('plugin.pot_bin = 3\n', `${FILE}:1: "plugin.pot_bin" must be a string, not an integer; e.g. pot_bin = "/usr/local/bin/pot"`);
    fails('plugin = "x"\n', `${FILE}:1: "plugin" must be a table ([plugin]), not a string`);
  });

  it('takes isolation as "auto", "none" or "namespaces" and names the file and line of anything else', () => {
    assert.deepEqual(parseConfigText('isolation = "namespaces"\n', FILE), { isolation: 'namespaces', plugin: {} });
    assert.deepEqual(parseConfigText('isolation = "none"\n', FILE), { isolation: 'none', plugin: {} });
    fails('\nisolation = "jail"\n', `${FILE}:2: "isolation" must be "auto", "none" or "namespaces", not "jail"`);
    fails('isolation = true\n', `${FILE}:1: "isolation" must be "auto", "none" or "namespaces", not a boolean`);
  });

  it('checks the port range', () => {
    fails('[port_range]\nmin = 0\nmax = 70000\n', `${FILE}:2: "port_range.min" must be an integer from 1 to 65535, not 0\n${FILE}:3: "port_range.max" must be an integer from 1 to 65535, not 70000`);
    fails('port_range = { min = 30000, max = 20000 }\n', `${FILE}:1: "port_range.min" (30000) must not be greater than "port_range.max" (20000)`);
    fails('port_range = { min = 30000 }\n', `${FILE}:1: "port_range" needs both "min" and "max"`);
    fails('port_range = 5\n', `${FILE}:1: "port_range" must be a table such as { min = 20000, max = 32000 }, not an integer`);
  });

  it('reports every problem at once', () => {
    fails('pot_bn = 1\nhost_ip = 2\n', `${FILE}:1: unknown key "pot_bn"; did you mean "pot_bin"?\n${FILE}:2: "host_ip" must be an IP address such as "127.0.0.1", not 2`);
  });

  it('names file, line and column of TOML syntax errors', () => {
    fails('a = 1\nb = [1,\nc = 2\n', `${FILE}:3:1: invalid TOML: invalid value`);
    fails('data_dir = "x"\ndata_dir = "y"\n', `${FILE}:2:1: invalid TOML: trying to redefine an already defined table or value`);
  });
});

describe('loadConfigFile', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'pot-nomad-config-'));
    await mkdir(join(root, 'project'));
    await mkdir(join(root, 'home', '.config', 'pot-nomad'), { recursive: true });
    await mkdir(join(root, 'xdg', 'pot-nomad'), { recursive: true });
    await writeFile(join(root, 'home', '.config', 'pot-nomad', 'pot-nomad.toml'), 'host_ip = "10.0.0.1"\n');
    await writeFile(join(root, 'xdg', 'pot-nomad', 'pot-nomad.toml'), 'host_ip = "10.0.0.2"\n');
    await writeFile(join(root, 'other.toml'), 'host_ip = "10.0.0.3"\n');
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('looks in the working directory, then the user config dir', () => {
    assert.deepEqual(configCandidates({ cwd: '/w', env: {}, homeDir: '/h' }), ['/w/pot-nomad.toml', '/h/.config/pot-nomad/pot-nomad.toml']);
    assert.deepEqual(configCandidates({ cwd: '/w', env: { XDG_CONFIG_HOME: '/x' }, homeDir: '/h' }), ['/w/pot-nomad.toml', '/x/pot-nomad/pot-nomad.toml']);
    assert.deepEqual(configCandidates({ cwd: '/w', env: { XDG_CONFIG_HOME: 'relative' }, homeDir: '/h' }), ['/w/pot-nomad.toml', '/h/.config/pot-nomad/pot-nomad.toml']);
    assert.deepEqual(configCandidates({ configPath: 'c.toml', cwd: '/w', env: {}, homeDir: '/h' }), ['/w/c.toml']);
  });

  it('loads the first file found', async () => {
    const cwd = join(root, 'project');
    const home = join(root, 'home');
    assert.equal((await loadConfigFile({ cwd, env: {}, homeDir: home }))?.config.hostIp, '10.0.0.1');
    assert.equal((await loadConfigFile({ cwd, env: { XDG_CONFIG_HOME: join(root, 'xdg') }, homeDir: home }))?.config.hostIp, '10.0.0.2');
    await writeFile(join(cwd, 'pot-nomad.toml'), 'host_ip = "10.0.0.4"\n');
    assert.deepEqual(await loadConfigFile({ cwd, env: {}, homeDir: home }), { file: join(cwd, 'pot-nomad.toml'), config: { hostIp: '10.0.0.4', plugin: {} } });
    assert.equal((await loadConfigFile({ configPath: '../other.toml', cwd, env: {}, homeDir: home }))?.config.hostIp, '10.0.0.3');
    assert.equal(await loadConfigFile({ cwd: root, env: {}, homeDir: join(root, 'nowhere') }), undefined);
  });

  it('requires a file given with --config', async () => {
    await assert.rejects(
      loadConfigFile({ configPath: 'missing.toml', cwd: root, env: {}, homeDir: root }),
      (e: unknown) => e instanceof ConfigFileError && e.message === `${join(root, 'missing.toml')}: cannot read the settings file: no such file`,
    );
  });
});
