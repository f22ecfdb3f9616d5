import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backendEnv, chooseBackend, describeBackend, runBackendEnv } from '../../src/cli/runtime/backend.js';
import { decideIsolation, probeNamespaces } from '../../src/cli/runtime/isolation.js';
import { RunError } from '../../src/cli/runtime/run-error.js';
import { runCli } from '../helpers/cli.js';

const MISSING = { reason: 'bubblewrap is not installed', remedy: 'apt install bubblewrap' };

describe('the emulator\'s isolation, as run chooses it', () => {
  it('isolates by default where it can, and otherwise says in one line what is not isolated and how to get it', () => {
    assert.deepEqual(decideIsolation('auto', () => undefined), { isolation: 'namespaces' });
    assert.deepEqual(decideIsolation('auto', () => MISSING), {
      isolation: 'none',
      note:
        "Jails are not isolated (bubblewrap is not installed): tasks see the host's files and network, mount_read_only is writable, " +
        'port_map is not forwarded and memory limits are not applied; to isolate them: apt install bubblewrap',
    });
  });

  it('refuses --isolation namespaces where it cannot be had, and never probes for --isolation none', () => {
    assert.throws(() => decideIsolation('namespaces', () => MISSING), (e: unknown) =>
      e instanceof RunError && e.message === '--isolation namespaces cannot be had here: bubblewrap is not installed; apt install bubblewrap, or use --isolation none');
    assert.deepEqual(decideIsolation('none', () => assert.fail('probed')), { isolation: 'none' });
  });

  it('says that a machine without Linux namespaces has none', () => {
    assert.deepEqual(probeNamespaces('darwin'), { reason: 'darwin has no Linux namespaces', remedy: 'run pot-nomad on Linux' });
  });

  it('hands the emulator its isolation and the host IP for forwarded ports, and restores them from a run record', () => {
    const backend = chooseBackend({ emulate: true, emulatorRoot: '/emu', isolation: 'auto', probeIsolation: () => undefined });
    assert.deepEqual(backend, { kind: 'emulator', bin: backend.bin, emulatorRoot: '/emu', isolation: 'namespaces' });
    assert.equal(describeBackend(backend), `Using the built-in pot emulator (${backend.bin}); its pots live in /emu; its jails are isolated with bubblewrap`);
    assert.deepEqual(backendEnv(backend, '10.0.0.5'), { POT_EMULATOR_ROOT: '/emu', POT_EMULATOR_ISOLATION: 'namespaces', POT_EMULATOR_HOST_IP: '10.0.0.5' });
    assert.deepEqual(runBackendEnv({ emulatorRoot: '/emu', isolation: 'none', hostIp: '127.0.0.1' }), {
      POT_EMULATOR_ROOT: '/emu', POT_EMULATOR_ISOLATION: 'none', POT_EMULATOR_HOST_IP: '127.0.0.1',
    });
    // real pot's jails are jails: nothing to decide, nothing to pass
    assert.deepEqual(chooseBackend({ potBin: '/usr/local/bin/pot', isolation: 'namespaces', probeIsolation: () => MISSING }), { kind: 'pot', bin: '/usr/local/bin/pot' });
    assert.deepEqual(runBackendEnv({ hostIp: '127.0.0.1' }), {});
  });

  it('refuses an unknown --isolation with what it takes', () => {
    const r = runCli(['run', '--isolation', 'jail', 'fixtures/jobs/hello.nomad.hcl']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'error: --isolation expects "namespaces", "none" or "auto"; got "jail"\nRun "pot-nomad --help" for usage.\n');
  });
});
