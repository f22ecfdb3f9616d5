import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCpuList, parseCpuList } from '../../src/emulator/jail/cgroups.js';
import { isolationSetting } from '../../src/emulator/jail/isolation.js';
import { limitsOf } from '../../src/emulator/jail/launch.js';
import { hostAddresses, parseExportedPorts } from '../../src/emulator/jail/port-relay.js';
import { enterArgs, jailCapabilities, sandboxArgs } from '../../src/emulator/jail/sandbox.js';
import { PotConf } from '../../src/emulator/state.js';

describe('isolated pots: the parts', () => {
  it('builds bwrap\'s argv: namespaces, the hostname, the view, the capabilities, and exec of pot.cmd by the jail\'s sh', () => {
    const view = { args: ['--bind', '/r/m', '/'], entries: [] };
    const args = sandboxArgs({
      view,
      hostname: 'web_1_a.host',
      ownNetwork: true,
      userNamespace: true,
      capabilities: ['CAP_KILL', 'CAP_NET_BIND_SERVICE'],
      command: "python3 -m http.server 80",
      infoFd: 3,
      blockFd: 4,
    });
    assert.deepEqual(args, [
      '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-net',
      '--unshare-user', '--uid', '0', '--gid', '0',
      '--hostname', 'web_1_a.host',
      '--bind', '/r/m', '/',
      '--chdir', '/', '--cap-drop', 'ALL', '--cap-add', 'CAP_KILL', '--cap-add', 'CAP_NET_BIND_SERVICE',
      '--info-fd', '3', '--block-fd', '4',
      '--', '/bin/sh', '-c', 'exec python3 -m http.server 80',
    ]);
    const inherit = sandboxArgs({ view, hostname: 'h', ownNetwork: false, userNamespace: false, capabilities: [], command: 'sleep 1', infoFd: 3, blockFd: 4 });
    assert.deepEqual(inherit.slice(0, 5), ['--unshare-pid', '--unshare-ipc', '--unshare-uts', '--hostname', 'h']);
  });

  it('gives the jail root no raw sockets unless the raw_sockets attribute allows them', () => {
    assert.ok(!jailCapabilities(false).includes('CAP_NET_RAW'));
    assert.ok(jailCapabilities(true).includes('CAP_NET_RAW'));
    assert.ok(!jailCapabilities(true).includes('CAP_SYS_ADMIN'));
  });

  it('enters a running jail with nsenter: its namespaces, root and working directory', () => {
    assert.deepEqual(enterArgs(4242, false, ['mount', 'uts', 'ipc', 'net', 'pid']), [
      '--target', '4242', '--mount', '--uts', '--ipc', '--net', '--pid', '--root', '--wd',
    ]);
    assert.deepEqual(enterArgs(4242, true, ['net', 'pid']), ['--target', '4242', '--user', '--preserve-credentials', '--net', '--pid']);
  });

  it('reads pot.export.ports in prepare\'s -e order, with the protocol and the host port when given', () => {
    assert.deepEqual(parseExportedPorts('udp:53:20053 443 80:20080'), [
      { protocol: 'tcp', jailPort: 80, hostPort: 20080 },
      { protocol: 'tcp', jailPort: 443, hostPort: undefined },
      { protocol: 'udp', jailPort: 53, hostPort: 20053 },
    ]);
    assert.deepEqual(parseExportedPorts(''), []);
  });

  it('listens on the host IP given, plus localhost for localhost-tunnel, and on every address when none is given', () => {
    assert.deepEqual(hostAddresses({ POT_EMULATOR_HOST_IP: '192.0.2.7' }, true), ['192.0.2.7', '127.0.0.1']);
    assert.deepEqual(hostAddresses({ POT_EMULATOR_HOST_IP: '192.0.2.7' }, false), ['192.0.2.7']);
    assert.deepEqual(hostAddresses({ POT_EMULATOR_HOST_IP: '127.0.0.1' }, true), ['127.0.0.1']);
    assert.deepEqual(hostAddresses({}, true), ['0.0.0.0']);
  });

  it('turns set-rss values into limits: pot\'s size suffixes, bytes without one, a CPU count', () => {
    const conf = (lines: string): PotConf => PotConf.parse(lines);
    assert.deepEqual(limitsOf(conf('pot.rss.memory=64M\npot.rss.cpus=2\n')), { memoryBytes: 64 * 1024 * 1024, cpus: 2 });
    assert.deepEqual(limitsOf(conf('pot.rss.memory=1g\n')), { memoryBytes: 1024 ** 3 });
    assert.deepEqual(limitsOf(conf('pot.rss.memory=4096\n')), { memoryBytes: 4096 });
    assert.deepEqual(limitsOf(conf('')), {});
  });

  it('reads and writes cgroup CPU lists', () => {
    assert.deepEqual(parseCpuList('0-3,6\n'), [0, 1, 2, 3, 6]);
    assert.deepEqual(parseCpuList(''), []);
    assert.equal(formatCpuList([1, 3]), '1,3');
  });

  it('takes POT_EMULATOR_ISOLATION as none (also unset) or namespaces, and refuses anything else with what is allowed', () => {
    assert.equal(isolationSetting({}), 'none');
    assert.equal(isolationSetting({ POT_EMULATOR_ISOLATION: 'none' }), 'none');
    assert.equal(isolationSetting({ POT_EMULATOR_ISOLATION: 'namespaces' }), 'namespaces');
    assert.throws(() => isolationSetting({ POT_EMULATOR_ISOLATION: 'jail' }), { message: 'POT_EMULATOR_ISOLATION is "jail": it has to be none or namespaces' });
  });
});
